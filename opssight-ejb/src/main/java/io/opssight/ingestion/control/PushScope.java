package io.opssight.ingestion.control;

import io.opssight.access.control.CallerTeams;
import io.opssight.catalog.control.Catalog;
import io.opssight.catalog.control.Ownership;
import io.opssight.catalog.entity.Service;
import io.opssight.deployment.entity.Deployment;
import io.opssight.incident.entity.Incident;
import io.opssight.ingestion.control.PushRequests.NaturalKey;
import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * The object-level check of every push: a team-scoped caller ({@link CallerTeams}) creates or
 * changes only objects of services its teams own, whatever the push names. Before a push is stored
 * it checks everything the push would touch, the way the recorders will resolve it:
 * <ul>
 * <li>the service it lands on, found as the catalogue will find it (a deployment or run by its
 * repository first; an incident by the service it names): unknown, unowned or another team's is
 * 403, and so is a push that names none;</li>
 * <li>the object its natural key (origin, externalId) names, if there is one: another team's (or
 * one of no team) is 403, since a push that names a key in use cannot look like a new one; an
 * object named by id (resolving an incident) answers as an unknown one, 404;</li>
 * <li>the deployment an incident names as its cause, by id ({@link #deploymentKey}) or natural key:
 * it must exist and be the caller's, else 400 exactly like an unknown deployment.</li>
 * </ul>
 * Refusals name nothing of the other team. An unscoped caller is not checked. Who owns what is the
 * catalogue's answer ({@link Ownership}).
 */
@Dependent
public class PushScope {

    static final String OUTSIDE_TEAMS = "You are limited to teams: you can push only for services your teams own.";

    @Inject
    CallerTeams callerTeams;

    @Inject
    Catalog catalog;

    @Inject
    Ownership ownership;

    /**
     * Refuses {@code canonical} (a checked push body of {@code type}) unless everything it would
     * create or change is the caller's. {@code unknown} is the refusal for an object the request
     * named by id (answered as if it did not exist); null when the push names its object by key.
     */
    public void check(PushType type, JsonObject canonical, NotFoundProblem unknown) {
        if (!callerTeams.restricted()) {
            return;
        }
        if (type != PushType.INCIDENT_RESOLUTION && !ownedByCaller(target(type, canonical))) {
            throw new OpsSightException(ProblemType.FORBIDDEN, OUTSIDE_TEAMS);
        }
        String origin = Payloads.string(canonical, "origin");
        String externalId = Payloads.string(canonical, "externalId");
        if (origin != null && externalId != null) {
            Ownership.Owned existing = ownership.byNaturalKey(entityOf(type), origin, externalId);
            if (existing != null && !callerTeams.sees(existing.teamId())) {
                if (unknown != null) {
                    throw unknown;
                }
                throw new OpsSightException(ProblemType.FORBIDDEN, "You are limited to teams: origin and externalId name "
                        + "a " + noun(type) + " that is not one of your teams'; a push can only change your teams' objects.");
            }
        }
        if (type == PushType.INCIDENT) {
            JsonObject cause = Payloads.object(canonical, "causedBy");
            String causeOrigin = Payloads.string(cause, "origin");
            String causeExternalId = Payloads.string(cause, "externalId");
            if (causeOrigin != null && causeExternalId != null && visibleDeployment(causeOrigin, causeExternalId) == null) {
                throw new ValidationProblem("causedBy: there is no deployment with that origin and externalId"
                        + " among your teams' services");
            }
        }
    }

    /**
     * The natural key of deployment {@code id}, for an incident that names its cause by id; null
     * when there is none the caller may see (another team's deployment is an unknown one).
     */
    public NaturalKey deploymentKey(long id) {
        Ownership.Owned found = ownership.byId(Deployment.class, id);
        return found == null || !callerTeams.sees(found.teamId()) ? null : new NaturalKey(found.origin(), found.externalId());
    }

    /** The service the push lands on, as its recorder will resolve it; null: none, or a new one. */
    private Service target(PushType type, JsonObject canonical) {
        return switch (type) {
            case DEPLOYMENT -> {
                String service = Payloads.string(canonical, "service");
                yield service == null ? null : catalog.existingServiceForRepository(Payloads.string(canonical, "repository"), service);
            }
            case INCIDENT -> {
                String service = Payloads.string(canonical, "service");
                yield service == null ? null : catalog.existingServiceNamed(service);
            }
            case PIPELINE_RUN -> {
                String repository = Payloads.string(canonical, "repository");
                yield repository == null ? null : catalog.existingServiceForRepository(repository, PushMapping.shortName(repository));
            }
            case INCIDENT_RESOLUTION -> null;
        };
    }

    /** Whether one of the caller's teams owns {@code service} (read by query: pushes run outside a transaction). */
    private boolean ownedByCaller(Service service) {
        if (service == null) {
            return false;
        }
        Long owner = ownership.teamOfService(service.getId());
        return owner != null && callerTeams.sees(owner);
    }

    private NaturalKey visibleDeployment(String origin, String externalId) {
        Ownership.Owned found = ownership.byNaturalKey(Deployment.class, origin, externalId);
        return found == null || !callerTeams.sees(found.teamId()) ? null : new NaturalKey(origin, externalId);
    }

    private static Class<?> entityOf(PushType type) {
        return switch (type) {
            case DEPLOYMENT -> Deployment.class;
            case INCIDENT, INCIDENT_RESOLUTION -> Incident.class;
            case PIPELINE_RUN -> PipelineRun.class;
        };
    }

    private static String noun(PushType type) {
        return switch (type) {
            case DEPLOYMENT -> "deployment";
            case INCIDENT, INCIDENT_RESOLUTION -> "incident";
            case PIPELINE_RUN -> "pipeline run";
        };
    }
}
