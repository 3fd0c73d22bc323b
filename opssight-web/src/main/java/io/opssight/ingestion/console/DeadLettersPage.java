package io.opssight.ingestion.console;

import io.opssight.ingestion.boundary.DeadLetters;
import io.opssight.ingestion.boundary.Sources;
import io.opssight.platform.console.LazyTable;
import io.opssight.platform.console.Pages;
import jakarta.ejb.EJB;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/**
 * Admin / Dead letters: deliveries that could not be mapped, newest first, paged in the database;
 * replay one, the selected ones, or all of a source (up to {@link #BULK}). The source filter is a
 * view parameter, so a filtered list is a bookmarkable URL.
 */
@Named
@ViewScoped
public class DeadLettersPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int BULK = 1000;

    @EJB
    DeadLetters deadLetters;

    @EJB
    Sources sources;

    private Long source;
    private List<DeadLetterRow> selected = new ArrayList<>();
    private final LazyDataModel<DeadLetterRow> model = LazyTable.of(() -> deadLetters.count(source),
            (first, size, sort) -> deadLetters.slice(source, first, size).stream().map(DeadLetterRow::new).toList(),
            DeadLetterRow::getId);

    public void replay(long id) {
        try {
            report(deadLetters.replay(id), "Dead letter " + id);
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    public void replaySelected() {
        if (selected == null || selected.isEmpty()) {
            Pages.error(null, "Select the dead letters to replay first.");
            return;
        }
        int processed = 0;
        int ignored = 0;
        int failing = 0;
        int refused = 0;
        for (DeadLetterRow row : selected) {
            try {
                DeadLetters.Replayed r = deadLetters.replay(row.getId());
                processed += r.processed();
                ignored += r.ignored();
                failing += r.stillFailing();
            } catch (RuntimeException e) {
                Pages.refusal(e);
                refused++;
            }
        }
        selected = new ArrayList<>();
        report(new DeadLetters.Replayed(processed + ignored + failing, processed, ignored, failing),
                "The selected dead letters" + (refused > 0 ? " (" + refused + " could not be replayed any more)" : ""));
    }

    public void replayAll() {
        try {
            report(deadLetters.replayBulk(source, BULK), source == null ? "All dead letters" : "The source's dead letters");
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    private static void report(DeadLetters.Replayed r, String what) {
        String summary = what + ": " + r.replayed() + " replayed, " + r.processed() + " processed, " + r.ignored()
                + " ignored, " + r.stillFailing() + " still failing.";
        if (r.stillFailing() > 0) {
            Pages.error(null, summary);
        } else {
            Pages.info(null, summary);
        }
    }

    public List<SelectItem> getSources() {
        List<SelectItem> items = new ArrayList<>();
        sources.list().stream().filter(s -> s.getKind().isWebhook())
                .forEach(s -> items.add(new SelectItem(s.getId(), s.getKind().wireName() + "/" + s.getName())));
        return items;
    }

    public LazyDataModel<DeadLetterRow> getModel() {
        return model;
    }

    public Long getSource() {
        return source;
    }

    public void setSource(Long source) {
        this.source = source;
    }

    public List<DeadLetterRow> getSelected() {
        return selected;
    }

    public void setSelected(List<DeadLetterRow> selected) {
        this.selected = selected;
    }
}
