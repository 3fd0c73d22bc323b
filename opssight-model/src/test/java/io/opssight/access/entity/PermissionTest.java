package io.opssight.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#2 Permission: the stored comma-separated form")
class PermissionTest {

    @Test
    @DisplayName("#2 format sorts, so the same set is always stored the same way")
    void formatIsSortedAndStable() {
        Set<String> oneOrder = new LinkedHashSet<>(List.of(Permission.TOKENS_MANAGE, Permission.DEPLOYMENTS_READ, Permission.CONSOLE_USE));
        Set<String> otherOrder = new LinkedHashSet<>(List.of(Permission.CONSOLE_USE, Permission.TOKENS_MANAGE,
                Permission.DEPLOYMENTS_READ));

        assertEquals("console:use,deployments:read,tokens:manage", Permission.format(oneOrder));
        assertEquals(Permission.format(oneOrder), Permission.format(otherOrder));
        assertEquals("", Permission.format(Set.of()));
    }

    @Test
    @DisplayName("#2 parse reads the stored form, ignoring blanks and empty entries")
    void parseIgnoresBlanksAndEmptyEntries() {
        assertEquals(Set.of(Permission.DEPLOYMENTS_READ, Permission.SOURCES_READ),
                Permission.parse(" deployments:read ,, sources:read ,"));
    }

    @ParameterizedTest(name = "#2 ''{0}'' parses to no permissions")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", ",", " , "})
    @DisplayName("#2 nothing stored means no permissions")
    void nothingStoredIsNoPermissions(String stored) {
        assertEquals(Set.of(), Permission.parse(stored));
    }

    @Test
    @DisplayName("#2 every permission survives format then parse")
    void allRoundTrip() {
        assertEquals(Permission.all(), Permission.parse(Permission.format(Permission.all())));
        assertEquals(19, Permission.all().size());
    }

    @Test
    @DisplayName("#3 the push API's and the read side's permissions are known, so tokens can be given them")
    void pushAndReadPermissionsAreKnown() {
        for (String permission : new String[] {"deployments:write", "incidents:read", "incidents:write", "pipelines:read",
                "pipelines:write", "alerts:read", "alerts:acknowledge"}) {
            assertTrue(Permission.isKnown(permission), permission);
        }
    }

    @Test
    @DisplayName("#4 DORA, link correction and team permissions are known, so tokens can be given them")
    void doraAndTeamPermissionsAreKnown() {
        for (String permission : new String[] {"dora:read", "incidents:link", "teams:read", "teams:manage"}) {
            assertTrue(Permission.isKnown(permission), permission);
        }
    }

    @Test
    @DisplayName("#2 parsed permissions cannot be changed by the caller")
    void parsedSetIsUnmodifiable() {
        Set<String> parsed = Permission.parse("deployments:read");

        assertThrows(UnsupportedOperationException.class, () -> parsed.add(Permission.TOKENS_MANAGE));
    }

    @Test
    @DisplayName("#2 only the defined permissions are known (deny by default)")
    void onlyDefinedPermissionsAreKnown() {
        assertTrue(Permission.isKnown("deployments:read"));
        assertTrue(Permission.isKnown(Permission.CONSOLE_USE));
        assertFalse(Permission.isKnown("deployments:*"));
        assertFalse(Permission.isKnown("DEPLOYMENTS:READ"));
    }
}
