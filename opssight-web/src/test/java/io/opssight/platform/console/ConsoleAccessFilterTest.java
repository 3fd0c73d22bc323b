package io.opssight.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.access.entity.Permission;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#6 every console page names a known permission")
class ConsoleAccessFilterTest {

    @Test
    void pagesNameKnownPermissions() {
        ConsoleAccessFilter.PAGES.forEach((page, needed) -> {
            assertTrue(page.startsWith("/") && page.endsWith(".xhtml"), page);
            if (!needed.isEmpty()) {
                for (String p : needed.split("\\|")) {
                    assertTrue(Permission.isKnown(p), page + " needs unknown permission " + p);
                }
            }
        });
        assertEquals("", ConsoleAccessFilter.PAGES.get("/login.xhtml"));
        assertEquals(Permission.DORA_READ, ConsoleAccessFilter.PAGES.get("/dora.xhtml"));
        assertEquals(Permission.PIPELINES_READ, ConsoleAccessFilter.PAGES.get("/pipelines.xhtml"));
        assertEquals(Permission.USERS_MANAGE, ConsoleAccessFilter.PAGES.get("/admin/users.xhtml"));
        assertEquals(Permission.USERS_MANAGE, ConsoleAccessFilter.PAGES.get("/admin/roles.xhtml"));
    }
}
