package io.opssight.access.boundary;

import io.opssight.access.control.Grants;
import io.opssight.access.control.JwtVerifier;
import io.opssight.access.control.OidcProvider;
import io.opssight.access.control.Pkce;
import io.opssight.access.entity.Identity;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Console sign-in with an OpenID Connect provider (authorization-code flow): {@link #begin} makes the
 * state, nonce and PKCE (S256) verifier the browser's session keeps and the provider's authorization
 * URL; {@link #complete} checks the state, exchanges the code with the verifier, verifies the ID
 * token (signature with the provider's keys, {@code iss}, {@code aud} = client id, {@code exp},
 * {@code nonce}) and maps its groups to roles ({@code opssight.oidc.group-roles}, like the JWT
 * mapping). Configuration: {@code opssight.oidc.issuer}, {@code .client-id}, {@code .client-secret},
 * optionally {@code .redirect-uri}, {@code .scopes}, {@code .groups-claim}. Audited as
 * {@code auth.login} / {@code auth.login-failed} with method oidc.
 */
@Stateless
@PermitAll
public class OidcSignIn {

    private static final System.Logger LOGGER = System.getLogger(OidcSignIn.class.getName());
    static final Duration PENDING_FOR = Duration.ofMinutes(10);

    /** What the session keeps between the redirect to the provider and the callback. */
    public record Pending(String state, String nonce, String verifier, String redirectUri, String next, Instant createdAt)
            implements Serializable {
    }

    /** A started sign-in: what to keep, and where to send the browser. */
    public record Started(Pending pending, String authorizationUrl) {
    }

    @Inject
    OidcProvider provider;

    @Inject
    Grants grants;

    @Inject
    AuditWriter audit;

    public static boolean configured() {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("opssight.oidc.issuer", String.class).filter(v -> !v.isBlank()).isPresent()
                && config.getOptionalValue("opssight.oidc.client-id", String.class).filter(v -> !v.isBlank()).isPresent();
    }

    /** Starts a sign-in; {@code redirectUri} is used unless {@code opssight.oidc.redirect-uri} is configured. */
    public Started begin(String redirectUri, String next) {
        Config config = ConfigProvider.getConfig();
        String issuer = config.getValue("opssight.oidc.issuer", String.class);
        String clientId = config.getValue("opssight.oidc.client-id", String.class);
        String redirect = config.getOptionalValue("opssight.oidc.redirect-uri", String.class).filter(v -> !v.isBlank())
                .orElse(redirectUri);
        String scopes = config.getOptionalValue("opssight.oidc.scopes", String.class).orElse("openid profile email");
        Pending pending = new Pending(random(), random(), random(), redirect, next, Instant.now());
        String url = provider.endpoints(issuer).authorization() + "?response_type=code&client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(redirect) + "&scope=" + enc(scopes) + "&state=" + pending.state()
                + "&nonce=" + pending.nonce() + "&code_challenge=" + challenge(pending.verifier())
                + "&code_challenge_method=S256";
        return new Started(pending, url);
    }

    /** The identity the provider vouches for, or empty (the reason is audited and logged). */
    public Optional<Identity> complete(Pending pending, String state, String code) {
        if (pending == null || state == null || code == null || code.isBlank()
                || !MessageDigest.isEqual(pending.state().getBytes(StandardCharsets.US_ASCII),
                        state.getBytes(StandardCharsets.US_ASCII))
                || Instant.now().isAfter(pending.createdAt().plus(PENDING_FOR))) {
            return failed("no matching sign-in started in this session (state)");
        }
        Config config = ConfigProvider.getConfig();
        String issuer = config.getValue("opssight.oidc.issuer", String.class);
        String clientId = config.getValue("opssight.oidc.client-id", String.class);
        String secret = config.getOptionalValue("opssight.oidc.client-secret", String.class).orElse("");
        JsonObject claims;
        try {
            OidcProvider.Endpoints endpoints = provider.endpoints(issuer);
            JsonObject tokens = provider.exchange(endpoints, clientId, secret, code, pending.redirectUri(), pending.verifier());
            String idToken = tokens.getString("id_token", null);
            if (idToken == null) {
                return failed("no id_token in the token response");
            }
            claims = new JwtVerifier(provider.keys(endpoints), issuer, Set.of(clientId), Duration.ofSeconds(60),
                    Clock.systemUTC()).verify(idToken);
        } catch (JwtVerifier.Rejected e) {
            return failed("ID token refused: " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(e.getMessage());
        }
        if (!pending.nonce().equals(claims.getString("nonce", null))) {
            return failed("nonce does not match");
        }
        String name = claims.getString("preferred_username", claims.getString("sub", ""));
        if (name.isBlank()) {
            return failed("no preferred_username or sub");
        }
        String groupsClaim = config.getOptionalValue("opssight.oidc.groups-claim", String.class).orElse("groups");
        String roles = config.getOptionalValue("opssight.oidc.group-roles", String.class).orElse("");
        Identity identity = Grants.identity("oidc:" + (name.length() > 150 ? name.substring(0, 150) : name),
                grants.fromMapping(groups(claims.get(groupsClaim)), roles));
        audit.append(identity.name(), "auth.login", name, AuditEntry.SUCCESS, "oidc " + issuer);
        return Optional.of(identity);
    }

    private Optional<Identity> failed(String reason) {
        LOGGER.log(Level.INFO, "OIDC sign-in refused: {0}", reason);
        audit.append("anonymous", "auth.login-failed", null, AuditEntry.DENIED, "oidc: " + reason);
        return Optional.empty();
    }

    private static Set<String> groups(JsonValue value) {
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    groups.add(s.getString().startsWith("/") ? s.getString().substring(1) : s.getString());
                }
            }
        }
        return groups;
    }

    static String random() {
        return Pkce.random();
    }

    static String challenge(String verifier) {
        return Pkce.challenge(verifier);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
