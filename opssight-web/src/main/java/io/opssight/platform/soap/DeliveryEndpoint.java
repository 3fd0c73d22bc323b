package io.opssight.platform.soap;

import io.opssight.access.entity.Permission;
import io.opssight.deployment.boundary.DeploymentQuery;
import io.opssight.deployment.boundary.Deployments;
import io.opssight.dora.boundary.DoraMetrics;
import io.opssight.dora.boundary.DoraQuery;
import io.opssight.dora.entity.DoraReport;
import io.opssight.incident.rest.CauseReference;
import io.opssight.ingestion.boundary.Pushes;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.ValidationProblem;
import io.opssight.platform.rest.PageCursor;
import io.opssight.platform.rest.QueryParams;
import io.opssight.platform.soap.v1.Delivery;
import io.opssight.platform.soap.v1.DeliveryFault;
import io.opssight.platform.soap.v1.DeploymentFilter;
import io.opssight.platform.soap.v1.DeploymentPage;
import io.opssight.platform.soap.v1.DeploymentRecorded;
import io.opssight.platform.soap.v1.DoraFigures;
import io.opssight.platform.soap.v1.DoraFilter;
import io.opssight.platform.soap.v1.IncidentRecorded;
import io.opssight.platform.soap.v1.IncidentResolution;
import io.opssight.platform.soap.v1.NewDeployment;
import io.opssight.platform.soap.v1.NewIncident;
import com.sun.xml.ws.developer.SchemaValidation;
import jakarta.annotation.Resource;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.jws.WebService;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.xml.ws.WebServiceContext;
import java.time.Instant;
import java.util.Set;
import io.opssight.deployment.entity.Deployment;

/**
 * DeliveryService v1: the SOAP face of the push API, the deployments list and DORA. Each operation
 * checks its input with the REST API's own wire classes and constraints, calls the boundary the
 * REST resource calls, and maps the result to the WSDL's types. Contract: WEB-INF/wsdl/DeliveryService.wsdl.
 */
@SchemaValidation(handler = SchemaErrors.class, outbound = false)
@WebService(serviceName = "DeliveryService", portName = "DeliveryPort", targetNamespace = "urn:opssight:soap:v1",
        endpointInterface = "io.opssight.platform.soap.v1.Delivery", wsdlLocation = "WEB-INF/wsdl/DeliveryService.wsdl")
public class DeliveryEndpoint implements Delivery {

    static final int DEFAULT_PAGE = 50;

    @Resource
    WebServiceContext context;

    @Override
    public DeploymentRecorded recordDeployment(NewDeployment in) throws DeliveryFault {
        return SoapFaults.call("recordDeployment", Permission.DEPLOYMENTS_WRITE, context, () -> {
            // qualified: the SOAP v1 types of the same names are imported
            io.opssight.deployment.rest.NewDeployment body = new io.opssight.deployment.rest.NewDeployment();
            if (in != null) {
                body.setService(in.getService());
                body.setEnvironment(in.getEnvironment());
                body.setVersion(in.getVersion());
                body.setSha(in.getSha());
                body.setRef(in.getRef());
                body.setStatus(in.getStatus());
                body.setCreatedAt(XmlTimes.instant(in.getCreatedAt()));
                body.setStartedAt(XmlTimes.instant(in.getStartedAt()));
                body.setFinishedAt(XmlTimes.instant(in.getFinishedAt()));
                body.setExternalId(in.getExternalId());
                body.setOrigin(in.getOrigin());
                body.setUrl(in.getUrl());
                body.setCreator(in.getCreator());
                body.setProduction(in.isProduction());
            }
            validate(body);
            Pushes.Pushed<Deployment> pushed = boundary(Pushes.class)
                    .deployment(body.push(), in == null ? null : in.getIdempotencyKey());
            DeploymentRecorded out = new DeploymentRecorded();
            out.setOutcome(SoapViews.outcome(pushed.outcome()));
            out.setDeliveryId(pushed.deliveryId());
            out.setNote(pushed.note());
            out.setDeployment(pushed.entity() == null ? null : SoapViews.deployment(pushed.entity()));
            return out;
        });
    }

