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
import java.net.URI;

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
            Map.entry("/admin/teams.xhtml", Permission.TEAMS_READ),
            Map.entry("/admin/users.xhtml", Permission.USERS_MANAGE),
            Map.entry("/admin/roles.xhtml", Permission.USERS_MANAGE));

    /** Whether a POST names another origin than the one it was sent to (Origin, else Referer). */
    static boolean crossOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            String referer = request.getHeader("Referer");
            if (referer == null || referer.isBlank()) {
                return false;
            }
            origin = referer;
        }
        if ("null".equals(origin.trim())) {
            return true;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null) {
                return true;
            }
            // A proxy may rewrite Host but reports the original in X-Forwarded-Host; a cross-site form
            // cannot set either header, so both are safe to compare against.
            for (String host : new String[] {request.getHeader("Host"), request.getHeader("X-Forwarded-Host")}) {
                if (host != null && uri.getRawAuthority().equalsIgnoreCase(host.split(",")[0].trim())) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // PrimeFaces renders inline scripts and evaluates ajax updates, hence 'unsafe-inline'/'unsafe-eval'
        // (not met, listed in docs/SECURITY.md: PrimeFaces' CSP nonce mode is not switched on yet);
        // everything else is locked to this origin.
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
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
        if ("POST".equals(request.getMethod()) && crossOrigin(request)) {
            // CSRF, second line: browsers send Origin on every POST; a form from another site is refused
            // before Faces sees it (the first line is the view state, unguessable and tied to the session).
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Cross-origin form posts are refused.");
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
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "You need the permission " + needed.replace("|", " or ")
                        + " for this page.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
