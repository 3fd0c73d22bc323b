package io.opssight.access.boundary;

import io.opssight.access.control.GitHubApi;
import io.opssight.access.control.Grants;
import io.opssight.access.control.Pkce;
import io.opssight.access.entity.Identity;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Console sign-in with a GitHub OAuth app (github.com or GitHub Enterprise Server). GitHub is not
 * OpenID Connect: there is no discovery and no ID token, so the identity is what GitHub's API
 * answers with the user's access token. {@link #begin} makes the {@code state} and PKCE (S256)
 * verifier the browser's session keeps and GitHub's authorization URL (scope
 * {@code read:user user:email read:org}); {@link #complete} checks the state (single use, 10 min),
 * exchanges the code with the client secret and the verifier, reads {@code GET /user},
 * {@code GET /user/teams} and, when organisations are required, {@code GET /user/orgs}; refuses users
 * outside the allowed organisations; and maps memberships ({@code org} and {@code org/team-slug}) to
 * roles with the same {@code group=role[@team]} mapping as OIDC groups. The access token is used for
 * these reads only and then forgotten. Audited as {@code auth.login} / {@code auth.login-failed}
 * with method github.
 */
@Stateless
@PermitAll
public class GitHubSignIn {

    private static final System.Logger LOGGER = System.getLogger(GitHubSignIn.class.getName());
    static final Duration PENDING_FOR = Duration.ofMinutes(10);
    static final String DEFAULT_BASE = "https://github.com";
    static final String DEFAULT_API = "https://api.github.com";
    static final String DEFAULT_SCOPES = "read:user user:email read:org";

    /** What the session keeps between the redirect to GitHub and the callback. */
    public record Pending(String state, String verifier, String redirectUri, String next, Instant createdAt)
            implements Serializable {
    }

    /** A started sign-in: what to keep, and where to send the browser. */
    public record Started(Pending pending, String authorizationUrl) {
    }

    /** The settings, read at each use ({@code opssight.github.*}). */
    record Settings(String clientId, String clientSecret, String baseUrl, String apiUrl, Optional<String> redirectUri,
            String scopes, Set<String> allowedOrganizations, String teamRoles) {

        static Settings read() {
            Config config = ConfigProvider.getConfig();
            String base = value(config, "base-url").orElse(DEFAULT_BASE).replaceAll("/+$", "");
            // GitHub Enterprise Server serves its REST API under /api/v3 of its own host.
            String api = value(config, "api-url").orElse(base.equals(DEFAULT_BASE) ? DEFAULT_API : base + "/api/v3");
            return new Settings(value(config, "client-id").orElse(""), value(config, "client-secret").orElse(""),
                    base, api.replaceAll("/+$", ""), value(config, "redirect-uri"),
                    value(config, "scopes").orElse(DEFAULT_SCOPES),
                    Arrays.stream(value(config, "allowed-organizations").orElse("").split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                            .collect(Collectors.toCollection(LinkedHashSet::new)),
                    value(config, "team-roles").orElse(""));
        }

        private static Optional<String> value(Config config, String key) {
            return config.getOptionalValue("opssight.github." + key, String.class).map(String::trim).filter(v -> !v.isEmpty());
        }
    }

    @Inject
    GitHubApi github;

    @Inject
    Grants grants;

    @Inject
    AuditWriter audit;

    /** Whether a GitHub OAuth app is configured (client id and secret), so the console offers it. */
    public static boolean configured() {
        Settings settings = Settings.read();
        return !settings.clientId().isEmpty() && !settings.clientSecret().isEmpty();
    }

    /** Starts a sign-in; {@code redirectUri} is used unless {@code opssight.github.redirect-uri} is configured. */
    public Started begin(String redirectUri, String next) {
        Settings settings = Settings.read();
        String redirect = settings.redirectUri().orElse(redirectUri);
        Pending pending = new Pending(Pkce.random(), Pkce.random(), redirect, next, Instant.now());
        String url = settings.baseUrl() + "/login/oauth/authorize?client_id=" + enc(settings.clientId())
                + "&redirect_uri=" + enc(redirect) + "&scope=" + enc(settings.scopes()) + "&state=" + pending.state()
                + "&code_challenge=" + Pkce.challenge(pending.verifier()) + "&code_challenge_method=S256"
                + "&allow_signup=false";
        return new Started(pending, url);
    }

    /**
     * The identity GitHub vouches for, or empty (the reason is audited and logged). {@code error} is
     * GitHub's {@code error} callback parameter (e.g. {@code access_denied} when the user declined).
     */
    public Optional<Identity> complete(Pending pending, String state, String code, String error) {
        if (pending == null || !Pkce.same(pending.state(), state)
                || Instant.now().isAfter(pending.createdAt().plus(PENDING_FOR))) {
            return failed("no matching sign-in started in this session (state)", null);
        }
        if (error != null && !error.isBlank()) {
            return failed("GitHub answered " + abbreviate(error), null);
        }
        if (code == null || code.isBlank()) {
            return failed("no code", null);
        }
        Settings settings = Settings.read();
        String login;
        long id;
        Set<String> orgs = new LinkedHashSet<>();
        Set<String> teams = new LinkedHashSet<>();
        try {
            String token = github.exchange(settings.baseUrl(), settings.clientId(), settings.clientSecret(), code,
                    pending.redirectUri(), pending.verifier());
            JsonObject user = github.user(settings.apiUrl(), token);
            login = user.getString("login", "");
            id = user.containsKey("id") && user.get("id").getValueType() == JsonValue.ValueType.NUMBER
                    ? user.getJsonNumber("id").longValue() : -1;
            if (login.isBlank() || login.length() > 100) {
                return failed("GET /user named no login", null);
            }
            for (JsonObject team : github.list(settings.apiUrl(), "/user/teams", token)) {
                String org = organization(team);
                String slug = team.getString("slug", "");
                if (!org.isEmpty() && !slug.isEmpty()) {
                    orgs.add(org);
                    teams.add(org + "/" + slug.toLowerCase(Locale.ROOT));
                }
            }
            if (!settings.allowedOrganizations().isEmpty()) {
                for (JsonObject org : github.list(settings.apiUrl(), "/user/orgs", token)) {
                    String name = org.getString("login", "");
                    if (!name.isEmpty()) {
                        orgs.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (GitHubApi.Refused e) {
            return failed(e.getMessage(), null);
        }
        if (!settings.allowedOrganizations().isEmpty()) {
            if (orgs.stream().noneMatch(settings.allowedOrganizations()::contains)) {
                return failed("not a member of an allowed organisation (" + String.join(", ",
                        settings.allowedOrganizations()) + ")", login);
            }
            // Memberships elsewhere give nothing when the organisations are restricted.
            orgs.retainAll(settings.allowedOrganizations());
            teams.removeIf(t -> !settings.allowedOrganizations().contains(t.substring(0, t.indexOf('/'))));
        }
        Set<String> memberships = new LinkedHashSet<>(orgs);
        memberships.addAll(teams);
        List<Grants.Grant> granted = grants.fromMapping(memberships, settings.teamRoles(), true);
        Identity identity = Grants.identity("github:" + login, granted);
        audit.append(identity.name(), "auth.login", login, AuditEntry.SUCCESS, "github " + settings.baseUrl()
                + " (user id " + id + ", " + granted.size() + " role grants)");
        LOGGER.log(Level.INFO, "GitHub user {0} signed in", login);
        return Optional.of(identity);
    }

    private static String organization(JsonObject team) {
        JsonValue org = team.get("organization");
        return org instanceof JsonObject o ? o.getString("login", "").toLowerCase(Locale.ROOT) : "";
    }

    private Optional<Identity> failed(String reason, String login) {
        LOGGER.log(Level.INFO, "GitHub sign-in refused: {0}", reason);
        audit.append("anonymous", "auth.login-failed", login, AuditEntry.DENIED, "github: " + reason);
        return Optional.empty();
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) : clean;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
