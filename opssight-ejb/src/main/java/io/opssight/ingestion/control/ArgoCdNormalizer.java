package io.opssight.ingestion.control;

import io.opssight.catalog.control.Catalog;
import io.opssight.catalog.entity.Cluster;
import io.opssight.catalog.entity.Environment;
import io.opssight.catalog.entity.Service;
import io.opssight.catalog.entity.Workload;
import io.opssight.deployment.control.DeploymentFacts;
import io.opssight.deployment.control.DeploymentRecorder;
import io.opssight.deployment.entity.Deployment;
import io.opssight.deployment.entity.DeploymentStatus;
import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Maps Argo CD notifications onto the model. Argo CD has no fixed webhook payload: the body is
 * whatever the user's notification template renders, so this reads the body documented in
 * docs/INGESTION.md (one flat object of strings rendered from {@code .app}). Go templates render a
 * missing field as {@code "<no value>"} or {@code ""}; both mean "not said".
 *
 * <p>One sync operation ({@code app:revision:startedAt}) is one deployment; its status follows the
 * operation's phase: Running → in progress, Succeeded and Healthy → success, Failed → failure,
 * Error → error. A sync that succeeded while the application is not (yet) healthy is still in
 * progress: Argo CD's own "deployed" means synced <em>and</em> healthy. Every notification with a
 * destination also updates the workload (cluster, namespace, app) with its health, sync status
 * and revision. Notifications without an operation (e.g. app created) only update the workload.
 *
 * <p>The service is found by repository first (so an app deploying acme/shop lands on the service
 * GitHub reports for acme/shop, and lead time links to its pushes), then by the app name; an
 * {@code opssight.io/service} annotation names it explicitly, for apps whose repoURL is a shared
 * GitOps repository that does not identify the service.
 */
@Dependent
public class ArgoCdNormalizer implements Normalizer {

    /** Orders reports of one operation that carry the same time: in progress before an outcome. */
    private static final long SEQ_IN_PROGRESS = 1;
    private static final long SEQ_FINAL = 2;

    @Inject
    DeploymentRecorder deployments;

    @Inject
    Catalog catalog;

    @Override
    public SourceKind kind() {
        return SourceKind.ARGOCD;
    }

    @Override
    public SourceProtocol protocol() {
        return new TokenProtocol("Argo CD: a notifications webhook service with url = the URL above and header Authorization: "
                + "Bearer + the secret above.");
    }

    @Override
    public Normalized normalize(Delivery delivery, JsonObject payload, Instant now) {
        String app = value(payload, "app");
        if (app == null) {
            throw new IllegalArgumentException("argocd notification without app (is the OpsSight webhook template installed?)");
        }
        String event = value(payload, "event");
        String namespace = value(payload, "namespace");
        String destinationName = value(payload, "destinationName");
        String destinationServer = value(payload, "destinationServer");
        String cluster = destinationName != null ? destinationName : destinationServer;
        String explicitService = value(payload, "service");
        String repository = explicitService != null ? null : repositoryOf(value(payload, "repoURL"));
        String serviceName = explicitService != null ? explicitService : app;
        String revision = firstNonNull(value(payload, "revision"), value(payload, "syncRevision"));
        Instant startedAt = time(payload, "startedAt");
        Instant finishedAt = time(payload, "finishedAt");
        String health = value(payload, "healthStatus");
        String sync = value(payload, "syncStatus");
        DeploymentStatus status = statusOf(value(payload, "phase"), health);

        StringBuilder note = new StringBuilder("argocd ").append(event != null ? event : "notification").append(' ').append(app);
        Service service;
        if (status != null) {
            String environmentLabel = value(payload, "environment");
            String environment = firstNonNull(environmentLabel, namespace, destinationName);
            if (environment == null) {
                throw new IllegalArgumentException(
                        "argocd notification without an environment label, destination namespace or destination name");
            }
            if (revision == null && startedAt == null) {
                throw new IllegalArgumentException("argocd notification without revision or startedAt: cannot tell which sync it reports");
            }
            Boolean production = Environment.looksLikeProduction(environmentLabel) ? Boolean.TRUE : null;
            boolean running = status == DeploymentStatus.IN_PROGRESS;
            Instant statusAt = running ? firstNonNull(startedAt, finishedAt, delivery.getReceivedAt())
                    : firstNonNull(finishedAt, startedAt, delivery.getReceivedAt());
            DeploymentFacts facts = new DeploymentFacts(
                    Normalizer.origin(delivery),
                    externalId(app, revision, startedAt),
                    repository,
                    serviceName,
                    environment,
                    production,
                    revision != null && revision.length() <= 64 ? revision : null,
                    value(payload, "targetRevision"),
                    revision != null && revision.length() > 64 ? revision : null,
                    value(payload, "initiatedBy"),
                    webUrl(value(payload, "url")),
                    value(payload, "message"),
                    startedAt,
                    status,
                    statusAt,
                    running ? SEQ_IN_PROGRESS : SEQ_FINAL,
                    cluster,
                    namespace);
            Deployment recorded = deployments.record(facts, now);
            service = recorded.getService();
            note.append(": deployment ").append(recorded.getExternalId()).append(' ').append(recorded.getStatus().wireName());
        } else {
            service = cluster == null ? null : repository != null
                    ? catalog.serviceForRepository(repository, serviceName, now) : catalog.serviceNamedOrCreate(serviceName, now);
        }
        if (cluster != null) {
            // As of when the notification describes the app; arrival time only when it says nothing.
            Instant at = latest(time(payload, "reconciledAt"), finishedAt, startedAt);
            at = at != null ? at : delivery.getReceivedAt();
            Cluster where = catalog.cluster(cluster, destinationServer, at);
            Workload workload = catalog.workload(where, namespace != null ? namespace : "", app, service, at);
            workload.report(health, sync, revision != null && revision.length() <= 64 ? revision : null, at);
            note.append("; workload ").append(cluster).append('/').append(namespace != null ? namespace : "").append('/')
                    .append(app).append(' ').append(health != null ? health : "?").append('/').append(sync != null ? sync : "?");
        } else if (status == null) {
            return Normalized.ignored("argocd notification for " + app + " without a sync operation or destination");
        }
        return Normalized.modelled(note.toString());
    }

