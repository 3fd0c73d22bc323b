package io.opssight.alerting.control;

import java.time.Instant;

/** One alert of a notification: identity, status and the JSON of its labels and annotations. */
public record AlertFacts(String origin, String fingerprint, Instant startsAt, Instant endsAt, String name, String status,
        String service, String severity, String labelsJson, String annotationsJson, String generatorUrl) {
}
