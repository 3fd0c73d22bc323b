package io.opssight.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.access.entity.Permission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiPermissionsTest {

    @Test
    void findsEveryResourceMethodsRolesAllowedByOperationId() {
        Map<String, List<String>> permissions = ApiPermissions.byOperationId();
        assertTrue(permissions.size() >= 40, () -> "only " + permissions.keySet());
        assertEquals(List.of(Permission.INCIDENTS_READ), permissions.get("listIncidents"));
        assertEquals(List.of(Permission.SOURCES_READ, Permission.SOURCES_MANAGE), permissions.get("listSources"));
        assertEquals(List.of(ApiPermissions.NONE), permissions.get("receiveWebhook"));
    }
}
