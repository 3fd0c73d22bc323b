package io.opssight.ingestion.control;

import io.opssight.automation.control.AutomationRecorder;
import io.opssight.automation.entity.AutomationRun;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.entity.StorableText;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * Maps AWX / Ansible Tower (Automation Controller) job notifications onto automation runs. The
 * webhook notification's default body is the job's notification data: {@code id}, {@code name},
 * {@code url}, {@code created_by}, {@code started}, {@code finished}, {@code status}, and for
 * playbook jobs {@code inventory}, {@code project}, {@code playbook}, {@code credential},
 * {@code limit}, {@code extra_vars} (a JSON <em>string</em>) and {@code hosts} (per-host summary).
 *
 * <p>AWX notifies the start ("running", no hosts yet) and the end separately; both update the one
 * run with the job id, and a late start notification does not undo the outcome. Project and
 * inventory updates and system jobs (which change no managed host) and AWX's test notification
 * are kept raw but not modelled.
 */
@Dependent
public class AwxNormalizer implements Normalizer {

    @Inject
    AutomationRecorder automation;

    @Override
    public SourceKind kind() {
        return SourceKind.AWX;
    }

    @Override
    public SourceProtocol protocol() {
        return new TokenProtocol("AWX: a Webhook notification template, Target URL = the URL above, header Authorization: Bearer + the "
                + "secret above; attach it to job templates on start, success and failure.");
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        String id = Payloads.string(payload, "id");
        if (id == null) {
            // AWX's "Test" button and workflow approval notices send {"body": "..."} only.
            return Normalized.ignored("AWX notification without a job id (test or approval notice)");
        }
        String url = Payloads.string(payload, "url");
        String jobType = jobTypeOf(url);
        if (jobType != null && !payload.containsKey("playbook") && !payload.containsKey("hosts")
                && (jobType.equals("project") || jobType.equals("inventory") || jobType.equals("system"))) {
            return Normalized.ignored("AWX " + jobType + " job " + id + " changes no managed host; stored raw");
        }
        String name = blankToNull(Payloads.string(payload, "name"));
        String status = blankToNull(Payloads.string(payload, "status"));
        if (status == null) {
            throw new IllegalArgumentException("AWX job notification " + id + " without status");
        }
        HostCounts hosts = HostCounts.of(Payloads.object(payload, "hosts"));
        AutomationRun run = automation.recordRun(
                Normalizer.origin(delivery),
                id,
                // Display text is cut to its column (the raw body keeps all of it); the url is not.
                StorableText.clip(name != null ? name : "job " + id, 300),
                status,
                StorableText.clip(blankToNull(Payloads.string(payload, "playbook")), 300),
                StorableText.clip(blankToNull(Payloads.string(payload, "inventory")), 300),
                StorableText.clip(launchedBy(Payloads.string(payload, "created_by")), 200),
                blankToNull(url),
                Payloads.instant(payload, "started"),
                Payloads.instant(payload, "finished"),
                hosts == null ? null : hosts.ok(),
                hosts == null ? null : hosts.failed());
        return Normalized.modelled("AWX job " + id + " " + run.getStatus()
                + (hosts == null ? "" : " (" + hosts.ok() + " hosts ok, " + hosts.failed() + " failed)"));
    }

    /** Hosts that ran cleanly and hosts that failed or were unreachable, from the per-host summary. */
    record HostCounts(int ok, int failed) {

        /** Null when AWX has no summary yet (the start notification sends {@code "hosts": {}}). */
        static HostCounts of(JsonObject hosts) {
            if (hosts == null || hosts.isEmpty()) {
                return null;
            }
            int ok = 0;
            int failed = 0;
            for (JsonValue value : hosts.values()) {
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    continue;
                }
                JsonObject host = value.asJsonObject();
                Boolean flagged = Payloads.bool(host, "failed");
                boolean hostFailed = flagged != null ? flagged
                        : Payloads.number(host, "failures", 0) > 0 || Payloads.number(host, "dark", 0) > 0;
                if (hostFailed) {
                    failed++;
                } else {
                    ok++;
                }
            }
            return new HostCounts(ok, failed);
        }
    }

    /**
     * The kind of unified job from its UI link: ".../#/jobs/playbook/42", ".../#/jobs/project/7",
     * or the newer ".../execution/jobs/playbook/42/output".
     */
    static String jobTypeOf(String url) {
        if (url == null) {
            return null;
        }
        int at = url.indexOf("/jobs/");
        if (at < 0) {
            return null;
        }
        String rest = url.substring(at + "/jobs/".length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? null : rest.substring(0, slash);
    }

    /** AWX renders a job without a launching user (scheduled, callback) as the string "None". */
    static String launchedBy(String createdBy) {
        String value = blankToNull(createdBy);
        return value == null || value.equals("None") ? null : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
