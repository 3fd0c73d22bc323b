package io.opssight.dora.entity;

/**
 * Whose figures: the whole organisation, a team's services, one service, optionally narrowed to one
 * production environment. Names as asked; ids as resolved. {@code empty} means the filters match no
 * service (a team without services, a service of another team), so every figure is "no data".
 */
public record Scope(String team, String service, String environment, Long teamId, Long serviceId, Long environmentId,
        boolean empty) {

    /** "org", "team" or "service": what the metrics label a question by (never a team's name). */
    public String kind() {
        return serviceId != null || service != null ? "service" : teamId != null || team != null ? "team" : "org";
    }

    /** Whether a deployment of this service (and its team) to this environment belongs to the scope. */
    public boolean covers(Long deploymentServiceId, Long deploymentTeamId, Long deploymentEnvironmentId) {
        return !empty && (serviceId == null || serviceId.equals(deploymentServiceId))
                && (teamId == null || teamId.equals(deploymentTeamId))
                && (environmentId == null || environmentId.equals(deploymentEnvironmentId));
    }

    /** Whether an incident linked to no deployment belongs to the scope by its own service. */
    public boolean coversUnlinked(Long incidentServiceId, Long incidentTeamId) {
        return !empty && environmentId == null && (serviceId == null || serviceId.equals(incidentServiceId))
                && (teamId == null || teamId.equals(incidentTeamId));
    }
}
