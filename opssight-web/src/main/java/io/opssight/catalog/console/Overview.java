package io.opssight.catalog.console;

import io.opssight.access.entity.Permission;
import io.opssight.alerting.boundary.AlertQuery;
import io.opssight.alerting.boundary.Alerts;
import io.opssight.alerting.console.AlertRow;
import io.opssight.alerting.entity.Alert;
import io.opssight.catalog.boundary.Teams;
import io.opssight.deployment.boundary.DeploymentQuery;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.deployment.console.DeploymentRow;
import io.opssight.dora.boundary.DoraMetrics;
import io.opssight.dora.boundary.DoraQuery;
import io.opssight.dora.entity.DoraReport;
import io.opssight.dora.entity.Tier;
import io.opssight.incident.boundary.Incidents;
import io.opssight.incident.console.IncidentRow;
import io.opssight.pipeline.boundary.PipelineAnalytics;
import io.opssight.pipeline.boundary.PipelineRuns;
import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.platform.console.ConsoleUser;
import io.opssight.platform.console.Format;
import io.opssight.platform.console.LazyTable;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/**
 * The overview: every service's latest deployment per environment (a lazy table, newest activity
 * first), open incidents, firing alerts, pipelines whose default branch is red, and DORA tiers per
 * team. A {@code p:poll} calls {@link #refresh()} every few seconds and re-renders the live panels,
 * so what is ingested while the page is open appears without a reload. Each panel is read through
 * its feature's boundary only when the user holds that boundary's permission.
 */
@Named
@ViewScoped
public class Overview implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PANEL_ROWS = 10;
    static final int TEAMS_SHOWN = 12;

    @Inject
    Deployments deployments;

    @Inject
    Incidents incidents;

    @Inject
    Alerts alerts;

    @Inject
    PipelineRuns runs;

    @Inject
    Teams teams;

    @Inject
    DoraMetrics dora;

    private final LazyDataModel<DeploymentRow> latest = LazyTable.of(() -> deployments.countServiceEnvironments(null),
            (first, size, sort) -> deployments.latestPerServiceAndEnvironment(null, first, size).stream()
                    .map(DeploymentRow::new).toList(), DeploymentRow::getId);
    private boolean anyDeployment;
    private List<IncidentRow> openIncidents = List.of();
    private long openIncidentCount;
    private List<AlertRow> firing = List.of();
    private long firingCount;
    private List<RedRun> red = List.of();
    private List<TeamTiers> teamTiers = List.of();
    private boolean moreTeams;

    @PostConstruct
    void init() {
        refresh();
        if (ConsoleUser.holds(Permission.TEAMS_READ) && ConsoleUser.holds(Permission.DORA_READ)) {
            List<Teams.Owned> all = teams.list();
            moreTeams = all.size() > TEAMS_SHOWN;
            teamTiers = all.stream().limit(TEAMS_SHOWN).map(t -> new TeamTiers(t.team().getName(), t.services().size(),
                    dora.report(new DoraQuery(t.team().getName(), null, null, null, null, null)))).toList();
        }
    }

    /** Reads the live panels again (the poll's listener); DORA tiers move slowly and stay as loaded. */
    public void refresh() {
        if (ConsoleUser.holds(Permission.DEPLOYMENTS_READ)) {
            // Only "any at all?" for the empty state: one row off the newest-first index, not a count.
            anyDeployment = !deployments.slice(new DeploymentQuery(null, null, null, null, null, null, 1),
                    Deployments.SortKey.CREATED, false, 0, 1).isEmpty();
        }
        if (ConsoleUser.holds(Permission.INCIDENTS_READ)) {
            Incidents.OpenIncidents open = incidents.open(PANEL_ROWS);
            openIncidents = open.items().stream().map(IncidentRow::new).toList();
            openIncidentCount = open.total();
        }
        if (ConsoleUser.holds(Permission.ALERTS_READ)) {
            firing = alerts.list(new AlertQuery(Alert.FIRING, null, null, PANEL_ROWS)).items().stream().map(AlertRow::new).toList();
            firingCount = alerts.countFiring();
        }
        if (ConsoleUser.holds(Permission.PIPELINES_READ)) {
            red = runs.red(PipelineAnalytics.DEFAULT_BRANCH, PANEL_ROWS * 2).stream().map(RedRun::new).toList();
        }
    }

    public LazyDataModel<DeploymentRow> getLatest() {
        return latest;
    }

    public boolean isAnyDeployment() {
        return anyDeployment;
    }

    public List<IncidentRow> getOpenIncidents() {
        return openIncidents;
    }

    public long getOpenIncidentCount() {
        return openIncidentCount;
    }

    public List<AlertRow> getFiring() {
        return firing;
    }

    public long getFiringCount() {
        return firingCount;
    }

    public List<RedRun> getRed() {
        return red;
    }

    public String getDefaultBranch() {
        return PipelineAnalytics.DEFAULT_BRANCH;
    }

    public List<TeamTiers> getTeamTiers() {
        return teamTiers;
    }

    public boolean isMoreTeams() {
        return moreTeams;
    }

    /** The failed run that keeps a pipeline's default branch red. */
    public static class RedRun implements Serializable {

        private static final long serialVersionUID = 1L;
        private final long id;
        private final String repository;
        private final String pipeline;
        private final String conclusion;
        private final String since;
        private final String sha;
        private final String actor;

        RedRun(PipelineRun r) {
            this.id = r.getId();
            this.repository = r.getRepository();
            this.pipeline = r.getPipeline();
            this.conclusion = r.times().getConclusion() == null ? "" : r.times().getConclusion().wireName();
            this.since = Format.time(r.times().getFinishedAt());
            this.sha = Format.shortSha(r.getSha());
            this.actor = r.getActor();
        }

        public long getId() {
            return id;
        }

        public String getRepository() {
            return repository;
        }

        public String getPipeline() {
            return pipeline;
        }

        public String getConclusion() {
            return conclusion;
        }

        public String getSince() {
            return since;
        }

        public String getSha() {
            return sha;
        }

        public String getActor() {
            return actor;
        }
    }

    /** A team's four DORA tiers over the last 90 days ("no data" where there is none). */
    public static class TeamTiers implements Serializable {

        private static final long serialVersionUID = 1L;
        private final String team;
        private final int services;
        private final String deploymentFrequency;
        private final String leadTime;
        private final String changeFailureRate;
        private final String recovery;

        TeamTiers(String team, int services, DoraReport r) {
            this.team = team;
            this.services = services;
            this.deploymentFrequency = tier(r.deploymentFrequency().tier());
            this.leadTime = tier(r.leadTimeForChanges().tier());
            this.changeFailureRate = tier(r.changeFailureRate().tier());
            this.recovery = tier(r.failedDeploymentRecoveryTime().tier());
        }

        static String tier(Tier tier) {
            return tier == null ? "no data" : tier.wireName();
        }

        public String getTeam() {
            return team;
        }

        public int getServices() {
            return services;
        }

        public String getDeploymentFrequency() {
            return deploymentFrequency;
        }

        public String getLeadTime() {
            return leadTime;
        }

        public String getChangeFailureRate() {
            return changeFailureRate;
        }

        public String getRecovery() {
            return recovery;
        }
    }
}
