package io.opssight.change.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A pull (merge) request with its times. Natural key: (repository, number). Reports apply only
 * when newer than the last one applied (by the tool's updated time).
 */
@Entity
@Table(name = "pull_request")
@NamedQuery(name = PullRequest.FIND_BY_NUMBER,
        query = "select p from PullRequest p where p.repository = :repository and p.number = :number")
public class PullRequest {

    public static final String FIND_BY_NUMBER = "PullRequest.findByNumber";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pull_request_seq")
    @SequenceGenerator(name = "pull_request_seq", sequenceName = "pull_request_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 300)
    private String repository;

    @Column(nullable = false)
    private long number;

    @Column(length = 1000)
    private String title;

    @Column(length = 200)
    private String author;

    @Column(nullable = false, length = 16)
    private String state;

    @Column(name = "base_branch", length = 300)
    private String baseBranch;

    @Column(name = "head_sha", length = 64)
    private String headSha;

    @Column(name = "merge_sha", length = 64)
    private String mergeSha;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "merged_at")
    private Instant mergedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(length = 2000)
    private String url;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected PullRequest() {
        // for JPA
    }

    public PullRequest(String repository, long number, Instant createdAt) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.number = number;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = createdAt;
        this.state = "open";
    }

    /** Applies a report made at {@code updated}; an older report than the last applied is ignored. */
    public boolean report(String title, String author, String state, String baseBranch, String headSha, String mergeSha,
            Instant mergedAt, Instant closedAt, String url, Instant updated) {
        if (updated != null && updated.isBefore(updatedAt)) {
            return false;
        }
        this.title = title != null ? title : this.title;
        this.author = author != null ? author : this.author;
        this.state = state != null ? state : this.state;
        this.baseBranch = baseBranch != null ? baseBranch : this.baseBranch;
        this.headSha = headSha != null ? headSha : this.headSha;
        this.mergeSha = mergeSha != null ? mergeSha : this.mergeSha;
        this.mergedAt = mergedAt != null ? mergedAt : this.mergedAt;
        this.closedAt = closedAt != null ? closedAt : this.closedAt;
        this.url = url != null ? url : this.url;
        if (updated != null) {
            this.updatedAt = updated;
        }
        return true;
    }

    public Long getId() {
        return id;
    }

    public String getRepository() {
        return repository;
    }

    public long getNumber() {
        return number;
    }

    public String getTitle() {
        return title;
    }

    public String getAuthor() {
        return author;
    }

    public String getState() {
        return state;
    }

    public String getBaseBranch() {
        return baseBranch;
    }

    public String getHeadSha() {
        return headSha;
    }

    public String getMergeSha() {
        return mergeSha;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getMergedAt() {
        return mergedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUrl() {
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PullRequest other && Objects.equals(repository, other.getRepository())
                && number == other.getNumber());
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, number);
    }
}