    @Override
    public DeploymentPage queryDeployments(DeploymentFilter filter) throws DeliveryFault {
        DeploymentFilter f = filter == null ? new DeploymentFilter() : filter;
        return SoapFaults.call("queryDeployments", Permission.DEPLOYMENTS_READ, context, () -> {
            int limit = QueryParams.limit(f.getLimit() == null ? DEFAULT_PAGE : f.getLimit(), Deployments.MAX_PAGE);
            Instant from = XmlTimes.instant(f.getFrom());
            Instant to = XmlTimes.instant(f.getTo());
            window(from, to);
            KeysetPage.Position after = PageCursor.decode(f.getCursor());
            DeploymentQuery query = new DeploymentQuery(QueryParams.text(f.getService()), QueryParams.text(f.getEnvironment()),
                    QueryParams.text(f.getStatus()), from, to,
                    after, limit);
            KeysetPage<Deployment> page = boundary(Deployments.class).list(query);
            DeploymentPage out = new DeploymentPage();
            page.items().forEach(d -> out.getDeployment().add(SoapViews.deployment(d)));
            out.setNextCursor(PageCursor.next(page, Deployment::getCreatedAt,
                    Deployment::getId));
            return out;
        });
    }

    @Override
    public IncidentRecorded recordIncident(NewIncident in) throws DeliveryFault {
        return SoapFaults.call("recordIncident", Permission.INCIDENTS_WRITE, context, () -> {
            // qualified: the SOAP v1 types of the same names are imported
            io.opssight.incident.rest.NewIncident body = new io.opssight.incident.rest.NewIncident();
            if (in != null) {
                body.setTitle(in.getTitle());
                body.setService(in.getService());
                body.setSeverity(in.getSeverity());
                body.setStatus(in.getStatus());
                body.setOpenedAt(XmlTimes.instant(in.getOpenedAt()));
                body.setResolvedAt(XmlTimes.instant(in.getResolvedAt()));
                body.setExternalId(in.getExternalId());
                body.setOrigin(in.getOrigin());
                body.setUrl(in.getUrl());
                if (in.getCausedByDeploymentId() != null) {
                    CauseReference cause = new CauseReference();
                    cause.setDeploymentId(in.getCausedByDeploymentId());
                    body.setCausedBy(cause);
                }
            }
            validate(body);
            return SoapViews.incident(boundary(Pushes.class).incident(body.push(), in == null ? null : in.getIdempotencyKey()));
        });
    }

    @Override
    public IncidentRecorded resolveIncident(IncidentResolution in) throws DeliveryFault {
        return SoapFaults.call("resolveIncident", Permission.INCIDENTS_WRITE, context, () -> {
            if (in == null) {
                throw new ValidationProblem("resolution with incidentId is required");
            }
            return SoapViews.incident(boundary(Pushes.class).resolveIncident(in.getIncidentId(), XmlTimes.instant(in.getResolvedAt()),
                    in.getIdempotencyKey()));
        });
    }

    @Override
    public DoraFigures getDoraFigures(DoraFilter filter) throws DeliveryFault {
        DoraFilter f = filter == null ? new DoraFilter() : filter;
        return SoapFaults.call("getDoraFigures", Permission.DORA_READ, context, () -> {
            Instant from = XmlTimes.instant(f.getFrom());
            Instant to = XmlTimes.instant(f.getTo());
            window(from, to);
            DoraReport r = boundary(DoraMetrics.class).report(new DoraQuery(QueryParams.text(f.getTeam()),
                    QueryParams.text(f.getService()), QueryParams.text(f.getEnvironment()), from, to,
                    QueryParams.text(f.getBenchmark())));
            return SoapViews.figures(r);
        });
    }

    // ---- mapping -----------------------------------------------------------------------------

    private static void window(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationProblem("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** The REST API's Bean Validation constraints, on the same classes. */
    private static void validate(Object body) {
        Set<ConstraintViolation<Object>> violations = CDI.current().select(Validator.class).get().validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private static <T> T boundary(Class<T> type) {
        return CDI.current().select(type).get();
    }
}
