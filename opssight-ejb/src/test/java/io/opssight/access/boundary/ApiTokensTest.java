package io.opssight.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opssight.access.entity.Permission;
import jakarta.annotation.security.DeclareRoles;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#5 ApiTokens: what it needs from the container")
class ApiTokensTest {

    @Test
    @DisplayName("#5 every permission is a declared role, so the creator's permissions can be checked one by one")
    void declaresEveryPermission() {
        assertEquals(Permission.all(), Set.of(ApiTokens.class.getAnnotation(DeclareRoles.class).value()));
    }
}
