package io.opssight.dora.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row replicas lock (pessimistically) so that only one recomputes the DORA roll-up at a time. */
@Entity
@Table(name = "dora_rollup_lock")
public class DoraRollupLock {

    public static final long ID = 1;

    @Id
    private Long id;

    @Column(name = "refreshed_at")
    private Instant refreshedAt;

    protected DoraRollupLock() {
        // for JPA
    }

    public void refreshed(Instant at) {
        this.refreshedAt = at;
    }

    public Instant getRefreshedAt() {
        return refreshedAt;
    }
}