    /**
     * The deployment status of a sync operation's phase; null when there is no operation.
     * Succeeded counts as success only when the application is healthy (or health was not reported).
     */
    static DeploymentStatus statusOf(String phase, String health) {
        if (phase == null) {
            return null;
        }
        return switch (phase.toLowerCase(Locale.ROOT)) {
            case "running", "terminating" -> DeploymentStatus.IN_PROGRESS;
            case "succeeded" -> health == null || "healthy".equalsIgnoreCase(health)
                    ? DeploymentStatus.SUCCESS : DeploymentStatus.IN_PROGRESS;
            case "failed" -> DeploymentStatus.FAILURE;
            case "error" -> DeploymentStatus.ERROR;
            default -> null;
        };
    }

    /**
     * The owner/name of a Git repository URL as GitHub and GitLab name repositories:
     * {@code https://github.com/acme/shop.git}, {@code git@github.com:acme/shop.git} and
     * {@code ssh://git@github.com:22/acme/shop} all give {@code acme/shop}; GitLab subgroups keep
     * every segment ({@code group/sub/project}); Bitbucket Server's {@code /scm/} prefix is dropped.
     * Helm chart repositories (one path segment), OCI registries and anything unreadable give null.
     */
    static String repositoryOf(String repoUrl) {
        String url = blankToNull(repoUrl);
        if (url == null) {
            return null;
        }
        String path;
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            // scp-like syntax: [user@]host:owner/name.git
            int colon = url.indexOf(':');
            if (colon < 0 || url.indexOf('/') < colon) {
                return null;
            }
            path = url.substring(colon + 1);
        } else {
            String protocol = url.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!protocol.equals("https") && !protocol.equals("http") && !protocol.equals("ssh") && !protocol.equals("git")) {
                return null;
            }
            try {
                path = new URI(url).getPath();
            } catch (URISyntaxException e) {
                return null;
            }
            if (path == null) {
                return null;
            }
        }
        path = path.replaceAll("/+$", "").replaceAll("^/+", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - ".git".length());
        }
        if (path.startsWith("scm/")) {
            path = path.substring("scm/".length());
        }
        return path.contains("/") && !path.contains("//") ? path : null;
    }

    /** A template field: null for absent, empty and Go's "<no value>". */
    static String value(JsonObject payload, String name) {
        return blankToNull(Payloads.string(payload, name));
    }

    static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() || trimmed.equals("<no value>") || trimmed.equals("<nil>") ? null : trimmed;
    }

    private static Instant time(JsonObject payload, String name) {
        return Payloads.parseInstant(value(payload, name));
    }

    /** One sync operation; a (rare) overlong id is hashed so it still fits. */
    private static String externalId(String app, String revision, Instant startedAt) {
        String id = app + ":" + (revision != null ? revision : "") + ":" + (startedAt != null ? startedAt.toString() : "");
        if (id.length() <= 200) {
            return id;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The Argo CD UI link, unless the template's context.argocdUrl was not set. */
    private static String webUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static Instant latest(Instant... values) {
        Instant latest = null;
        for (Instant value : values) {
            if (value != null && (latest == null || value.isAfter(latest))) {
                latest = value;
            }
        }
        return latest;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
