package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import io.opssight.it.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Passwords stored before OpsSight hashed with the platform's Pbkdf2PasswordHash survive the upgrade. */
@DisplayName("#5 local accounts: password hashes stored by earlier versions")
class PasswordHashUpgradeIT {

    private static final String PASSWORD = "an older password 1";
    /** What the hasher before the platform's stored for {@link #PASSWORD} (today's 210 000 iterations). */
    private static final String OLD_HASH = "pbkdf2-sha256$210000$LtM2UmOtAtkJJD8ohhHU6Q$FpwW+bVs+boJZPQV9Q2iGd8FcpY3fP8pUVTEoHnp1ZU";

    @Test
    @DisplayName("#5 a user with an old-notation hash signs in, and the hash is renewed in the platform's notation")
    void anOldHashStillSignsInAndIsRenewed() throws SQLException {
        OpsSightServer server = OpsSightServer.shared();
        String username = Fixtures.unique("legacy");
        assertEquals(201, server.http().postJson("/api/v1/users", OpsSightServer.ADMIN_TOKEN, "{\"username\":\"" + username
                + "\",\"password\":\"a-new-password-for-now\",\"roles\":[{\"role\":\"viewer\"}]}").status());
        try (Connection c = TestPostgres.connect(server.database());
                PreparedStatement s = c.prepareStatement("update users set password_hash = ? where username = ?")) {
            s.setString(1, OLD_HASH);
            s.setString(2, username);
            assertEquals(1, s.executeUpdate());
        }

        assertFalse(new ConsoleSession(server).signIn(username, "a-new-password-for-now"), "the old hash is what counts");
        assertTrue(new ConsoleSession(server).signIn(username, PASSWORD), "the old hash verifies");
        String renewed = Rows.only(server, "select password_hash from users where username = ?", username).string("password_hash");
        assertTrue(renewed.startsWith("PBKDF2WithHmacSHA256:210000:"), renewed);
        assertTrue(new ConsoleSession(server).signIn(username, PASSWORD), "the renewed hash verifies");
        assertFalse(new ConsoleSession(server).signIn(username, "an older password 2"));
    }
}
