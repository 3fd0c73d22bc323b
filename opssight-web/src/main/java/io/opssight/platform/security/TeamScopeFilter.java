package io.opssight.platform.security;

import io.opssight.access.control.CallerTeams;
import io.opssight.access.entity.Identity;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Hands a team-scoped caller's teams to the EJB layer for this request ({@link CallerTeams}), after
 * {@link BearerAuthentication} established who is calling. Callers without a team restriction
 * leave it unrestricted.
 */
@WebFilter(urlPatterns = "/*")
public class TeamScopeFilter extends HttpFilter {

    @Inject
    CallerTeams teams;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(BearerAuthentication.REQUEST_IDENTITY) instanceof Identity identity && identity.teamScoped()) {
            teams.limitTo(identity.teams());
        }
        chain.doFilter(request, response);
    }
}
