package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.automation.control.AutomationRecorder;
import io.opssight.automation.entity.InfraChange;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;

/**
 * Maps a Terraform plan ({@code terraform show -json <planfile>}, posted by CI) to one
 * infrastructure change. A plan has no id of its own; the delivery's content hash is both the
 * idempotency key and the change's external id, so the same plan posted twice is one change.
 * The workspace comes from the {@code X-OpsSight-Workspace} header the sender adds, else from the
 * plan's {@code environment}/{@code workspace} variables. The plan time is the plan's
 * {@code timestamp} (Terraform 1.5+), else the time OpsSight received it.
 */
@Dependent
public class TerraformNormalizer implements Normalizer {

    /** The header naming the workspace (kept with the delivery, see {@link Headers}). */
    public static final String WORKSPACE_HEADER = "x-opssight-workspace";

    @Inject
    AutomationRecorder automation;

    @Override
    public SourceKind kind() {
        return SourceKind.TERRAFORM;
    }

    @Override
    public SourceProtocol protocol() {
        return new TokenProtocol(Set.of("x-opssight-workspace"),
                "Terraform: POST the output of terraform show -json PLAN to the URL above with "
                + "Authorization: Bearer + the secret above.");
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        TerraformPlans.Summary plan = TerraformPlans.summarize(payload, workspaceHeader(delivery.getHeaders()));
        Instant timestamp = Payloads.instant(payload, "timestamp");
        InfraChange change = automation.recordInfraChange(new InfraChange(
                Normalizer.origin(delivery),
                delivery.getDeliveryKey(),
                plan.workspace(),
                plan.terraformVersion(),
                plan.creates(),
                plan.updates(),
                plan.deletes(),
                plan.replaces(),
                plan.productionTouched(),
                plan.productionReason(),
                plan.resources(),
                timestamp != null ? timestamp : delivery.getReceivedAt()));
        return Normalized.modelled("terraform plan" + (change.getWorkspace() != null ? " for " + change.getWorkspace() : "")
                + ": " + change.getCreates() + " to add, " + change.getUpdates() + " to change, " + change.getDeletes()
                + " to destroy, " + change.getReplaces() + " to replace"
                + (change.isProductionTouched() ? "; touches production" : ""));
    }

    /** The workspace header from the stored headers, at most as long as the column. */
    static String workspaceHeader(String storedHeaders) {
        if (storedHeaders == null || storedHeaders.isBlank()) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(storedHeaders))) {
            String value = Payloads.string(reader.readObject(), WORKSPACE_HEADER);
            if (value == null || value.isBlank()) {
                return null;
            }
            value = value.trim();
            return value.length() > 300 ? value.substring(0, 300) : value;
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return null;
        }
    }
}
