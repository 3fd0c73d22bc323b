package io.opssight.automation.console;

import io.opssight.automation.boundary.Infrastructure;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Infrastructure: automation runs, infrastructure changes and workloads, each a lazy table paged in the database. */
@Named
@ViewScoped
public class InfrastructurePage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Infrastructure infrastructure;

    private final LazyDataModel<InfrastructureRows.Run> runs = new Model<>(() -> infrastructure.countRuns(),
            (int[] p) -> infrastructure.runs(p[0], p[1]).stream().map(InfrastructureRows.Run::new).toList(),
            InfrastructureRows.Run::getId);
    private final LazyDataModel<InfrastructureRows.Change> changes = new Model<>(() -> infrastructure.countChanges(),
            (int[] p) -> infrastructure.changes(p[0], p[1]).stream().map(InfrastructureRows.Change::new).toList(),
            InfrastructureRows.Change::getId);
    private final LazyDataModel<InfrastructureRows.Target> workloads = new Model<>(() -> infrastructure.countWorkloads(),
            (int[] p) -> infrastructure.workloads(p[0], p[1]).stream().map(InfrastructureRows.Target::new).toList(),
            InfrastructureRows.Target::getId);

    /** A lazy model over a count and an offset page ({first, size}). */
    private static final class Model<T> extends LazyDataModel<T> {

        private static final long serialVersionUID = 1L;
        private final SerializableCount count;
        private final SerializablePage<T> page;
        private final SerializableKey<T> key;

        Model(SerializableCount count, SerializablePage<T> page, SerializableKey<T> key) {
            this.count = count;
            this.page = page;
            this.key = key;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, count.getAsLong());
        }

        @Override
        public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return page.apply(new int[] {first, pageSize});
        }

        @Override
        public String getRowKey(T row) {
            return String.valueOf(key.apply(row));
        }

        @Override
        public T getRowData(String rowKey) {
            return null;
        }
    }

    interface SerializableCount extends LongSupplier, Serializable {
    }

    interface SerializablePage<T> extends Function<int[], List<T>>, Serializable {
    }

    interface SerializableKey<T> extends Function<T, Long>, Serializable {
    }

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
