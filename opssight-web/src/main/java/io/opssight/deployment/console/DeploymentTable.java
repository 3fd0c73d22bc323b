package io.opssight.deployment.console;

import io.opssight.deployment.boundary.DeploymentQuery;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.platform.console.Pages;
import jakarta.inject.Inject;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The deployments page: a lazy table, so each page is one query of page-size rows in the database
 * (sorting and paging included) and nothing else is held in the view. Filters are view parameters
 * so a filtered table is a bookmarkable URL.
 */
@Named
@ViewScoped
public class DeploymentTable implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Deployments deployments;

    private String service;
    private String environment;
    private final LazyDataModel<DeploymentRow> model = new Model();

    private final class Model extends LazyDataModel<DeploymentRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, deployments.count(query()));
        }

        @Override
        public List<DeploymentRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            Deployments.SortKey key = Deployments.SortKey.CREATED;
            boolean ascending = false;
            if (!sortBy.isEmpty()) {
                SortMeta sort = sortBy.values().iterator().next();
                key = switch (sort.getField()) {
                    case "service" -> Deployments.SortKey.SERVICE;
                    case "environment" -> Deployments.SortKey.ENVIRONMENT;
                    case "status" -> Deployments.SortKey.STATUS;
                    case "finishedAt" -> Deployments.SortKey.FINISHED;
                    default -> Deployments.SortKey.CREATED;
                };
                ascending = sort.getOrder() == SortOrder.ASCENDING;
            }
            return deployments.slice(query(), key, ascending, first, pageSize).stream().map(DeploymentRow::new).toList();
        }

        @Override
        public String getRowKey(DeploymentRow row) {
            return String.valueOf(row.getId());
        }

        @Override
        public DeploymentRow getRowData(String rowKey) {
            return null;
        }
    }

    private DeploymentQuery query() {
        return new DeploymentQuery(Pages.blankToNull(service), Pages.blankToNull(environment), null, null, null, null, 1);
    }

    public LazyDataModel<DeploymentRow> getModel() {
        return model;
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
}
