package io.opssight.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#16 text as PostgreSQL can store it")
class StorableTextTest {

    @Test
    @DisplayName("#16 clean drops control characters (NUL among them) but tab and newline, and clips")
    void cleanDropsControlsAndClips() {
        assertEquals("ab\tc\nd", StorableText.clean("a\u0000b\tc\nd\u001b", 100));
        assertEquals("abc", StorableText.clean("abcdef", 3));
        assertNull(StorableText.clean(null, 3));
    }

    @Test
    @DisplayName("#16 clip never cuts between the halves of a surrogate pair")
    void clipKeepsSurrogatePairs() {
        assertEquals("ab", StorableText.clip("ab\uD83D\uDE80", 3));
        assertEquals("ab\uD83D\uDE80", StorableText.clip("ab\uD83D\uDE80c", 4));
    }

    @Embeddable
    static class Times {
        @Column(name = "status", length = 5)
        String status;
    }

    static class Job {
        @Column(length = 10)
        String name;

        @Column(name = "body")
        String body;

        @Embedded
        Times times = new Times();
    }

    @Test
    @DisplayName("#16 the entity listener refuses a NUL anywhere and text longer than its declared column, naming it")
    void listenerRefusesWhatCannotBeStored() {
        TextColumns listener = new TextColumns();
        Job job = new Job();
        job.name = "0123456789";
        job.body = "x".repeat(10_000);
        job.times.status = "done";
        listener.check(job);

        job.name = "0123456789A";
        assertEquals("job name is too long: 11 characters, at most 10 fit",
                assertThrows(ValidationProblem.class, () -> listener.check(job)).getMessage());
        job.name = "ok";
        job.body = "a\u0000b";
        assertTrue(assertThrows(ValidationProblem.class, () -> listener.check(job)).getMessage()
                .startsWith("job body contains a NUL character"));
        job.body = "b";
        job.times.status = "running";
        assertTrue(assertThrows(ValidationProblem.class, () -> listener.check(job)).getMessage()
                .startsWith("job status is too long"));
    }
}
