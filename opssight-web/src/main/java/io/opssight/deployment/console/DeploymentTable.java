package io.opssight.deployment.console;

import io.opssight.deployment.boundary.DeploymentQuery;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.platform.console.Pages;
import io.opssight.platform.console.LazyTable;
import jakarta.inject.Inject;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
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
    private final LazyDataModel<DeploymentRow> model = LazyTable.of(() -> deployments.count(query()), this::rows,
            DeploymentRow::getId);

    /** A page in the order of the column the user sorted by (newest created first by default). */
    private List<DeploymentRow> rows(int first, int size, SortMeta sort) {
        Deployments.SortKey key = Deployments.SortKey.CREATED;
        boolean ascending = false;
        if (sort != null) {
            key = switch (sort.getField()) {
                case "service" -> Deployments.SortKey.SERVICE;
                case "environment" -> Deployments.SortKey.ENVIRONMENT;
                case "status" -> Deployments.SortKey.STATUS;
                case "finishedAt" -> Deployments.SortKey.FINISHED;
                default -> Deployments.SortKey.CREATED;
            };
            ascending = sort.getOrder() == SortOrder.ASCENDING;
        }
        return deployments.slice(query(), key, ascending, first, size).stream().map(DeploymentRow::new).toList();
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
