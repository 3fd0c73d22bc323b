package io.opssight.deployment.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("#2 DeploymentStatus: GitHub's deployment states")
class DeploymentStatusTest {

    @ParameterizedTest(name = "#2 GitHub state ''{0}'' is {1}")
    @CsvSource({
        "queued, QUEUED",
        "waiting, QUEUED",
        "pending, PENDING",
        "in_progress, IN_PROGRESS",
        "success, SUCCESS",
        "failure, FAILURE",
        "error, ERROR",
        "inactive, INACTIVE",
        "SUCCESS, SUCCESS",
        "In_Progress, IN_PROGRESS"
    })
    @DisplayName("#2 every GitHub state maps, whatever its case")
    void mapsEveryGitHubState(String state, DeploymentStatus expected) {
        assertEquals(expected, DeploymentStatus.fromGitHub(state));
    }

    @ParameterizedTest(name = "#2 unknown state ''{0}'' is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"done", "in progress", "succeeded", " success"})
    @DisplayName("#2 an unknown or missing state is refused, naming it")
    void refusesUnknownState(String state) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeploymentStatus.fromGitHub(state));
        if (state != null) {
            assertTrue(e.getMessage().contains("'" + state + "'"), e.getMessage());
        }
    }

    @Test
    @DisplayName("#2 only success, failure and error are final outcomes")
    void onlySuccessFailureErrorAreFinal() {
        EnumSet<DeploymentStatus> finals = EnumSet.noneOf(DeploymentStatus.class);
        for (DeploymentStatus status : DeploymentStatus.values()) {
            if (status.isFinal()) {
                finals.add(status);
            }
        }

        assertEquals(EnumSet.of(DeploymentStatus.SUCCESS, DeploymentStatus.FAILURE, DeploymentStatus.ERROR), finals);
        assertFalse(DeploymentStatus.INACTIVE.isFinal());
    }

    @Test
    @DisplayName("#2 the wire name is GitHub's state name, and maps back")
    void wireNameRoundTrips() {
        assertEquals("in_progress", DeploymentStatus.IN_PROGRESS.wireName());
        for (DeploymentStatus status : DeploymentStatus.values()) {
            assertEquals(status, DeploymentStatus.fromGitHub(status.wireName()));
        }
    }
}
