package io.opssight.dora.entity;

import io.opssight.incident.entity.Incident;
import java.util.Set;

/** An incident with the figures it counts for in one scope and window (possibly none). */
public record ScopedIncident(Incident incident, Set<IncidentMeasure> countsFor) {
}
