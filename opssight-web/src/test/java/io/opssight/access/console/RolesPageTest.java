package io.opssight.access.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opssight.access.entity.Permission;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#6 the roles page describes every permission")
class RolesPageTest {

    @Test
    void everyPermissionHasAOneLineDescription() {
        assertEquals(Permission.all(), RolesPage.DESCRIPTIONS.keySet());
        RolesPage.DESCRIPTIONS.values().forEach(d -> assertFalse(d.isBlank() || d.contains("\n"), d));
    }
}
