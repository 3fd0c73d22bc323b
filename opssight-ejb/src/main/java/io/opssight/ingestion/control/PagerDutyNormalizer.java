package io.opssight.ingestion.control;

import static io.opssight.ingestion.control.HookFields.firstNonNull;
import static io.opssight.ingestion.control.HookFields.stripped;
import static io.opssight.platform.entity.StorableText.clip;

import io.opssight.incident.control.IncidentFacts;
import io.opssight.incident.control.IncidentRecorder;
import io.opssight.incident.entity.Incident;
import io.opssight.incident.entity.IncidentStatus;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * Maps PagerDuty V3 webhooks onto incidents. Every {@code incident.*} event whose {@code data} is
 * the incident itself updates it (title, service, severity, link); the status moves only on the
 * events that are a status change: triggered, reopened and unacknowledged (back to triggered),
 * acknowledged, resolved. A priority change, escalation or reassignment keeps the status, so a late
 * {@code incident.priority_updated} of a resolved incident cannot move its resolution time.
 * Events about something else (notes, responders, status updates, services, {@code pagey.ping})
 * are kept raw and reported as not modelled.
 *
 * <p>The incident is linked to its causing deployment by {@link IncidentRecorder}: the latest
 * successful production deployment of the PagerDuty service's name ({@code data.service.summary}).
 */
@Dependent
public class PagerDutyNormalizer implements Normalizer {

    @Inject
    IncidentRecorder incidents;

    @Override
    public SourceKind kind() {
        return SourceKind.PAGERDUTY;
    }

    @Override
    public SourceProtocol protocol() {
        return new PagerDutyProtocol();
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        JsonObject event = Payloads.object(payload, "event");
        if (event == null) {
            return Normalized.ignored("not a PagerDuty V3 webhook: no event");
        }
        String type = Payloads.string(event, "event_type");
        if (type == null) {
            return Normalized.ignored("PagerDuty event " + Payloads.string(event, "id") + " without event_type");
        }
        if (!type.startsWith("incident.")) {
            return Normalized.ignored("PagerDuty event '" + type + "' is stored but not modelled");
        }
        JsonObject data = Payloads.object(event, "data");
        if (data == null || !"incident".equals(Payloads.string(data, "type"))) {
            return Normalized.ignored("PagerDuty event '" + type + "' is about " + (data == null ? "nothing"
                    : "a " + Payloads.string(data, "type")) + ", not the incident itself; stored but not modelled");
        }
        String id = Payloads.string(data, "id");
        if (id == null) {
            throw new IllegalArgumentException("PagerDuty " + type + " event without data.id");
        }
        JsonObject priority = Payloads.object(data, "priority");
        IncidentFacts facts = new IncidentFacts(
                Normalizer.origin(delivery),
                clip(stripped(id), 200),
                clip(stripped(Payloads.string(data, "title")), 1000),
                clip(stripped(Payloads.string(Payloads.object(data, "service"), "summary")), 200),
                clip(stripped(firstNonNull(clip(stripped(Payloads.string(priority, "summary")), 32),
                        Payloads.string(data, "urgency"))), 32),
                statusOf(type),
                Payloads.instant(event, "occurred_at"),
                Payloads.instant(data, "created_at"),
                clip(stripped(Payloads.string(data, "html_url")), 2000),
                null,
                null);
        Incident incident = incidents.record(facts, now);
        return Normalized.modelled("incident " + incident.getExternalId() + " " + incident.getStatus().wireName()
                + " (" + type + ")");
    }

    /** The status an event type moves the incident to; null for events that do not change it. */
    static IncidentStatus statusOf(String eventType) {
        if (eventType == null) {
            return null;
        }
        return switch (eventType) {
            case "incident.triggered", "incident.reopened", "incident.unacknowledged" -> IncidentStatus.TRIGGERED;
            case "incident.acknowledged" -> IncidentStatus.ACKNOWLEDGED;
            case "incident.resolved" -> IncidentStatus.RESOLVED;
            default -> null;
        };
    }
}
