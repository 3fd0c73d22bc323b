package io.opssight.automation.entity;

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
import java.util.Locale;
import java.util.Objects;

/** An Ansible run reported by AWX/Ansible Tower job notifications. Natural key: (origin, externalId). */
@Entity
@Table(name = "automation_run")
@NamedQuery(name = AutomationRun.FIND_BY_EXTERNAL_ID,
        query = "select a from AutomationRun a where a.origin = :origin and a.externalId = :externalId")
public class AutomationRun {

    public static final String FIND_BY_EXTERNAL_ID = "AutomationRun.findByExternalId";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "automation_run_seq")
    @SequenceGenerator(name = "automation_run_seq", sequenceName = "automation_run_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200)
    private String origin;

    @Column(name = "external_id", nullable = false, length = 200)
    private String externalId;

    @Column(nullable = false, length = 300)
    private String name;

    @Column(length = 300)
    private String playbook;

    @Column(length = 300)
    private String inventory;

    @Column(name = "launched_by", length = 200)
    private String launchedBy;

    /** AWX's words: pending, waiting, running, successful, failed, error, canceled. */
    @Column(nullable = false, length = 16)
    private String status;

    @Column(length = 2000)
    private String url;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "hosts_ok")
    private Integer hostsOk;

    @Column(name = "hosts_failed")
    private Integer hostsFailed;

    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected AutomationRun() {
        // for JPA
    }

    public AutomationRun(String origin, String externalId, String name) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.name = Objects.requireNonNull(name, "name");
        this.status = "pending";
    }

    public static boolean isFinal(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "successful", "failed", "error", "canceled" -> true;
            default -> false;
        };
    }

    /** Applies a notification; a final status is not replaced by a late non-final one. */
    public void report(String reportedStatus, String playbook, String inventory, String launchedBy, String url,
            Instant startedAt, Instant finishedAt, Integer hostsOk, Integer hostsFailed) {
        String normalized = reportedStatus == null ? null : reportedStatus.toLowerCase(Locale.ROOT);
        if (normalized != null && !(isFinal(status) && !isFinal(normalized))) {
            status = normalized;
        }
        this.playbook = playbook != null ? playbook : this.playbook;
        this.inventory = inventory != null ? inventory : this.inventory;
        this.launchedBy = launchedBy != null ? launchedBy : this.launchedBy;
        this.url = url != null ? url : this.url;
        this.startedAt = startedAt != null ? startedAt : this.startedAt;
        this.finishedAt = finishedAt != null ? finishedAt : this.finishedAt;
        this.hostsOk = hostsOk != null ? hostsOk : this.hostsOk;
        this.hostsFailed = hostsFailed != null ? hostsFailed : this.hostsFailed;
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

    public String getName() {
        return name;
    }

    public String getPlaybook() {
        return playbook;
    }

    public String getInventory() {
        return inventory;
    }

    public String getLaunchedBy() {
        return launchedBy;
    }

    public String getStatus() {
        return status;
    }

    public String getUrl() {
        return url;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Integer getHostsOk() {
        return hostsOk;
    }

    public Integer getHostsFailed() {
        return hostsFailed;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AutomationRun other && Objects.equals(origin, other.getOrigin())
                && Objects.equals(externalId, other.getExternalId()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, externalId);
    }
}
