package io.opssight.ingestion.control;

import io.opssight.change.control.CommitFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A push of commits to a branch, as GitHub or GitLab reported it, ready for
 * {@link io.opssight.change.control.ChangeRecorder#recordPush}. {@code before}/{@code after} are
 * null where the tool says "no commit" (forty zeros: the branch was created or deleted), and the
 * commits are oldest first, the order the recorder expects.
 */
public record PushFacts(String repository, String branch, String before, String after, List<CommitFacts> commits,
        Instant pushedAt) {

    private static final String REF_HEADS = "refs/heads/";
    private static final String REF_TAGS = "refs/tags/";

    public PushFacts {
        commits = List.copyOf(commits);
    }

    /** The branch a ref names ("refs/heads/main" is "main"); null for tags and other refs. */
    static String branchOf(String ref) {
        return ref != null && ref.startsWith(REF_HEADS) && ref.length() > REF_HEADS.length()
                ? ref.substring(REF_HEADS.length()) : null;
    }

    /** The tag a ref names ("refs/tags/v1.2.0" is "v1.2.0"); null for anything else. */
    static String tagOf(String ref) {
        return ref != null && ref.startsWith(REF_TAGS) ? ref.substring(REF_TAGS.length()) : null;
    }

    /** A commit sha, or null when absent or the all-zero "no commit" both tools use. */
    static String sha(String value) {
        if (value == null || value.isBlank() || value.chars().allMatch(c -> c == '0')) {
            return null;
        }
        return value;
    }

    /**
     * Puts a push's commits oldest first. Both tools document oldest first (GitLab: "latest 20
     * commits ASC"), but the pushed head ({@code after}) is by definition the newest commit, so a
     * list that starts with it and does not end with it was sent newest first and is turned round.
     */
    static List<CommitFacts> oldestFirst(List<CommitFacts> commits, String after) {
        if (commits.size() < 2 || after == null) {
            return commits;
        }
        boolean startsWithHead = after.equals(commits.get(0).sha());
        boolean endsWithHead = after.equals(commits.get(commits.size() - 1).sha());
        if (startsWithHead && !endsWithHead) {
            List<CommitFacts> reversed = new ArrayList<>(commits);
            Collections.reverse(reversed);
            return reversed;
        }
        return commits;
    }
}
