package io.opssight.automation.console;

import io.opssight.automation.boundary.Infrastructure;
import io.opssight.platform.console.LazyTable;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/** Infrastructure: automation runs, infrastructure changes and workloads, each a lazy table paged in the database. */
@Named
@ViewScoped
public class InfrastructurePage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Infrastructure infrastructure;

    private final LazyDataModel<InfrastructureRows.Run> runs = LazyTable.of(() -> infrastructure.countRuns(),
            (first, size, sort) -> infrastructure.runs(first, size).stream().map(InfrastructureRows.Run::new).toList(),
            InfrastructureRows.Run::getId);
    private final LazyDataModel<InfrastructureRows.Change> changes = LazyTable.of(() -> infrastructure.countChanges(),
            (first, size, sort) -> infrastructure.changes(first, size).stream().map(InfrastructureRows.Change::new).toList(),
            InfrastructureRows.Change::getId);
    private final LazyDataModel<InfrastructureRows.Target> workloads = LazyTable.of(() -> infrastructure.countWorkloads(),
            (first, size, sort) -> infrastructure.workloads(first, size).stream().map(InfrastructureRows.Target::new).toList(),
            InfrastructureRows.Target::getId);

    public LazyDataModel<InfrastructureRows.Run> getRuns() {
        return runs;
    }

    public LazyDataModel<InfrastructureRows.Change> getChanges() {
        return changes;
    }

    public LazyDataModel<InfrastructureRows.Target> getWorkloads() {
        return workloads;
    }
}
