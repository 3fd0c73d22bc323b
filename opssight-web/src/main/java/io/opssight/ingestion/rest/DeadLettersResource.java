package io.opssight.ingestion.rest;

import io.opssight.access.entity.Permission;
import io.opssight.ingestion.boundary.DeadLetters;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.platform.entity.KeysetPage;
import io.opssight.platform.rest.OpsSightApplication;
import io.opssight.platform.rest.PageCursor;
import io.opssight.platform.rest.Problem;
import io.opssight.platform.rest.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dead letters: deliveries kept because they could not be parsed or mapped; replayable. */
@Path("dead-letters")
@Tag(name = "ingestion")
@SecurityRequirement(name = OpsSightApplication.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    @EJB
    DeadLetters deadLetters;

    @GET
    @Operation(operationId = "listDeadLetters", summary = "List dead letters", description = "Newest first; filter by source id.")
    @APIResponse(responseCode = "200", description = "A page, newest first; nextCursor for more",
            content = @Content(schema = @Schema(ref = "DeadLetterPage")))
    @APIResponse(responseCode = "400", description = "Bad cursor or limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed({Permission.SOURCES_READ, Permission.SOURCES_MANAGE})
    public DeadLetterPage list(@QueryParam("source") Long source, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        QueryParams.limit(limit, DeadLetters.MAX_PAGE);
        Long after = PageCursor.number(cursor);
        KeysetPage<Delivery> page = deadLetters.list(source, after, limit);
        return new DeadLetterPage(page.items().stream().map(d -> DeadLetterView.from(d, false)).toList(),
                PageCursor.nextNumber(page, Delivery::getId));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getDeadLetter", summary = "Read a dead letter with its raw body")
    @APIResponse(responseCode = "200", description = "The dead letter with its raw body",
            content = @Content(schema = @Schema(ref = "DeadLetterView")))
    @APIResponse(responseCode = "404", description = "No such delivery", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed({Permission.SOURCES_READ, Permission.SOURCES_MANAGE})
    public DeadLetterView get(@PathParam("id") long id) {
        return DeadLetterView.from(deadLetters.find(id), true);
    }

    @POST
    @Path("{id}/replay")
    @Operation(operationId = "replayDeadLetter", summary = "Replay one dead letter",
            description = "Processes it again; it stays a dead letter (with the new "
            + "reason) if it still fails.")
    @APIResponse(responseCode = "200", description = "What the replay did", content = @Content(schema = @Schema(ref = "Replayed")))
    @APIResponse(responseCode = "400", description = "Not a dead letter", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such delivery", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.SOURCES_MANAGE)
    public DeadLetters.Replayed replay(@PathParam("id") long id) {
        return deadLetters.replay(id);
    }

    @POST
    @Path("replay")
    @Operation(operationId = "replayDeadLetters", summary = "Replay dead letters in bulk",
            description = "Oldest first, at most max (default 1000, up to "
            + "10000), of one source or all.")
    @APIResponse(responseCode = "200", description = "What the replay did", content = @Content(schema = @Schema(ref = "Replayed")))
    @APIResponse(responseCode = "400", description = "Bad max", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @RolesAllowed(Permission.SOURCES_MANAGE)
    public DeadLetters.Replayed replayBulk(@QueryParam("source") Long source, @QueryParam("max") @DefaultValue("1000") int max) {
        return deadLetters.replayBulk(source, max);
    }
}
