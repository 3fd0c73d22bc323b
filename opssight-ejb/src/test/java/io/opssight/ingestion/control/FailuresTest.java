package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.ValidationProblem;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.sql.BatchUpdateException;

@DisplayName("#16 failures in a user's words, and once in the log")
class FailuresTest {

    @Test
    @DisplayName("#16 a refusal of ours is its own message, however deeply wrapped")
    void ownRefusalIsItsMessage() {
        RuntimeException wrapped = new PersistenceException("flush failed", new ValidationProblem("deployment sha is too long"));

        assertEquals("deployment sha is too long", Failures.reason(wrapped));
    }

    @Test
    @DisplayName("#16 a database error is its SQLState in words, never the database's text with the values")
    void databaseErrorIsItsStateInWords() {
        RuntimeException tooLong = new PersistenceException("could not execute",
                new SQLException("ERROR: value too long for type character varying(300)", "22001"));
        RuntimeException nul = new PersistenceException(new SQLException("ERROR: invalid byte sequence 0x00 Where: $1 = 'x'", "22021"));

        assertEquals("a value is longer than OpsSight's model holds", Failures.reason(tooLong));
        assertEquals("a text holds a character that cannot be stored (NUL)", Failures.reason(nul));
        assertFalse(Failures.unavailable(tooLong), "data, not the database being away: never a 503");
        assertTrue(Failures.unavailable(new PersistenceException(new SQLException("connection refused", "08001"))));
    }

    @Test
    @DisplayName("#16 what a database trigger raised on purpose is its own message, also from a batch")
    void raisedIsItsOwnMessage() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 <unknown> was aborted: ERROR: "
                + "simulated fault", "P0001", new int[0]);
        batch.setNextException(new SQLException("ERROR: simulated fault", "P0001"));

        assertEquals("the database refused it: simulated fault", Failures.reason(new PersistenceException(batch)));
    }

    @Test
    @DisplayName("#16 an unexpected failure names no class; the log line does, on one short line")
    void unexpectedNamesNoClass() {
        RuntimeException bug = new IllegalStateException("x", new NullPointerException("Cannot invoke \"String.length()\"\nat"));

        assertFalse(Failures.reason(bug).contains("Exception"), Failures.reason(bug));
        String logged = Failures.describe(bug);
        assertTrue(logged.startsWith("NullPointerException: "), logged);
        assertFalse(logged.contains("\n"), logged);
    }

    @Test
    @DisplayName("#16 a repeated cause is logged the first time and at powers of ten, with its count")
    void repeatedCauseIsLoggedOnceThenCounted() {
        String cause = "test-" + System.nanoTime();
        int logged = 0;
        for (int i = 0; i < 1_000; i++) {
            if (Failures.logOnce(System.getLogger("test"), System.Logger.Level.DEBUG, cause, "the same failure")) {
                logged++;
            }
        }
        assertEquals(4, logged, "at 1, 10, 100 and 1000");
    }
}
