package io.opssight.audit.rest;


import io.opssight.access.entity.Permission;
import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.entity.ValidationProblem;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.PageCursor;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: query, verify, export. */
@Path("audit")
@Tag(name = "audit", description = "The tamper-evident audit trail")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    AuditTrail trail;

    @GET
    @Operation(operationId = "listAuditEntries", summary = "Query the audit trail",
            description = "Oldest first; filters actor, action, outcome, from, to.")
    @APIResponse(responseCode = "200", description = "A page, oldest first; nextCursor for more",
            content = @Content(schema = @Schema(ref = "AuditPage")))
    @APIResponse(responseCode = "400", description = "Bad filter or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.AUDIT_READ)
    public AuditPage list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") int limit) {
        AuditTrail.Filter filter = filter(actor, action, outcome, from, to);
        long after = Objects.requireNonNullElse(PageCursor.number(cursor), 0L);
        QueryParams.limit(limit, AuditTrail.MAX_PAGE);
        KeysetPage<AuditEntry> page = trail.list(filter, after, limit);
        return new AuditPage(page.items().stream().map(AuditEntryView::from).toList(),
                PageCursor.nextNumber(page, AuditEntry::getSeq));
    }

    @GET
    @Path("verify")
    @Operation(operationId = "verifyAuditTrail", summary = "Verify the hash chain",
            description = "Recomputes every entry's hash; reports the first entry "
            + "that was changed, deleted or reordered.")
    @APIResponse(responseCode = "200", description = "The chain's state", content = @Content(schema = @Schema(ref = "Verification")))
    @RolesAllowed(Permission.AUDIT_READ)
    public AuditTrail.Verification verify() {
        return trail.verify();
    }

    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(operationId = "exportAuditTrail", summary = "Export the audit trail",
            description = "Streamed as CSV (format=csv, the default) or a JSON array "
            + "(format=json), same filters as the query.")
    @APIResponse(responseCode = "200", description = "The entries as CSV (format=csv) or a JSON array (format=json)",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                        implementation = AuditEntryView.class))})
    @APIResponse(responseCode = "400", description = "Bad format or filter", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.AUDIT_EXPORT)
    public Response export(@QueryParam("format") @DefaultValue("csv") String format, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("outcome") String outcome, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        AuditTrail.Filter filter = filter(actor, action, outcome, from, to);
        boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw new ValidationProblem("format must be csv or json");
        };
        // Read the first page now, so a missing permission is a 403 before any byte is streamed.
        List<AuditEntry> first = AuditExport.firstPage(trail, filter);
        StreamingOutput body = out -> AuditExport.write(trail, filter, csv, first, out);
        return Response.ok(body, csv ? "text/csv; charset=UTF-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"opssight-audit." + (csv ? "csv" : "json") + "\"")
                .build();
    }

    private static AuditTrail.Filter filter(String actor, String action, String outcome, String from, String to) {
        return new AuditTrail.Filter(QueryParams.text(actor), QueryParams.text(action), QueryParams.text(outcome),
                QueryParams.instant("from", from), QueryParams.instant("to", to));
    }

}
