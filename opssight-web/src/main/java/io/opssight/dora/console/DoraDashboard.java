package io.opssight.dora.console;

import io.opssight.change.entity.DeploymentChange;
import io.opssight.deployment.console.DeploymentRow;
import io.opssight.dora.boundary.DoraMetrics;
import io.opssight.dora.boundary.DoraQuery;
import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.CountedDeployment;
import io.opssight.dora.entity.DoraPage;
import io.opssight.dora.entity.DoraReport;
import io.opssight.dora.entity.IncidentMeasure;
import io.opssight.dora.entity.ScopedIncident;
import io.opssight.dora.entity.Tier;
import io.opssight.incident.console.IncidentRow;
import io.opssight.platform.console.Charts;
import io.opssight.platform.console.Format;
import io.opssight.platform.console.Pages;
import io.opssight.platform.console.LazyTable;
import io.opssight.platform.entity.OpsSightException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.primefaces.model.LazyDataModel;

/**
 * Backs dora.xhtml. The filters are view parameters; {@link #load()} (a view action) asks for the
 * report once per request, and the drill-down tables page through the same question in the
 * database. A question the boundary rejects (unknown team, a window too long...) shows its message
 * next to the field it is about and no figures.
 */
@Named
@ViewScoped
public class DoraDashboard implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The filters a rejected question's message stands next to; anything else (the window) goes to "from". */
    static final Map<String, String> FILTERS = Map.of("team", "filters:team", "service", "filters:service",
            "environment", "filters:environment", "benchmark", "filters:benchmark");

    @Inject
    DoraMetrics dora;

    private String team;
    private String service;
    private String environment;
    private LocalDate from;
    private LocalDate to;
    private String benchmark = Benchmark.Y2023.year();

    private Cards cards;
    private String deploymentsChart;
    private String timesChart;
    private DoraQuery asked;

    private final LazyDataModel<CountedRow> deployments = drill(q -> (o, l) -> dora.deployments(q, o, l), CountedRow::new);
    private final LazyDataModel<ChangeRow> changes = drill(q -> (o, l) -> dora.changes(q, o, l), ChangeRow::new);
    private final LazyDataModel<ScopedIncidentRow> incidents =
            drill(q -> (o, l) -> dora.incidents(q, null, o, l), ScopedIncidentRow::new);

    /** One page of a drill-down for a question. */
    private interface Pager<T> extends Serializable {
        DoraPage<T> page(int offset, int limit);
    }

    private interface Asking<T> extends Serializable {
        Pager<T> of(DoraQuery query);
    }

    private interface Mapping<T, R> extends Function<T, R>, Serializable {
    }

    /** A drill-down table of the question asked last: one boundary call per page, total from the same call. */
    private <T, R> LazyDataModel<R> drill(Asking<T> asking, Mapping<T, R> mapping) {
        return LazyTable.counted((first, size) -> {
            if (asked == null) {
                return new LazyTable.Page<>(List.of(), 0);
            }
            DoraPage<T> page = asking.of(asked).page(first, Math.min(size, DoraMetrics.MAX_PAGE));
            return new LazyTable.Page<>(page.items().stream().map(mapping).toList(), page.total());
        }, System::identityHashCode);
    }

    /** The view action: asks the boundary for the report of the filters in the URL. */
    public void load() {
        cards = null;
        asked = null;
        DoraQuery query = new DoraQuery(Pages.blankToNull(team), Pages.blankToNull(service), Pages.blankToNull(environment),
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), Pages.blankToNull(benchmark));
        try {
            DoraReport report = dora.report(query);
            asked = query;
            cards = new Cards(report);
            deploymentsChart = Charts.line(weeks(report), "per week", List.of(
                    new Charts.Series("Deployments", report.weeks().stream().map(w -> (Number) w.deployments()).toList()),
                    new Charts.Series("Failed deployments", report.weeks().stream().map(w -> (Number) w.failedDeployments()).toList())));
            timesChart = Charts.line(weeks(report), "hours (weekly median)", List.of(
                    new Charts.Series("Lead time for changes",
                            report.weeks().stream().map(w -> Charts.hours(w.medianLeadTimeSeconds())).toList()),
                    new Charts.Series("Recovery time", report.weeks().stream().map(w -> Charts.hours(
                            report.benchmark() == Benchmark.Y2021 ? w.medianTimeToRestoreSeconds()
                                    : w.medianRecoverySeconds())).toList())));
        } catch (OpsSightException e) {
            Pages.refused(e, FILTERS, "filters:from");
        }
    }

    private static List<String> weeks(DoraReport report) {
        return report.weeks().stream().map(w -> w.week().label()).toList();
    }

    static String tier(Tier tier) {
        return tier == null ? "no data" : tier.wireName();
    }

    /** The four key cards of a report. */
    public static class Cards implements Serializable {

        private static final long serialVersionUID = 1L;
        private final String window;
        private final String benchmark;
        private final String frequency;
        private final String frequencyDetail;
        private final String frequencyTier;
        private final String leadTime;
        private final String leadTimeDetail;
        private final String leadTimeTier;
        private final String failureRate;
        private final String failureRateDetail;
        private final String failureRateTier;
        private final String recoveryTitle;
        private final String recovery;
        private final String recoveryDetail;
        private final String recoveryTier;
        private final boolean estimated;

        Cards(DoraReport r) {
            window = Format.time(r.window().from()) + " – " + Format.time(r.window().to());
            benchmark = r.benchmark().year();
            frequency = Format.number(r.deploymentFrequency().perDay()) + " / day";
            frequencyDetail = r.deploymentFrequency().deployments() + " deployments on " + r.deploymentFrequency().deploymentDays()
                    + " days; median " + Format.number(r.deploymentFrequency().weeklyMedianDays()) + " deployment days a week";
            frequencyTier = tier(r.deploymentFrequency().tier());
            DoraReport.LeadTime lead = r.leadTimeForChanges();
            leadTime = lead.medianSeconds() == null ? "–" : Format.duration(lead.medianSeconds());
            leadTimeDetail = "median of " + lead.changes() + " changes shipped by " + lead.deployments() + " deployments";
            leadTimeTier = tier(lead.tier());
            DoraReport.ChangeFailureRate cfr = r.changeFailureRate();
            failureRate = Format.percent(cfr.rate());
            failureRateDetail = cfr.failedDeployments() + " of " + cfr.deployments() + " deployments caused "
                    + cfr.incidents() + " incidents";
            failureRateTier = tier(cfr.tier());
            DoraReport.Recovery rec = r.benchmark() == Benchmark.Y2021 ? r.timeToRestore() : r.failedDeploymentRecoveryTime();
            recoveryTitle = r.benchmark() == Benchmark.Y2021 ? "Time to restore service" : "Failed deployment recovery time";
            recovery = rec.medianSeconds() == null ? "–" : Format.duration(rec.medianSeconds());
            recoveryDetail = "median over " + rec.incidents() + " resolved incidents";
            recoveryTier = tier(rec.tier());
            estimated = !r.exactMedians();
        }

        public String getWindow() {
            return window;
        }

        public String getBenchmark() {
            return benchmark;
        }

        public String getFrequency() {
            return frequency;
        }

        public String getFrequencyDetail() {
            return frequencyDetail;
        }

        public String getFrequencyTier() {
            return frequencyTier;
        }

        public String getLeadTime() {
            return leadTime;
        }

        public String getLeadTimeDetail() {
            return leadTimeDetail;
        }

        public String getLeadTimeTier() {
            return leadTimeTier;
        }

        public String getFailureRate() {
            return failureRate;
        }

        public String getFailureRateDetail() {
            return failureRateDetail;
        }

        public String getFailureRateTier() {
            return failureRateTier;
        }

        public String getRecoveryTitle() {
            return recoveryTitle;
        }

        public String getRecovery() {
            return recovery;
        }

        public String getRecoveryDetail() {
            return recoveryDetail;
        }

        public String getRecoveryTier() {
            return recoveryTier;
        }

        public boolean isEstimated() {
            return estimated;
        }
    }

    /** A deployment counted for DORA: the deployments table's row, with what it shipped and caused. */
    public static class CountedRow extends DeploymentRow {

        private static final long serialVersionUID = 1L;
        private final long changes;
        private final String medianLeadTime;
        private final String incidents;

        CountedRow(CountedDeployment c) {
            super(c.deployment());
            changes = c.changes();
            medianLeadTime = Format.duration(c.medianLeadTimeSeconds());
            incidents = c.incidentIds().isEmpty() ? "none" : c.incidentIds().stream().map(i -> "#" + i).collect(Collectors.joining(", "));
        }

        public long getChanges() {
            return changes;
        }

        public String getMedianLeadTime() {
            return medianLeadTime;
        }

        public String getIncidents() {
            return incidents;
        }
    }

    /** A change a counted deployment shipped, with its lead time. */
    public static class ChangeRow implements Serializable {

        private static final long serialVersionUID = 1L;
        private final String sha;
        private final String message;
        private final String author;
        private final String committedAt;
        private final String deployment;
        private final String leadTime;

        ChangeRow(DeploymentChange c) {
            sha = Format.shortSha(c.getChange().getSha());
            String text = c.getChange().getMessage() == null ? "" : c.getChange().getMessage();
            message = text.lines().findFirst().orElse("");
            author = c.getChange().getAuthor();
            committedAt = Format.time(c.getChange().getCommittedAt());
            deployment = c.getDeployment().getService().getName() + " to " + c.getDeployment().getEnvironment().getName()
                    + " at " + Format.time(c.getDeployment().getFinishedAt());
            leadTime = Format.duration(c.getLeadTimeSeconds());
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

        public String getCommittedAt() {
            return committedAt;
        }

        public String getDeployment() {
            return deployment;
        }

        public String getLeadTime() {
            return leadTime;
        }
    }

    /** An incident behind a figure, with what it counts for. */
    public static class ScopedIncidentRow extends IncidentRow {

        private static final long serialVersionUID = 1L;
        private final String countsFor;

        ScopedIncidentRow(ScopedIncident s) {
            super(s.incident());
            countsFor = s.countsFor().isEmpty() ? "nothing in this window"
                    : s.countsFor().stream().map(IncidentMeasure::wireName).map(m -> m.replace('_', ' '))
                            .collect(Collectors.joining(", "));
        }

        public String getCountsFor() {
            return countsFor;
        }
    }

    public Cards getCards() {
        return cards;
    }

    public String getDeploymentsChart() {
        return deploymentsChart;
    }

    public String getTimesChart() {
        return timesChart;
    }

    public LazyDataModel<CountedRow> getDeployments() {
        return deployments;
    }

    public LazyDataModel<ChangeRow> getChanges() {
        return changes;
    }

    public LazyDataModel<ScopedIncidentRow> getIncidents() {
        return incidents;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public String getBenchmark() {
        return benchmark;
    }

    public void setBenchmark(String benchmark) {
        this.benchmark = benchmark;
    }
}
