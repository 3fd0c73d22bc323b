package io.opssight.automation.entity;

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
 * An infrastructure change planned by Terraform ({@code terraform show -json} of a plan): how many
 * resources it creates, updates, deletes and replaces, and whether it touches production (and
 * why OpsSight thinks so). Natural key: (origin, externalId), the plan's content hash.
 */
@Entity
@Table(name = "infra_change")
@NamedQuery(name = InfraChange.FIND_BY_EXTERNAL_ID,
        query = "select c from InfraChange c where c.origin = :origin and c.externalId = :externalId")
public class InfraChange {

    public static final String FIND_BY_EXTERNAL_ID = "InfraChange.findByExternalId";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "infra_change_seq")
    @SequenceGenerator(name = "infra_change_seq", sequenceName = "infra_change_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String origin;

    @Column(name = "external_id", nullable = false, length = 200)
    private String externalId;

    @Column(length = 300)
    private String workspace;

    @Column(name = "terraform_version", length = 32)
    private String terraformVersion;

    @Column(nullable = false)
    private int creates;

    @Column(nullable = false)
    private int updates;

    @Column(nullable = false)
    private int deletes;

    @Column(nullable = false)
    private int replaces;

    @Column(name = "production_touched", nullable = false)
    private boolean productionTouched;

    @Column(name = "production_reason", length = 1000)
    private String productionReason;

    /** JSON array of {address, actions} for every resource that changes. */
    @Column(nullable = false)
    private String resources;

    @Column(name = "planned_at", nullable = false)
    private Instant plannedAt;

    protected InfraChange() {
        // for JPA
    }

    public InfraChange(String origin, String externalId, String workspace, String terraformVersion, int creates, int updates,
            int deletes, int replaces, boolean productionTouched, String productionReason, String resources, Instant plannedAt) {
        if (creates < 0 || updates < 0 || deletes < 0 || replaces < 0) {
            throw new IllegalArgumentException("resource counts cannot be negative");
        }
        this.origin = Objects.requireNonNull(origin, "origin");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.workspace = workspace;
        this.terraformVersion = terraformVersion;
        this.creates = creates;
        this.updates = updates;
        this.deletes = deletes;
        this.replaces = replaces;
        this.productionTouched = productionTouched;
        this.productionReason = productionReason;
        this.resources = Objects.requireNonNull(resources, "resources");
        this.plannedAt = Objects.requireNonNull(plannedAt, "plannedAt");
    }

    public Long getId() {
        return id;
    }

    public String getOrigin() {
        return origin;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getWorkspace() {
        return workspace;
    }

    public String getTerraformVersion() {
        return terraformVersion;
    }

    public int getCreates() {
        return creates;
    }

    public int getUpdates() {
        return updates;
    }

    public int getDeletes() {
        return deletes;
    }

    public int getReplaces() {
        return replaces;
    }

    public boolean isProductionTouched() {
        return productionTouched;
    }

    public String getProductionReason() {
        return productionReason;
    }

    public String getResources() {
        return resources;
    }

    public Instant getPlannedAt() {
        return plannedAt;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof InfraChange other && Objects.equals(origin, other.getOrigin())
                && Objects.equals(externalId, other.getExternalId()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, externalId);
    }
}
