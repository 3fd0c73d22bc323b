package io.opssight.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void readsTheVersionAStrongTagNames() {
        assertEquals(7L, EntityTags.expectedVersion("\"v7\"", false));
        assertEquals(7L, EntityTags.expectedVersion(" \"v7\" ", true));
    }

    @Test
    void anyTagOrNoneMeansNoCheckUnlessRequired() {
        assertNull(EntityTags.expectedVersion("*", true));
        assertNull(EntityTags.expectedVersion(null, false));
        assertNull(EntityTags.expected("", false));
        assertEquals(ProblemType.PRECONDITION_REQUIRED,
                assertThrows(OpsSightException.class, () -> EntityTags.expected(null, true)).type());
    }

    @Test
    void weakListedOrForeignTagsNeverMatch() {
        for (String tag : new String[] {"W/\"v7\"", "\"v7\", \"v8\"", "v7", "\"7\"", "\"vx\"", "\""}) {
            assertEquals(ProblemType.PRECONDITION_FAILED,
                    assertThrows(OpsSightException.class, () -> EntityTags.expectedVersion(tag, false)).type(), tag);
        }
    }

    @Test
    void opaqueTagsComeWithoutQuotes() {
        assertEquals("a1b2", EntityTags.expected("\"a1b2\"", true));
    }
}
