package io.opssight.dora.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A UTC day whose organisation-wide DORA roll-up is out of date because something it counts changed
 * (a deployment's outcome or finish, what it shipped, an incident's link or resolution). An
 * append-only marker: marking never conflicts with another transaction; the roll-up timer deletes
 * the markers of the days it recomputed.
 */
@Entity
@Table(name = "dora_dirty_day")
public class DoraDirtyDay {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dora_dirty_day_seq")
    @SequenceGenerator(name = "dora_dirty_day_seq", sequenceName = "dora_dirty_day_seq", allocationSize = 50)
    private Long id;

    @Column(name = "day_number", nullable = false)
    private long day;

    @Column(name = "marked_at", nullable = false)
    private Instant markedAt;

    protected DoraDirtyDay() {
        // for JPA
    }

    public DoraDirtyDay(long day, Instant markedAt) {
        this.day = day;
        this.markedAt = Objects.requireNonNull(markedAt, "markedAt");
    }

    public Long getId() {
        return id;
    }

    public long getDay() {
        return day;
    }

    public Instant getMarkedAt() {
        return markedAt;
    }
}
