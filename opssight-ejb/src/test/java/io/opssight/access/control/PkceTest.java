package io.opssight.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    @DisplayName("#5 the S256 challenge is RFC 7636's (appendix B example)")
    void challengeMatchesTheRfcExample() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    @DisplayName("#5 random values are 256 bits, base64url without padding, and differ")
    void randomValuesAreLongAndDistinct() {
        String a = Pkce.random();
        assertEquals(43, a.length());
        assertTrue(a.matches("[A-Za-z0-9_-]{43}"), a);
        assertNotEquals(a, Pkce.random());
    }

    @Test
    @DisplayName("#5 a presented value must equal the kept one; nothing kept or presented never matches")
    void sameComparesExactly() {
        assertTrue(Pkce.same("abc", "abc"));
        assertFalse(Pkce.same("abc", "abd"));
        assertFalse(Pkce.same("abc", "ab"));
        assertFalse(Pkce.same(null, "abc"));
        assertFalse(Pkce.same("abc", null));
    }
}
