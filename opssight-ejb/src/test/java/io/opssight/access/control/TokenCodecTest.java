package io.opssight.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#2 TokenCodec: API token secrets, their stored hashes and what may be shown")
class TokenCodecTest {

    @Test
    @DisplayName("#2 a token is ops_ followed by 43 url-safe characters (256 random bits)")
    void tokenShape() {
        String token = TokenCodec.newToken();

        assertTrue(token.startsWith(TokenCodec.PREFIX), token);
        assertTrue(token.matches("ops_[A-Za-z0-9_-]{43}"), token);
    }

    @Test
    @DisplayName("#2 every new token is different")
    void tokensAreUnique() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(TokenCodec.newToken());
        }

        assertEquals(1000, tokens.size());
    }

    @Test
    @DisplayName("#2 the hash of a token is stable, hex SHA-256, and differs between tokens")
    void hashIsStableAndDistinct() {
        String token = TokenCodec.newToken();

        assertEquals(TokenCodec.hash(token), TokenCodec.hash(new String(token)));
        assertTrue(TokenCodec.hash(token).matches("[0-9a-f]{64}"));
        assertNotEquals(TokenCodec.hash(token), TokenCodec.hash(TokenCodec.newToken()));
        assertFalse(TokenCodec.hash(token).contains(token.substring(4)));
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", TokenCodec.hash("hello"));
    }

    @Test
    @DisplayName("#2 the displayed prefix tells tokens apart but is far shorter than the token")
    void displayPrefixIsShortPrefix() {
        String token = TokenCodec.newToken();

        String shown = TokenCodec.displayPrefix(token);

        assertTrue(token.startsWith(shown));
        assertTrue(shown.startsWith(TokenCodec.PREFIX));
        assertEquals(10, shown.length());
        assertTrue(shown.length() < token.length() / 4, "at most a quarter of the token is shown");
        assertEquals("ops", TokenCodec.displayPrefix("ops"), "a short value is shown as is");
    }
}
