package io.opssight.audit.console;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.audit.rest.AuditExport;
import io.opssight.platform.console.LazyTable;
import io.opssight.platform.console.Pages;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.StreamedContent;

/**
 * The audit trail: newest first, paged in the database, filtered by actor, action, target,
 * outcome and time range (view parameters, so a filtered trail is a bookmarkable URL); verifying
 * the hash chain; exporting the filtered trail as CSV or JSON, streamed page by page.
 */
@Named
@ViewScoped
public class AuditTrailPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AuditTrail trail;

    private String actor;
    private String action;
    private String target;
    private String outcome;
    private String from;
    private String to;
    private Boolean intact;
    private String verification;
    private final LazyDataModel<AuditRow> model = LazyTable.of(() -> trail.count(filter()),
            (first, size, sort) -> trail.slice(filter(), first, size).stream().map(AuditRow::new).toList(), AuditRow::getSeq);

    public void verify() {
        AuditTrail.Verification v = trail.verify();
        intact = v.intact();
        verification = v.intact()
                ? "The chain is intact: " + v.checked() + " entries checked, head " + v.headSeq() + " (" + v.headHash().substring(0, 12)
                        + "…)."
                : "The chain is broken at entry " + v.firstBrokenSeq() + ": " + v.reason() + " (" + v.checked()
                        + " entries before it are intact).";
    }

    public StreamedContent getCsv() {
        return export(true);
    }

    public StreamedContent getJson() {
        return export(false);
    }

    private StreamedContent export(boolean csv) {
        AuditTrail.Filter filter = filter();
        List<AuditEntry> first = AuditExport.firstPage(trail, filter);
        AuditTrail exporter = trail;
        return DefaultStreamedContent.builder().name("opssight-audit." + (csv ? "csv" : "json"))
                .contentType(csv ? "text/csv; charset=UTF-8" : "application/json")
                .writer(out -> {
                    try {
                        AuditExport.write(exporter, filter, csv, first, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).build();
    }

    private AuditTrail.Filter filter() {
        Instant since = Pages.instant(from);
        Instant until = Pages.instant(to);
        return new AuditTrail.Filter(Pages.blankToNull(actor), Pages.blankToNull(action), Pages.blankToNull(target),
                Pages.blankToNull(outcome), since, until);
    }

    public LazyDataModel<AuditRow> getModel() {
        return model;
    }

    public Boolean getIntact() {
        return intact;
    }

    public String getVerification() {
        return verification;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }
}
