package io.opssight.incident.console;

import io.opssight.incident.boundary.IncidentQuery;
import io.opssight.incident.boundary.Incidents;
import io.opssight.platform.console.Pages;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
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
    private final LazyDataModel<IncidentRow> model = new Model();

    private final class Model extends LazyDataModel<IncidentRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            try {
                return (int) Math.min(Integer.MAX_VALUE, incidents.count(query()));
            } catch (RuntimeException e) {
                Pages.error(null, Pages.refusal(e));
                return 0;
            }
        }

        @Override
        public List<IncidentRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            try {
                return incidents.slice(query(), first, pageSize).stream().map(IncidentRow::new).toList();
            } catch (RuntimeException e) {
                return List.of();
            }
        }

        @Override
        public String getRowKey(IncidentRow row) {
            return String.valueOf(row.getId());
        }

        @Override
        public IncidentRow getRowData(String rowKey) {
            return null;
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
