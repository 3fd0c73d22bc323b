package io.opssight.alerting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.ConflictProblem;
import io.opssight.platform.entity.ValidationProblem;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#6 Alert: acknowledging")
class AlertTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    private static Alert firing() {
        return new Alert("alertmanager:am", "fp1", T0, "HighErrorRate", T0);
    }

    @Test
    @DisplayName("#6 a firing alert records who acknowledged it, when and the trimmed note; taking it back clears all three")
    void acknowledgeAndTakeBack() {
        Alert alert = firing();

        alert.acknowledge("alice", T0.plusSeconds(60), "  on it  ");

        assertTrue(alert.isAcknowledged());
        assertEquals("alice", alert.getAcknowledgedBy());
        assertEquals(T0.plusSeconds(60), alert.getAcknowledgedAt());
        assertEquals("on it", alert.getAckNote());
        assertEquals(Alert.FIRING, alert.getStatus(), "the state stays Alertmanager's");
        alert.unacknowledge();
        assertFalse(alert.isAcknowledged());
        assertNull(alert.getAcknowledgedBy());
        assertNull(alert.getAckNote());
    }

    @Test
    @DisplayName("#6 a resolve keeps the acknowledgement; a resolved alert cannot be acknowledged (409)")
    void resolvedIsConflict() {
        Alert alert = firing();
        alert.acknowledge("alice", T0, null);

        alert.report(Alert.RESOLVED, T0.plusSeconds(600), null, null, null, null, null, T0.plusSeconds(600));

        assertEquals(Alert.RESOLVED, alert.getStatus());
        assertEquals("alice", alert.getAcknowledgedBy());
        assertThrows(ConflictProblem.class, () -> alert.acknowledge("bob", T0.plusSeconds(700), null));
    }

    @Test
    @DisplayName("#6 a note over 800 characters is refused; a blank one is no note")
    void noteLength() {
        Alert alert = firing();

        assertThrows(ValidationProblem.class, () -> alert.acknowledge("alice", T0, "x".repeat(801)));
        alert.acknowledge("alice", T0, "   ");
        assertNull(alert.getAckNote());
    }
}
