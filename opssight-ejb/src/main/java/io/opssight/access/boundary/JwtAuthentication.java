package io.opssight.access.boundary;

import io.opssight.access.control.Grants;
import io.opssight.access.control.JwtKeySource;
import io.opssight.access.control.JwtVerifier;
import io.opssight.access.control.PublicKeys;
import io.opssight.access.entity.Identity;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * API callers with a JWT from the configured issuer (MicroProfile JWT's configuration keys:
 * {@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.publickey[.location]},
 * {@code mp.jwt.verify.audiences}, {@code mp.jwt.verify.clock.skew}). The token's groups
 * ({@code opssight.jwt.groups-claim}, default {@code groups}) become roles through
 * {@code opssight.jwt.group-roles}, e.g. {@code ops-admins=admin,payments-devs=engineer@payments}
 * (a role, optionally for one team). Groups not mapped give nothing. See docs/SECURITY.md.
 */
@Stateless
@PermitAll
public class JwtAuthentication {

    private static final System.Logger LOGGER = System.getLogger(JwtAuthentication.class.getName());

    @Inject
    JwtKeySource keySource;

    @Inject
    Grants grants;

    /**
     * Whether a bearer value has the shape of a JWT (three base64url parts), as API tokens never do:
     * which of this bean and {@link ApiTokens} should authenticate it.
     */
    public static boolean looksLikeJwt(String value) {
        return JwtVerifier.looksLikeJwt(value);
    }

    /** The caller a valid token names; empty for every refused token (the reason goes to the log). */
    public Optional<Identity> authenticate(String token) {
        Config config = ConfigProvider.getConfig();
        Optional<List<PublicKeys.Key>> keys;
        try {
            keys = keySource.keys();
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.ERROR, "JWT refused: {0}", e.getMessage());
            return Optional.empty();
        }
        if (keys.isEmpty()) {
            LOGGER.log(Level.DEBUG, "JWT refused: no mp.jwt.verify.publickey(.location) configured");
            return Optional.empty();
        }
        String issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class).orElse(null);
        Set<String> audiences = list(config.getOptionalValue("mp.jwt.verify.audiences", String.class).orElse(""));
        Duration skew = Duration.ofSeconds(config.getOptionalValue("mp.jwt.verify.clock.skew", Long.class).orElse(60L));
        JsonObject claims;
        try {
            claims = new JwtVerifier(keys.get(), issuer, audiences, skew, Clock.systemUTC()).verify(token);
        } catch (JwtVerifier.Rejected e) {
            LOGGER.log(Level.INFO, "JWT refused: {0}", e.getMessage());
            return Optional.empty();
        }
        String subject = firstString(claims, "upn", "preferred_username", "sub");
        if (subject == null) {
            LOGGER.log(Level.INFO, "JWT refused: no upn, preferred_username or sub");
            return Optional.empty();
        }
        String groupsClaim = config.getOptionalValue("opssight.jwt.groups-claim", String.class).orElse("groups");
        String mapping = config.getOptionalValue("opssight.jwt.group-roles", String.class).orElse("");
        return Optional.of(Grants.identity("jwt:" + subject, grants.fromMapping(groups(claims, groupsClaim), mapping)));
    }

    private static Set<String> groups(JsonObject claims, String claim) {
        JsonValue value = claims.get(claim);
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    groups.add(s.getString());
                }
            }
        } else if (value instanceof JsonString s) {
            groups.add(s.getString());
        }
        return groups;
    }

    private static String firstString(JsonObject claims, String... names) {
        for (String name : names) {
            if (claims.get(name) instanceof JsonString s && !s.getString().isBlank()) {
                String v = s.getString();
                return v.length() > 150 ? v.substring(0, 150) : v;
            }
        }
        return null;
    }

    private static Set<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
