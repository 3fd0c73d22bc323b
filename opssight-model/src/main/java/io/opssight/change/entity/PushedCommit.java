package io.opssight.change.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A commit's place in one push: the push moved {@code branch} from {@code pushBefore} to
 * {@code pushAfter}, and the commit was at {@code pushIndex} (oldest first). A commit can be in
 * several pushes (its feature branch, then main after the merge). Natural key: (repository,
 * pushAfter, commit).
 */
@Entity
@Table(name = "pushed_commit")
@NamedQuery(name = PushedCommit.FIND_PUSH,
        query = "select p from PushedCommit p join fetch p.commit where p.repository = :repository and p.pushAfter = :after "
                + "order by p.pushIndex desc")
@NamedQuery(name = PushedCommit.FIND_PUSHES_OF,
        query = "select p from PushedCommit p where p.repository = :repository and p.commit.sha = :sha order by p.id")
@NamedQuery(name = PushedCommit.FIND_ONE,
        query = "select p from PushedCommit p where p.repository = :repository and p.pushAfter = :after and p.commit = :commit")
public class PushedCommit {

    public static final String FIND_PUSH = "PushedCommit.findPush";
    public static final String FIND_PUSHES_OF = "PushedCommit.findPushesOf";
    public static final String FIND_ONE = "PushedCommit.findOne";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "pushed_commit_seq")
    @SequenceGenerator(name = "pushed_commit_seq", sequenceName = "pushed_commit_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 300)
    private String repository;

    @Column(length = 300)
    private String branch;

    @Column(name = "push_before", length = 64)
    private String pushBefore;

    @Column(name = "push_after", nullable = false, length = 64)
    private String pushAfter;

    @Column(name = "push_index", nullable = false)
    private int pushIndex;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "commit_id", nullable = false)
    private ChangeCommit commit;

    @Column(name = "pushed_at")
    private Instant pushedAt;

    protected PushedCommit() {
        // for JPA
    }

    public PushedCommit(ChangeCommit commit, String branch, String pushBefore, String pushAfter, int pushIndex, Instant pushedAt) {
        this.commit = Objects.requireNonNull(commit, "commit");
        this.repository = commit.getRepository();
        this.branch = branch;
        this.pushBefore = pushBefore;
        this.pushAfter = Objects.requireNonNull(pushAfter, "pushAfter");
        this.pushIndex = pushIndex;
        this.pushedAt = pushedAt;
    }

    public Long getId() {
        return id;
    }

    public String getRepository() {
        return repository;
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

    public ChangeCommit getCommit() {
        return commit;
    }

    public Instant getPushedAt() {
        return pushedAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof PushedCommit other && Objects.equals(repository, other.getRepository())
                && Objects.equals(pushAfter, other.getPushAfter()) && Objects.equals(commit, other.getCommit()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, pushAfter);
    }
}
