package io.opssight.alerting.console;

import io.opssight.alerting.boundary.AlertAcknowledgements;
import io.opssight.alerting.boundary.AlertQuery;
import io.opssight.alerting.boundary.Alerts;
import io.opssight.platform.console.LazyTable;
import io.opssight.platform.console.Pages;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import io.opssight.alerting.entity.Alert;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.primefaces.model.LazyDataModel;

/**
 * Firing and resolved alerts, newest first, paged in the database; state and service are view
 * parameters. People with alerts:acknowledge acknowledge a firing alert (with an optional note) or take
 * that back.
 */
@Named
@ViewScoped
public class AlertsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Alerts alerts;

    @EJB
    AlertAcknowledgements acknowledgements;

    /** The note typed next to each alert, by alert id. */
    private final Map<Long, String> notes = new HashMap<>();
    private String status;
    private String service;
    private final LazyDataModel<AlertRow> model = LazyTable.of(() -> alerts.count(query()),
            (first, size, sort) -> alerts.slice(query(), first, size).stream().map(AlertRow::new).toList(), AlertRow::getId);

    private AlertQuery query() {
        String state = Pages.blankToNull(status);
        // Only the two states there are; anything else in a hand-edited URL means "any".
        return new AlertQuery("firing".equals(state) || "resolved".equals(state) ? state : null, Pages.blankToNull(service), null, 1);
    }

    public void acknowledge(long id) {
        try {
            Alert alert = acknowledgements.acknowledge(id, notes.remove(id));
            Pages.info(null, "Alert " + alert.getName() + " acknowledged.");
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    public void unacknowledge(long id) {
        try {
            Alert alert = acknowledgements.unacknowledge(id);
            Pages.info(null, "Acknowledgement of " + alert.getName() + " taken back.");
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    public Map<Long, String> getNotes() {
        return notes;
    }

    public LazyDataModel<AlertRow> getModel() {
        return model;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }
}
