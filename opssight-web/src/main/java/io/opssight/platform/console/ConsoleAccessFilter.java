package io.opssight.platform.console;

import io.opssight.access.entity.Permission;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Deny by default for the console: every page names the permission it needs here; a page not
 * listed is refused to everyone. Anonymous visitors are sent to sign in; signed-in users without
 * the permission get 403. Also sets the console's security headers.
 */
@WebFilter(urlPatterns = {"*.xhtml", "/"})
public class ConsoleAccessFilter extends HttpFilter {

    /**
     * Page → permission ("" means public; "a|b" means either). A page missing here is a 404 for
     * everyone.
     */
    static final Map<String, String> PAGES = Map.ofEntries(
            Map.entry("/login.xhtml", ""),
            Map.entry("/index.xhtml", Permission.CONSOLE_USE),
            Map.entry("/deployments.xhtml", Permission.DEPLOYMENTS_READ),
            Map.entry("/service.xhtml", Permission.DEPLOYMENTS_READ + "|" + Permission.DORA_READ),
            Map.entry("/pipelines.xhtml", Permission.PIPELINES_READ),
            Map.entry("/dora.xhtml", Permission.DORA_READ),
            Map.entry("/incidents.xhtml", Permission.INCIDENTS_READ),
            Map.entry("/alerts.xhtml", Permission.ALERTS_READ),
            // Automation runs, Terraform plans and workloads: deployment-like facts, no permission of their own yet.
            Map.entry("/infrastructure.xhtml", Permission.DEPLOYMENTS_READ),
            Map.entry("/audit.xhtml", Permission.AUDIT_READ),
            // Admin pages: reading needs the read permission; each change is checked again by its boundary.
            Map.entry("/admin/sources.xhtml", Permission.SOURCES_READ),
            Map.entry("/admin/dead-letters.xhtml", Permission.SOURCES_READ),
            Map.entry("/admin/tokens.xhtml", Permission.TOKENS_MANAGE),
            Map.entry("/admin/teams.xhtml", Permission.TEAMS_READ));

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        String page = request.getRequestURI().substring(request.getContextPath().length());
        if (page.isEmpty() || page.equals("/")) {
            page = "/index.xhtml";
        }
        if (page.startsWith("/jakarta.faces.resource/")) {
            // Stylesheets, scripts and images of the console: public, like any static asset.
            chain.doFilter(request, response);
            return;
        }
        String needed = PAGES.get(page);
        if (needed == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!needed.isEmpty()) {
            if (request.getUserPrincipal() == null) {
                String next = URLEncoder.encode(page + (request.getQueryString() == null ? "" : "?" + request.getQueryString()),
                        StandardCharsets.UTF_8);
                response.sendRedirect(request.getContextPath() + "/login.xhtml?next=" + next);
                return;
            }
            if (Arrays.stream(needed.split("\\|")).noneMatch(request::isUserInRole)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "You need the permission " + needed.replace("|", " or ") + " for this page.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
