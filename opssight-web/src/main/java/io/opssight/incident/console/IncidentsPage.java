package io.opssight.incident.console;

import io.opssight.incident.boundary.IncidentQuery;
import io.opssight.incident.boundary.Incidents;
import io.opssight.platform.console.LazyTable;
import io.opssight.platform.console.Pages;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Incidents, newest first, paged in the database and filtered by service, state and opening time
 * (view parameters: a filtered list is a bookmarkable URL), each with its linked deployment.
 */
@Named
@ViewScoped
public class IncidentsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Incidents incidents;

    private String service;
    private String status;
    private String from;
    private String to;
    private final LazyDataModel<IncidentRow> model = LazyTable.of(this::count, this::rows, IncidentRow::getId);

    private long count() {
        try {
            return incidents.count(query());
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
            return 0;
        }
    }

    private List<IncidentRow> rows(int first, int size, SortMeta sort) {
        try {
            return incidents.slice(query(), first, size).stream().map(IncidentRow::new).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private IncidentQuery query() {
        Instant since = Pages.instant(from);
        Instant until = Pages.instant(to);
        return new IncidentQuery(Pages.blankToNull(service), Pages.blankToNull(status), since, until, null, 1);
    }

    public LazyDataModel<IncidentRow> getModel() {
        return model;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
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
