package io.opssight.platform.console;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.security.TokenCredential;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import io.opssight.access.boundary.GitHubSignIn;
import io.opssight.access.boundary.OidcSignIn;
import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;

/**
 * Console sign-in with a local username and password, or with an API token (the first-start admin
 * token works). A failed password sign-in says the same whatever the reason (unknown user, wrong
 * password, locked or disabled account); {@code LocalAccounts} audits it. Sign-out ends the session.
 */
@Named
@RequestScoped
public class SignIn {

    @Inject
    SecurityContext security;

    @EJB
    AuditTrail audit;

    /** What a failed password sign-in says, whatever the reason. */
    static final String PASSWORD_FAILED = "Sign-in failed: wrong username or password, or the account is locked or disabled.";

    private String token;
    private String next;
    private String username;
    private String password;

    public void signInWithPassword() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        String name = username == null ? "" : username.trim();
        AuthenticationStatus status = security.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(), AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(name, new Password(password == null ? "" : password)))
                        .newAuthentication(true));
        password = null;
        if (status == AuthenticationStatus.SUCCESS) {
            external.redirect(external.getRequestContextPath() + safeNext());
            faces.responseComplete();
        } else {
            ((HttpServletResponse) external.getResponse()).setStatus(200);
            faces.addMessage("local:password", new FacesMessage(FacesMessage.SEVERITY_ERROR, PASSWORD_FAILED, PASSWORD_FAILED));
        }
    }

    public void signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        AuthenticationStatus status = security.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().credential(new TokenCredential(token == null ? ""
                        : token.trim())).newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS) {
            audit.recordApart(((HttpServletRequest) external.getRequest()).getUserPrincipal().getName(), "console.sign-in",
                    null, AuditEntry.SUCCESS, null);
            external.redirect(external.getRequestContextPath() + safeNext());
            faces.responseComplete();
        } else {
            audit.recordApart("anonymous", "console.sign-in", null, AuditEntry.DENIED, "token not accepted");
            ((HttpServletResponse) external.getResponse()).setStatus(200);
            faces.addMessage("login:token", new FacesMessage(FacesMessage.SEVERITY_ERROR, "The token was not accepted.",
                    "The token was not accepted: it is unknown, expired or revoked."));
        }
    }

    public void signOut() throws IOException, ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (request.getUserPrincipal() != null) {
            audit.recordApart(request.getUserPrincipal().getName(), "console.sign-out", null, AuditEntry.SUCCESS, null);
        }
        request.logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
    }

    /** Only local console paths, so the sign-in cannot be used as an open redirect. */
    String safeNext() {
        return safePath(next);
    }

    /** {@code next} when it is a local console path, else the overview. */
    public static String safePath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/index.xhtml";
        }
        return next;
    }

    /** Whether single sign-on (OIDC) is configured, so the page offers it. */
    public boolean isSsoEnabled() {
        return OidcSignIn.configured();
    }

    /** Whether a GitHub OAuth app is configured, so the page offers "Sign in with GitHub". */
    public boolean isGithubEnabled() {
        return GitHubSignIn.configured();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
