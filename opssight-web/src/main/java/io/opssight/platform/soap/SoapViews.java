package io.opssight.platform.soap;

import io.opssight.dora.entity.DoraReport;
import io.opssight.dora.entity.Tier;
import io.opssight.incident.entity.Incident;
import io.opssight.ingestion.boundary.Pushes;
import io.opssight.platform.soap.v1.ChangeFailureRate;
import io.opssight.platform.soap.v1.Deployment;
import io.opssight.platform.soap.v1.DeploymentFrequency;
import io.opssight.platform.soap.v1.DoraFigures;
import io.opssight.platform.soap.v1.IncidentRecorded;
import io.opssight.platform.soap.v1.LeadTime;
import io.opssight.platform.soap.v1.Outcome;
import io.opssight.platform.soap.v1.RecoveryTime;
import java.time.Duration;
import java.util.Locale;

/**
 * What the SOAP endpoint answers, built from the boundaries' results: the WSDL's v1 types
 * ({@code platform.soap.v1}), kept apart from {@link DeliveryEndpoint}'s operations.
 */
final class SoapViews {

    private SoapViews() {
    }

    // qualified: the SOAP v1 types of the same names are imported
    static Deployment deployment(io.opssight.deployment.entity.Deployment d) {
        Deployment out = new Deployment();
        out.setId(d.getId());
        out.setService(d.getService().getName());
        out.setEnvironment(d.getEnvironment().getName());
        out.setProduction(d.getEnvironment().isProduction());
        out.setVersion(d.getVersion());
        out.setSha(d.getSha());
        out.setRef(d.getRef());
        out.setStatus(d.getStatus().wireName());
        out.setCreator(d.getCreator());
        out.setUrl(d.getUrl());
        out.setCreatedAt(XmlTimes.xml(d.getCreatedAt()));
        out.setStartedAt(XmlTimes.xml(d.getStartedAt()));
        out.setFinishedAt(XmlTimes.xml(d.getFinishedAt()));
        Duration duration = d.duration();
        out.setDurationSeconds(duration == null ? null : duration.toSeconds());
        out.setOrigin(d.getOrigin());
        out.setExternalId(d.getExternalId());
        return out;
    }

    static IncidentRecorded incident(Pushes.Pushed<Incident> pushed) {
        IncidentRecorded out = new IncidentRecorded();
        out.setOutcome(outcome(pushed.outcome()));
        out.setDeliveryId(pushed.deliveryId());
        out.setNote(pushed.note());
        Incident i = pushed.entity();
        if (i != null) {
            // qualified: the SOAP v1 types of the same names are imported
            io.opssight.platform.soap.v1.Incident view = new io.opssight.platform.soap.v1.Incident();
            view.setId(i.getId());
            view.setTitle(i.getTitle());
            view.setService(i.getService() == null ? null : i.getService().getName());
            view.setSeverity(i.getSeverity());
            view.setStatus(i.getStatus().wireName());
            view.setOpenedAt(XmlTimes.xml(i.getOpenedAt()));
            view.setAcknowledgedAt(XmlTimes.xml(i.getAcknowledgedAt()));
            view.setResolvedAt(XmlTimes.xml(i.getResolvedAt()));
            Duration restore = i.timeToRestore();
            view.setTimeToRestoreSeconds(restore == null ? null : restore.toSeconds());
            view.setUrl(i.getUrl());
            view.setOrigin(i.getOrigin());
            view.setExternalId(i.getExternalId());
            view.setCausedByDeploymentId(i.getCausedBy() == null ? null : i.getCausedBy().getId());
            view.setLinkReason(i.getLinkReason() == null ? null : i.getLinkReason().name().toLowerCase(Locale.ROOT));
            out.setIncident(view);
        }
        return out;
    }

    static DoraFigures figures(DoraReport r) {
        DoraFigures out = new DoraFigures();
        out.setTeam(r.scope().team());
        out.setService(r.scope().service());
        out.setEnvironment(r.scope().environment());
        out.setFrom(XmlTimes.xml(r.window().from()));
        out.setTo(XmlTimes.xml(r.window().to()));
        out.setBenchmark(r.benchmark().year());
        DeploymentFrequency frequency = new DeploymentFrequency();
        frequency.setDeploymentsPerDay(r.deploymentFrequency().perDay());
        frequency.setTier(tier(r.deploymentFrequency().tier()));
        frequency.setDeployments(r.deploymentFrequency().deployments());
        frequency.setDeploymentDays(r.deploymentFrequency().deploymentDays());
        out.setDeploymentFrequency(frequency);
        LeadTime lead = new LeadTime();
        lead.setMedianSeconds(r.leadTimeForChanges().medianSeconds());
        lead.setTier(tier(r.leadTimeForChanges().tier()));
        lead.setChanges(r.leadTimeForChanges().changes());
        lead.setDeployments(r.leadTimeForChanges().deployments());
        out.setLeadTimeForChanges(lead);
        ChangeFailureRate failures = new ChangeFailureRate();
        failures.setRate(r.changeFailureRate().rate());
        failures.setTier(tier(r.changeFailureRate().tier()));
        failures.setDeployments(r.changeFailureRate().deployments());
        failures.setFailedDeployments(r.changeFailureRate().failedDeployments());
        failures.setIncidents(r.changeFailureRate().incidents());
        out.setChangeFailureRate(failures);
        out.setFailedDeploymentRecoveryTime(recovery(r.failedDeploymentRecoveryTime()));
        out.setTimeToRestore(recovery(r.timeToRestore()));
        return out;
    }

    static RecoveryTime recovery(DoraReport.Recovery r) {
        RecoveryTime out = new RecoveryTime();
        out.setMedianSeconds(r.medianSeconds());
        out.setTier(tier(r.tier()));
        out.setIncidents(r.incidents());
        return out;
    }

    static String tier(Tier tier) {
        return tier == null ? null : tier.wireName();
    }

    static Outcome outcome(Pushes.Outcome outcome) {
        return Outcome.fromValue(outcome.name().toLowerCase(Locale.ROOT));
    }

    // ---- plumbing ----------------------------------------------------------------------------
}
