package io.opssight.ingestion.rest;

import io.opssight.ingestion.boundary.Ingestion;
import io.opssight.ingestion.boundary.Ingestion.Receipt;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.rest.ApiPermissions;
import io.opssight.platform.rest.Problem;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook receivers: POST /api/v1/ingest/{kind}/{name}. Authenticated by each source's own scheme.
 * One instance for the application (it holds no request state): the busiest route should not pay
 * for creating and injecting a resource per request.
 */
@ApplicationScoped
@Path("ingest")
@Tag(name = "ingestion", description = "Webhook receivers (authenticated by each source's own signature or token)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class IngestResource {

    private static final long DRAIN_BOUND = 64L * 1024 * 1024;

    @EJB
    Ingestion ingestion;

    @Inject
    @ConfigProperty(name = "opssight.ingestion.max-body-bytes", defaultValue = "26214400")
    long maxBodyBytes;

    @POST
    @Path("{kind}/{name}")
    @Operation(operationId = "receiveWebhook", summary = "Receive a webhook delivery",
            description = "Stores the raw delivery durably, then maps it onto the model. Kinds: github, gitlab, jenkins, "
                    + "alertmanager, pagerduty, argocd, awx, terraform.")
    @APIResponse(responseCode = "202", description = "Stored. Mapped before this answer when nothing waits (the note says "
            + "what it was understood as, or that it is kept as a dead letter), else right after it, in arrival order",
            content = @Content(schema = @Schema(ref = "ReceiptView")))
    @APIResponse(responseCode = "200", description = "Duplicate: this delivery id was received before",
            content = @Content(schema = @Schema(ref = "ReceiptView")))
    @APIResponse(responseCode = "400", description = "Not JSON; kept as a dead letter", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "Missing or wrong signature/token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such source", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "Over a rate limit (source, client address); see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Database unavailable, or an Alertmanager source over its rate limit; retry", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Extension(name = ApiPermissions.EXTENSION, value = ApiPermissions.NONE)
    public Response receive(@PathParam("kind") String kind, @PathParam("name") String name, @Context HttpHeaders headers,
            InputStream body) throws IOException {
        byte[] raw = readLimited(kind, name, headers, body);
        Map<String, String> flat = new HashMap<>();
        headers.getRequestHeaders().forEach((key, values) -> flat.put(key, String.join(",", values)));
        Receipt receipt = ingestion.receive(kind, name, flat, raw);
        ReceiptView view = ReceiptView.from(receipt);
        return Response.status(receipt.outcome() == Ingestion.Outcome.DUPLICATE ? 200 : 202).entity(view).build();
    }

    private byte[] readLimited(String kind, String name, HttpHeaders headers, InputStream body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        if (body != null) {
            int read;
            while ((read = body.read(buffer)) != -1) {
                total += read;
                if (total > maxBodyBytes) {
                    drain(body);
                    throw tooLarge(kind, name);
                }
                out.write(buffer, 0, read);
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads (and drops) what the sender is still sending, up to a bound, so that it receives the
     * 413 instead of a reset connection; beyond the bound the connection is simply closed.
     */
    private void drain(InputStream body) throws IOException {
        long budget = Math.max(maxBodyBytes, DRAIN_BOUND);
        byte[] buffer = new byte[64 * 1024];
        int read;
        while (budget > 0 && (read = body.read(buffer)) != -1) {
            budget -= read;
        }
    }

    private OpsSightException tooLarge(String kind, String name) {
        return ingestion.oversized(kind, name, maxBodyBytes);
    }
}
