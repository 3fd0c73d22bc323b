package io.opssight.catalog.console;

import io.opssight.access.entity.Permission;
import io.opssight.deployment.boundary.DeploymentQuery;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.deployment.console.DeploymentRow;
import io.opssight.deployment.entity.Deployment;
import io.opssight.dora.boundary.DoraMetrics;
import io.opssight.dora.boundary.DoraQuery;
import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.DoraReport;
import io.opssight.incident.boundary.IncidentQuery;
import io.opssight.incident.boundary.Incidents;
import io.opssight.incident.console.IncidentRow;
import io.opssight.pipeline.boundary.PipelineAnalytics;
import io.opssight.pipeline.entity.PipelineStats;
import io.opssight.platform.console.Charts;
import io.opssight.platform.console.ConsoleUser;
import io.opssight.platform.console.Format;
import io.opssight.platform.entity.OpsSightException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import io.opssight.dora.entity.Tier;

/**
 * One service (service.xhtml?name=...): its deployment timeline per environment, its DORA figures
 * with weekly trends, the health of its repository's pipelines, and its incidents with the
 * deployment each is linked to and why. Panels follow the user's permissions.
 */
@Named
@ViewScoped
public class ServicePage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int TIMELINE_ROWS = 10;
    static final int ENVIRONMENTS = 20;

    @Inject
    Deployments deployments;

    @Inject
    DoraMetrics dora;

    @Inject
    PipelineAnalytics pipelines;

    @Inject
    Incidents incidents;

    private String name;
    private String repository;
    private List<Timeline> timelines = List.of();
    private String frequency;
    private String leadTime;
    private String failureRate;
    private String recovery;
    private String doraChart;
    private boolean doraShown;
    private PipelineStats.Runs pipelineRuns;
    private String pipelineRed;
    private String pipelineChart;
    private List<IncidentRow> incidentRows = List.of();
    private boolean found;

    /** Deployments of one environment, newest first. */
    public static class Timeline implements Serializable {

        private static final long serialVersionUID = 1L;
        private final String environment;
        private final boolean production;
        private final List<DeploymentRow> deployments;

        Timeline(String environment, boolean production, List<DeploymentRow> deployments) {
            this.environment = environment;
            this.production = production;
            this.deployments = deployments;
        }

        public String getEnvironment() {
            return environment;
        }

        public boolean isProduction() {
            return production;
        }

        public List<DeploymentRow> getDeployments() {
            return deployments;
        }
    }

    /** The view action: reads every panel the user may see. */
    public void load() {
        if (name == null || name.isBlank()) {
            message("Name a service, e.g. service.xhtml?name=checkout.");
            return;
        }
        name = name.trim();
        if (ConsoleUser.holds(Permission.DEPLOYMENTS_READ)) {
            List<Timeline> list = new ArrayList<>();
            for (Deployment latest : deployments.latestPerServiceAndEnvironment(name, 0, ENVIRONMENTS)) {
                repository = latest.getService().getRepository();
                String environment = latest.getEnvironment().getName();
                List<DeploymentRow> rows = deployments.slice(new DeploymentQuery(name, environment, null, null, null, null, 1),
                        Deployments.SortKey.CREATED, false, 0, TIMELINE_ROWS).stream().map(DeploymentRow::new).toList();
                list.add(new Timeline(environment, latest.getEnvironment().isProduction(), rows));
            }
            timelines = list;
            found = !list.isEmpty();
        }
        if (ConsoleUser.holds(Permission.DORA_READ)) {
            try {
                DoraReport r = dora.report(new DoraQuery(null, name, null, null, null, null));
                found = true;
                doraShown = true;
                frequency = Format.number(r.deploymentFrequency().perDay()) + " / day · " + tier(r.deploymentFrequency().tier());
                leadTime = (r.leadTimeForChanges().medianSeconds() == null ? "–" : Format.duration(r.leadTimeForChanges().medianSeconds()))
                        + " · " + tier(r.leadTimeForChanges().tier());
                failureRate = Format.percent(r.changeFailureRate().rate()) + " · " + tier(r.changeFailureRate().tier());
                DoraReport.Recovery rec = r.failedDeploymentRecoveryTime();
                recovery = (rec.medianSeconds() == null ? "–" : Format.duration(rec.medianSeconds())) + " · " + tier(rec.tier());
                List<String> weeks = r.weeks().stream().map(w -> w.week().label()).toList();
                doraChart = Charts.line(weeks, "per week / hours", List.of(
                        new Charts.Series("Deployments", r.weeks().stream().map(w -> (Number) w.deployments()).toList()),
                        new Charts.Series("Failed deployments", r.weeks().stream().map(w -> (Number) w.failedDeployments()).toList()),
                        new Charts.Series("Median lead time (h)",
                                r.weeks().stream().map(w -> Charts.hours(w.medianLeadTimeSeconds())).toList())));
            } catch (OpsSightException e) {
                // Unknown service: said once below.
            }
        }
        if (!found) {
            message("No service named '" + name + "' has been seen yet.");
            return;
        }
        if (repository != null && ConsoleUser.holds(Permission.PIPELINES_READ)) {
            PipelineStats stats = pipelines.stats(repository, null, null, null, null, null);
            pipelineRuns = stats.runs();
            pipelineRed = Format.duration(stats.red().redSeconds()) + " red on " + stats.red().branch()
                    + (stats.red().redAtEnd().isEmpty() ? "" : " (red now)");
            pipelineChart = Charts.line(stats.weeks().stream().map(w -> w.week().label()).toList(), "runs", List.of(
                    new Charts.Series("Succeeded", stats.weeks().stream().map(w -> (Number) w.succeeded()).toList()),
                    new Charts.Series("Failed", stats.weeks().stream().map(w -> (Number) w.failed()).toList())));
        }
        if (ConsoleUser.holds(Permission.INCIDENTS_READ)) {
            incidentRows = incidents.list(new IncidentQuery(name, null, null, null, null, 20)).items().stream()
                    .map(IncidentRow::new).toList();
        }
    }

    private static void message(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, text));
    }

    private static String tier(Tier tier) {
        return tier == null ? "no data" : tier.wireName();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isFound() {
        return found;
    }

    public String getRepository() {
        return repository;
    }

    public List<Timeline> getTimelines() {
        return timelines;
    }

    public boolean isDoraShown() {
        return doraShown;
    }

    public String getFrequency() {
        return frequency;
    }

    public String getLeadTime() {
        return leadTime;
    }

    public String getFailureRate() {
        return failureRate;
    }

    public String getRecovery() {
        return recovery;
    }

    public String getDoraChart() {
        return doraChart;
    }

    public String getBenchmark() {
        return Benchmark.Y2023.year();
    }

    public String getSuccessRate() {
        return pipelineRuns == null ? "–" : Format.percent(pipelineRuns.successRate());
    }

    public String getP50Duration() {
        return pipelineRuns == null ? "" : Format.duration(pipelineRuns.p50DurationSeconds());
    }

    public long getCompletedRuns() {
        return pipelineRuns == null ? 0 : pipelineRuns.completed();
    }

    public boolean isPipelinesShown() {
        return pipelineRuns != null;
    }

    public String getPipelineRed() {
        return pipelineRed;
    }

    public String getPipelineChart() {
        return pipelineChart;
    }

    public List<IncidentRow> getIncidentRows() {
        return incidentRows;
    }
}
