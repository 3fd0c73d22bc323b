package io.opssight.dora.rest;

import io.opssight.access.entity.Permission;
import io.opssight.dora.boundary.DoraMetrics;
import io.opssight.dora.boundary.DoraQuery;
import io.opssight.dora.entity.DoraReport;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * DORA: the four keys for the organisation, a team, a service and/or one production environment
 * over a window, and the deployments, changes and incidents behind them. Definitions: docs/DORA.md.
 */
@Path("dora")
@Tag(name = "dora", description = "DORA four keys, their tiers, weekly trend and the events behind every figure")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class DoraResource {

    private static final String FILTERS = " Filters: team, service (a service may deploy to several production "
            + "environments; each counts), environment (a production environment), from (inclusive) and to (exclusive), "
            + "each an ISO-8601 instant or a date (midnight UTC); without them the last 90 days up to now.";

    @EJB
    DoraMetrics dora;

    @GET
    @Operation(operationId = "getDora", summary = "DORA four keys",
            description = "Deployment frequency, lead time for changes, change failure rate, failed deployment recovery "
                    + "time (DORA 2023) and time to restore (DORA 2021), each with value, unit, tier (elite, high, medium, "
                    + "low; null when there is no data), the counts behind it and a drill-down link; plus a trend per ISO "
                    + "week (Monday 00:00 UTC). Computed from the stored events when asked, so always current." + FILTERS)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DoraView.class)))
    @APIResponse(responseCode = "400", description = "Unknown team, service or environment; a non-production environment; "
            + "a bad window or benchmark", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.DORA_READ)
    public DoraView report(
            @Parameter(description = "team name") @QueryParam("team") String team,
            @Parameter(description = "service name") @QueryParam("service") String service,
            @Parameter(description = "production environment name") @QueryParam("environment") String environment,
            @Parameter(description = "window start, inclusive (ISO-8601 instant or date); default: 90 days before 'to'")
            @QueryParam("from") String from,
            @Parameter(description = "window end, exclusive (ISO-8601 instant or date); default: now") @QueryParam("to") String to,
            @Parameter(description = "2023 (default) or 2021") @QueryParam("benchmark") String benchmark) {
        DoraReport report = dora.report(query(team, service, environment, from, to, benchmark));
        return DoraView.from(report, filters(report));
    }

    @GET
    @Path("deployments")
    @Operation(operationId = "listDoraDeployments", summary = "Deployments behind the DORA figures",
            description = "The deployments counted: successful, to a production environment, finished in the window; newest "
                    + "first, each with the number of changes it shipped, their median lead time and the incidents linked to "
                    + "it (failed = at least one). total equals deploymentFrequency.deployments." + FILTERS)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DoraDeploymentPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, offset or limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.DORA_READ)
    public DoraDeploymentPage deployments(@QueryParam("team") String team, @QueryParam("service") String service,
            @QueryParam("environment") String environment, @QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(description = "rows to skip") @QueryParam("offset") @DefaultValue("0") int offset,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("100") int limit) {
        return DoraDeploymentPage.from(dora.deployments(query(team, service, environment, from, to, null), offset, limit));
    }

    @GET
    @Path("changes")
    @Operation(operationId = "listDoraChanges", summary = "Changes behind the lead time",
            description = "Every commit the counted deployments shipped, with its lead time (deployment finish - commit "
                    + "time) and the deployment; by deployment, newest first, then commit time. total equals "
                    + "leadTimeForChanges.changes." + FILTERS)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DoraChangePage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, offset or limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.DORA_READ)
    public DoraChangePage changes(@QueryParam("team") String team, @QueryParam("service") String service,
            @QueryParam("environment") String environment, @QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(description = "rows to skip") @QueryParam("offset") @DefaultValue("0") int offset,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("100") int limit) {
        return DoraChangePage.from(dora.changes(query(team, service, environment, from, to, null), offset, limit));
    }

    @GET
    @Path("incidents")
    @Operation(operationId = "listDoraIncidents", summary = "Incidents behind change failure rate and recovery times",
            description = "Incidents with the deployment each is linked to and why: explicit (named by the source), "
                    + "latest_production_deployment (the latest successful production deployment of the same service "
                    + "before the incident opened) or manual (corrected by a user), with the note, and which figures each "
                    + "counts for. measure=change_failure_rate, recovery or time_to_restore lists exactly the incidents of "
                    + "that figure (total equals its count); without it, also the scope's incidents opened in the window "
                    + "that count for nothing. Newest opened first." + FILTERS)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DoraIncidentPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, measure, offset or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.DORA_READ)
    public DoraIncidentPage incidents(@QueryParam("team") String team, @QueryParam("service") String service,
            @QueryParam("environment") String environment, @QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(description = "change_failure_rate, recovery or time_to_restore") @QueryParam("measure") String measure,
            @Parameter(description = "rows to skip") @QueryParam("offset") @DefaultValue("0") int offset,
            @Parameter(description = "page size, 1 to 500") @QueryParam("limit") @DefaultValue("100") int limit) {
        return DoraIncidentPage.from(dora.incidents(query(team, service, environment, from, to, null), QueryParams.text(measure),
                offset, limit));
    }

    private static DoraQuery query(String team, String service, String environment, String from, String to, String benchmark) {
        return new DoraQuery(QueryParams.text(team), QueryParams.text(service), QueryParams.text(environment),
                QueryParams.instant("from", from), QueryParams.instant("to", to), QueryParams.text(benchmark));
    }

    /** The report's filters with its resolved window, so a drill-down link shows the same rows later. */
    private static String filters(DoraReport r) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("team", r.scope().team());
        q.put("service", r.scope().service());
        q.put("environment", r.scope().environment());
        q.put("from", r.window().from().toString());
        q.put("to", r.window().to().toString());
        return q.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
