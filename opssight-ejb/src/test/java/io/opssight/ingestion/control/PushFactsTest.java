package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opssight.change.control.CommitFacts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("#3 PushFacts: refs, shas and commit order shared by GitHub and GitLab pushes")
class PushFactsTest {

    private static CommitFacts commit(String sha) {
        return new CommitFacts(sha, "m", "a", Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    @DisplayName("#3 refs/heads/ names a branch (slashes kept), refs/tags/ a tag, anything else neither")
    void refs() {
        assertEquals("main", PushFacts.branchOf("refs/heads/main"));
        assertEquals("feature/a/b", PushFacts.branchOf("refs/heads/feature/a/b"));
        assertNull(PushFacts.branchOf("refs/tags/v1"));
        assertNull(PushFacts.branchOf("refs/heads/"));
        assertNull(PushFacts.branchOf(null));
        assertEquals("v1.2.0", PushFacts.tagOf("refs/tags/v1.2.0"));
        assertNull(PushFacts.tagOf("refs/heads/main"));
    }

    @Test
    @DisplayName("#3 forty zeros (and blanks) mean 'no commit'")
    void zeroShaIsNoCommit() {
        assertNull(PushFacts.sha("0000000000000000000000000000000000000000"));
        assertNull(PushFacts.sha(" "));
        assertNull(PushFacts.sha(null));
        assertEquals("0a1b", PushFacts.sha("0a1b"));
    }

    @Test
    @DisplayName("#3 commits are put oldest first: a list starting (not ending) with the pushed head is turned round")
    void oldestFirst() {
        List<CommitFacts> ascending = List.of(commit("a"), commit("b"), commit("c"));
        List<CommitFacts> descending = List.of(commit("c"), commit("b"), commit("a"));

        assertEquals(ascending, PushFacts.oldestFirst(ascending, "c"));
        assertEquals(ascending, PushFacts.oldestFirst(descending, "c"));
        assertEquals(descending, PushFacts.oldestFirst(descending, "x"), "head not among them: the tool's order stands");
        assertEquals(List.of(commit("c")), PushFacts.oldestFirst(List.of(commit("c")), "c"));
    }
}
