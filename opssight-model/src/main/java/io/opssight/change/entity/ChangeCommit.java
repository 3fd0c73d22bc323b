package io.opssight.change.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A commit pushed to a repository: the unit of change for lead time. Natural key: (repository, sha).
 * It remembers the push that first brought it ({@code pushBefore..pushAfter}, its index in that
 * push), which lets OpsSight walk the pushed history back from a deployed sha to the previously
 * deployed one without a clone of the repository.
 */
@Entity
@Table(name = "change_commit")
@NamedQuery(name = ChangeCommit.FIND_BY_SHA, query = "select c from ChangeCommit c where c.repository = :repository and c.sha = :sha")
@NamedQuery(name = ChangeCommit.FIND_BY_PUSH_AFTER,
        query = "select c from ChangeCommit c where c.repository = :repository and c.pushAfter = :after order by c.pushIndex")
public class ChangeCommit {

    public static final String FIND_BY_SHA = "ChangeCommit.findBySha";
    public static final String FIND_BY_PUSH_AFTER = "ChangeCommit.findByPushAfter";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "change_commit_seq")
    @SequenceGenerator(name = "change_commit_seq", sequenceName = "change_commit_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 300)
    private String repository;

    @Column(nullable = false, length = 64)
    private String sha;

    @Column(length = 1000)
    private String message;

    @Column(length = 200)
    private String author;

    @Column(name = "committed_at", nullable = false)
    private Instant committedAt;

    @Column(length = 300)
    private String branch;

    @Column(name = "push_before", length = 64)
    private String pushBefore;

    @Column(name = "push_after", length = 64)
    private String pushAfter;

    @Column(name = "push_index", nullable = false)
    private int pushIndex;

    @Column(name = "pushed_at")
    private Instant pushedAt;

    protected ChangeCommit() {
        // for JPA
    }

    public ChangeCommit(String repository, String sha, Instant committedAt) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.sha = Objects.requireNonNull(sha, "sha");
        this.committedAt = Objects.requireNonNull(committedAt, "committedAt");
    }

    public void describe(String message, String author) {
        this.message = message == null ? this.message : message.length() > 1000 ? message.substring(0, 1000) : message;
        this.author = author != null ? author : this.author;
    }

    /** Remembers the first push that carried this commit; later pushes of the same commit change nothing. */
    public void pushedIn(String branch, String before, String after, int index, Instant at) {
        if (pushAfter == null) {
            this.branch = branch;
            this.pushBefore = before;
            this.pushAfter = after;
            this.pushIndex = index;
            this.pushedAt = at;
        }
    }

    public Long getId() {
        return id;
    }

    public String getRepository() {
        return repository;
    }

    public String getSha() {
        return sha;
    }

    public String getMessage() {
        return message;
    }

    public String getAuthor() {
        return author;
    }

    public Instant getCommittedAt() {
        return committedAt;
    }

    public String getBranch() {
        return branch;
    }

    public String getPushBefore() {
        return pushBefore;
    }

    public String getPushAfter() {
        return pushAfter;
    }

    public int getPushIndex() {
        return pushIndex;
    }

    public Instant getPushedAt() {
        return pushedAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ChangeCommit other && Objects.equals(repository, other.getRepository())
                && Objects.equals(sha, other.getSha()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, sha);
    }
}
