package io.opssight.pipeline.console;

import io.opssight.pipeline.boundary.PipelineAnalytics;
import io.opssight.pipeline.boundary.PipelineRunQuery;
import io.opssight.pipeline.boundary.PipelineRuns;
import io.opssight.pipeline.boundary.RunWithJobs;
import io.opssight.pipeline.entity.PipelineJob;
import io.opssight.pipeline.entity.PipelineStats;
import io.opssight.platform.console.Charts;
import io.opssight.platform.console.Format;
import io.opssight.platform.console.Pages;
import io.opssight.platform.console.LazyTable;
import io.opssight.platform.entity.OpsSightException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.primefaces.model.LazyDataModel;

/**
 * Backs pipelines.xhtml: filters (repository, branch, status, result, dates) are view parameters;
 * the runs table pages in the database; the analytics (trend charts, failing and flaky jobs) cover
 * the same repository and branch over the chosen dates (default the last 90 days); {@code run}
 * opens one run's jobs.
 */
@Named
@ViewScoped
public class PipelineBoard implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The filters a rejected query's message stands next to; anything else (the window) goes to "from". */
    private static final Map<String, String> FILTERS = Map.of("status", "filters:status", "conclusion", "filters:conclusion");

    @Inject
    PipelineRuns runs;

    @Inject
    PipelineAnalytics analytics;

    private String repository;
    private String branch;
    private String status;
    private String conclusion;
    private LocalDate from;
    private LocalDate to;
    private Long run;

    private PipelineRunQuery query;
    private Summary summary;
    private String durationChart;
    private String successChart;
    private List<PipelineStats.FailingJob> failingJobs = List.of();
    private List<PipelineStats.FlakyJob> flakyJobs = List.of();
    private RunRow selected;
    private List<RunRow> jobs = List.of();

    private final LazyDataModel<RunRow> model = LazyTable.of(() -> query == null ? 0 : runs.count(query),
            (first, size, sort) -> query == null ? List.of() : runs.slice(query, first, size).stream().map(RunRow::new).toList(),
            RunRow::getId);

    /** The view action: checks the filters, reads the analytics and the selected run. */
    public void load() {
        Instant start = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            PipelineRunQuery candidate = new PipelineRunQuery(Pages.blankToNull(repository), Pages.blankToNull(branch),
                    Pages.blankToNull(status), Pages.blankToNull(conclusion), start, end, null, 1);
            runs.count(candidate);   // rejects bad filters before the table asks
            query = candidate;
            PipelineStats stats = analytics.stats(Pages.blankToNull(repository), null, Pages.blankToNull(branch), null,
                    start, end);
            summary = new Summary(stats);
            List<String> weeks = stats.weeks().stream().map(w -> w.week().label()).toList();
            durationChart = Charts.line(weeks, "minutes", List.of(
                    new Charts.Series("Duration p50", minutes(stats, PipelineStats.Week::p50DurationSeconds)),
                    new Charts.Series("Duration p95", minutes(stats, PipelineStats.Week::p95DurationSeconds)),
                    new Charts.Series("Queue time p50", minutes(stats, PipelineStats.Week::p50QueueSeconds))));
            successChart = Charts.line(weeks, "runs", List.of(
                    new Charts.Series("Succeeded", stats.weeks().stream().map(w -> (Number) w.succeeded()).toList()),
                    new Charts.Series("Failed", stats.weeks().stream().map(w -> (Number) w.failed()).toList())));
            failingJobs = stats.failingJobs();
            flakyJobs = stats.flakyJobs();
        } catch (OpsSightException e) {
            Pages.refused(e, FILTERS, "filters:from");
            return;
        }
        if (run != null) {
            try {
                RunWithJobs found = runs.find(run);
                selected = new RunRow(found.run());
                jobs = found.jobs().stream().map(PipelineBoard::jobRow).toList();
            } catch (OpsSightException e) {
                FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN,
                        "No pipeline run " + run, e.getMessage()));
            }
        }
    }

    private static List<Number> minutes(PipelineStats stats, Function<PipelineStats.Week, Double> seconds) {
        return stats.weeks().stream().map(w -> Charts.minutes(seconds.apply(w))).toList();
    }

    private static RunRow jobRow(PipelineJob j) {
        return new RunRow(j.getId(), j.getRepository(), j.getName(), j.getBranch(), j.getSha(), j.getRunner(), j.times(), null, 1);
    }

    /** The headline figures over the window. */
    public static class Summary implements Serializable {

        private static final long serialVersionUID = 1L;
        private final String window;
        private final long completed;
        private final String successRate;
        private final String p50Duration;
        private final String p95Duration;
        private final String p50Queue;
        private final String red;

        Summary(PipelineStats s) {
            window = Format.time(s.window().from()) + " – " + Format.time(s.window().to());
            completed = s.runs().completed();
            successRate = Format.percent(s.runs().successRate());
            p50Duration = Format.duration(s.runs().p50DurationSeconds());
            p95Duration = Format.duration(s.runs().p95DurationSeconds());
            p50Queue = Format.duration(s.runs().p50QueueSeconds());
            red = Format.duration(s.red().redSeconds()) + " red on " + s.red().branch()
                    + (s.red().redAtEnd().isEmpty() ? "" : "; red now: " + String.join(", ", s.red().redAtEnd()));
        }

        public String getWindow() {
            return window;
        }

        public long getCompleted() {
            return completed;
        }

        public String getSuccessRate() {
            return successRate;
        }

        public String getP50Duration() {
            return p50Duration;
        }

        public String getP95Duration() {
            return p95Duration;
        }

        public String getP50Queue() {
            return p50Queue;
        }

        public String getRed() {
            return red;
        }
    }

    public LazyDataModel<RunRow> getModel() {
        return model;
    }

    public Summary getSummary() {
        return summary;
    }

    public String getDurationChart() {
        return durationChart;
    }

    public String getSuccessChart() {
        return successChart;
    }

    public List<PipelineStats.FailingJob> getFailingJobs() {
        return failingJobs;
    }

    public List<PipelineStats.FlakyJob> getFlakyJobs() {
        return flakyJobs;
    }

    public RunRow getSelected() {
        return selected;
    }

    public List<RunRow> getJobs() {
        return jobs;
    }

    public String format(Instant at) {
        return Format.time(at);
    }

    public String percent(double rate) {
        return Format.percent(rate);
    }

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getConclusion() {
        return conclusion;
    }

    public void setConclusion(String conclusion) {
        this.conclusion = conclusion;
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

    public Long getRun() {
        return run;
    }

    public void setRun(Long run) {
        this.run = run;
    }
}
