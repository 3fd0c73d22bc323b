package io.opssight.automation.console;

import io.opssight.automation.entity.AutomationRun;
import io.opssight.automation.entity.InfraChange;
import io.opssight.catalog.entity.Workload;
import io.opssight.platform.console.Format;
import java.io.Serializable;

/** The rows of the infrastructure page, one small view type per table. */
public final class InfrastructureRows {

    private InfrastructureRows() {
    }

    /** An AWX job run. */
    public static class Run implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String name;
        private final String playbook;
        private final String inventory;
        private final String status;
        private final String launchedBy;
        private final String startedAt;
        private final String finishedAt;
        private final String hosts;
        private final String url;

        Run(AutomationRun r) {
            this.id = r.getId();
            this.name = r.getName();
            this.playbook = r.getPlaybook();
            this.inventory = r.getInventory();
            this.status = r.getStatus();
            this.launchedBy = r.getLaunchedBy();
            this.startedAt = Format.time(r.getStartedAt());
            this.finishedAt = Format.time(r.getFinishedAt());
            this.hosts = r.getHostsOk() == null && r.getHostsFailed() == null ? ""
                    : (r.getHostsOk() == null ? 0 : r.getHostsOk()) + " ok, " + (r.getHostsFailed() == null ? 0 : r.getHostsFailed())
                            + " failed";
            this.url = Format.safeUrl(r.getUrl());
        }

        public long getId() {
            return id;
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

        public String getStatus() {
            return status;
        }

        public String getLaunchedBy() {
            return launchedBy;
        }

        public String getStartedAt() {
            return startedAt;
        }

        public String getFinishedAt() {
            return finishedAt;
        }

        public String getHosts() {
            return hosts;
        }

        public String getUrl() {
            return url;
        }
    }

    /** A Terraform plan. */
    public static class Change implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String workspace;
        private final String origin;
        private final String summary;
        private final boolean production;
        private final String productionReason;
        private final String plannedAt;

        Change(InfraChange c) {
            this.id = c.getId();
            this.workspace = c.getWorkspace();
            this.origin = c.getOrigin();
            this.summary = "+" + c.getCreates() + " ~" + c.getUpdates() + " -" + c.getDeletes() + " ±" + c.getReplaces();
            this.production = c.isProductionTouched();
            this.productionReason = c.getProductionReason();
            this.plannedAt = Format.time(c.getPlannedAt());
        }

        public long getId() {
            return id;
        }

        public String getWorkspace() {
            return workspace;
        }

        public String getOrigin() {
            return origin;
        }

        public String getSummary() {
            return summary;
        }

        public boolean isProduction() {
            return production;
        }

        public String getProductionReason() {
            return productionReason;
        }

        public String getPlannedAt() {
            return plannedAt;
        }
    }

    /** An Argo CD workload in a cluster. */
    public static class Target implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String cluster;
        private final String namespace;
        private final String name;
        private final String service;
        private final String health;
        private final String sync;
        private final String revision;
        private final String lastSeenAt;

        Target(Workload w) {
            this.id = w.getId();
            this.cluster = w.getCluster().getName();
            this.namespace = w.getNamespace();
            this.name = w.getName();
            this.service = w.getService() == null ? "" : w.getService().getName();
            this.health = w.getHealth();
            this.sync = w.getSyncStatus();
            this.revision = w.getRevision() == null ? "" : w.getRevision().substring(0, Math.min(12, w.getRevision().length()));
            this.lastSeenAt = Format.time(w.getLastSeenAt());
        }

        public long getId() {
            return id;
        }

        public String getCluster() {
            return cluster;
        }

        public String getNamespace() {
            return namespace;
        }

        public String getName() {
            return name;
        }

        public String getService() {
            return service;
        }

        public String getHealth() {
            return health;
        }

        public String getSync() {
            return sync;
        }

        public String getRevision() {
            return revision;
        }

        public String getLastSeenAt() {
            return lastSeenAt;
        }
    }
}
