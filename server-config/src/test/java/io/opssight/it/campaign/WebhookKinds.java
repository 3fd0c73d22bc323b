package io.opssight.it.campaign;

import io.opssight.it.support.AlertmanagerHooks;
import io.opssight.it.support.ArgoCdNotifications;
import io.opssight.it.support.AwxNotifications;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.GitHubEventHooks;
import io.opssight.it.support.GitHubHooks;
import io.opssight.it.support.GitLabHooks;
import io.opssight.it.support.Http;
import io.opssight.it.support.JenkinsHooks;
import io.opssight.it.support.PagerDutyHooks;
import io.opssight.it.support.TerraformPlanJson;
import io.opssight.it.support.WorkflowRuns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import jakarta.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The eight webhook kinds as their senders deliver them, built from the signers and realistic
 * payloads the ingestion ITs use (it/support): one registered source each, a fresh payload per
 * call (unique ids, so no mutated delivery is a duplicate of another), the headers that
 * authenticate a body, and the ways of getting that authentication wrong.
 */
final class WebhookKinds {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 100_000_000L * 100);
    private static final String ARGOCD_URL = "https://argocd.acme.example";

    private WebhookKinds() {
    }

    /** A body and the event it is (GitHub and GitLab name the event in a header). */
    record Payload(String event, byte[] body) {
    }

    /**
     * A header value to try instead of the right one ({@code null}: header left out).
     * {@code refuse}: a sender with this value does not hold the secret, so a 2xx is a bypass.
     */
    record AuthVariant(String label, String value, boolean refuse) {
    }

    /** One kind with its source. */
    static final class Kind {
        final String name;
        final Fixtures.Source source;
        final String authHeader;
        private final Supplier<Payload> shaped;
        private final Supplier<Payload> valid;
        private final BiFunction<Payload, String, Map<String, String>> signer;

        Kind(String name, Fixtures.Source source, String authHeader, Supplier<Payload> shaped, Supplier<Payload> valid,
                BiFunction<Payload, String, Map<String, String>> signer) {
            this.name = name;
            this.source = source;
            this.authHeader = authHeader;
            this.shaped = shaped;
            this.valid = valid;
            this.signer = signer;
        }

        /** A fresh payload of the one shape the field mutators are made from. */
        Payload shaped() {
            return shaped.get();
        }

        /** A fresh valid payload (for GitHub of several event types). */
        Payload valid() {
            return valid.get();
        }

        /** The sender's headers for exactly these bytes (signed, or with the token), with a fresh delivery id. */
        Map<String, String> headers(String event, byte[] body) {
            return signer.apply(new Payload(event, body), source.secret());
        }

        /** The headers signed with another secret. */
        Map<String, String> headersWithSecret(String event, byte[] body, String secret) {
            return signer.apply(new Payload(event, body), secret);
        }

        String path() {
            return source.ingestPath();
        }

        /** Wrong and odd values of the authentication header for {@code body}. */
        List<AuthVariant> authVariants(String event, byte[] body) {
            String right = headers(event, body).get(authHeader);
            String wrong = headersWithSecret(event, body, "not-the-secret-" + UUID.randomUUID()).get(authHeader);
            List<AuthVariant> v = new ArrayList<>();
            v.add(new AuthVariant("missing", null, true));
            v.add(new AuthVariant("empty", "", true));
            v.add(new AuthVariant("another secret's", wrong, true));
            v.add(new AuthVariant("right one cut short by a character", right.substring(0, right.length() - 1), true));
            v.add(new AuthVariant("right one with a character appended", right + "0", true));
            v.add(new AuthVariant("9,000 characters", right.substring(0, Math.min(8, right.length())) + "a".repeat(9_000), true));
            v.add(new AuthVariant("right one with a trailing space", right + " ", false));
            v.add(new AuthVariant("right one, lower case", right.toLowerCase(Locale.ROOT), false));
            v.add(new AuthVariant("right one, upper case", right.toUpperCase(Locale.ROOT), false));
            v.add(new AuthVariant("right and another, comma-separated", right + "," + wrong, false));
            switch (name) {
                case "github" -> {
                    String hex = right.substring("sha256=".length());
                    v.add(new AuthVariant("digest without its sha256= prefix", hex, true));
                    v.add(new AuthVariant("sha1= with an HMAC-SHA1-sized prefix of the digest", "sha1=" + hex.substring(0, 40), true));
                    v.add(new AuthVariant("sha256= and nothing", "sha256=", true));
                    v.add(new AuthVariant("digest of other bytes", signer.apply(new Payload(event, concat(body, " ")), source.secret())
                            .get(authHeader), true));
                }
                case "pagerduty" -> {
                    String hex = right.substring("v1=".length());
                    v.add(new AuthVariant("digest without its v1= prefix", hex, true));
                    v.add(new AuthVariant("v0= version", "v0=" + hex, true));
                    v.add(new AuthVariant("v1= and nothing", "v1=", true));
                    v.add(new AuthVariant("another secret's, then the right one", wrong + "," + right, false));
                }
                case "gitlab" -> {
                    v.add(new AuthVariant("the secret's first half", right.substring(0, right.length() / 2), true));
                    v.add(new AuthVariant("as a bearer token instead", "Bearer " + right, true));
                }
                case "jenkins" -> {
                    v.add(new AuthVariant("Basic with invalid base64", "Basic !!!not-base64!!!", true));
                    v.add(new AuthVariant("Basic without a colon", "Basic " + b64("jenkins" + source.secret()), true));
                    v.add(new AuthVariant("Basic with an empty password", "Basic " + b64("jenkins:"), true));
                    v.add(new AuthVariant("Basic, scheme only", "Basic", true));
                    v.add(new AuthVariant("Digest scheme", "Digest username=\"jenkins\", response=\"" + source.secret() + "\"", true));
                    v.add(new AuthVariant("Basic with an empty user", "Basic " + b64(":" + source.secret()), false));
                }
                default -> {
                    v.add(new AuthVariant("scheme only", "Bearer", true));
                    v.add(new AuthVariant("the secret without a scheme", source.secret(), false));
                    v.add(new AuthVariant("Basic with the secret as password", "Basic " + b64("x:" + source.secret()), false));
                    v.add(new AuthVariant("two spaces after the scheme", "Bearer  " + source.secret(), false));
                }
            }
            return v;
        }
    }

    /** Registers one source per kind and describes how each delivers. */
    static List<Kind> register(Http http) {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("github", Fixtures.source(http, "github"), "X-Hub-Signature-256", WebhookKinds::githubDeploymentStatus,
                WebhookKinds::githubAny, (p, secret) -> GitHubHooks.headers(p.event(), UUID.randomUUID().toString(), secret, p.body())));
        kinds.add(new Kind("gitlab", Fixtures.source(http, "gitlab"), "X-Gitlab-Token", WebhookKinds::gitlabPipeline,
                WebhookKinds::gitlabPipeline, (p, secret) -> GitLabHooks.headers(p.event(), secret)));
        kinds.add(new Kind("jenkins", Fixtures.source(http, "jenkins"), "Authorization", WebhookKinds::jenkinsBuild,
                WebhookKinds::jenkinsBuild, (p, secret) -> JenkinsHooks.headers("jenkins", secret)));
        kinds.add(new Kind("alertmanager", Fixtures.source(http, "alertmanager"), "Authorization", WebhookKinds::alertmanager,
                WebhookKinds::alertmanager, (p, secret) -> AlertmanagerHooks.headers(secret)));
        kinds.add(new Kind("pagerduty", Fixtures.source(http, "pagerduty"), "X-PagerDuty-Signature", WebhookKinds::pagerduty,
                WebhookKinds::pagerduty, (p, secret) -> PagerDutyHooks.headers(p.body(), secret)));
        kinds.add(new Kind("argocd", Fixtures.source(http, "argocd"), "Authorization", WebhookKinds::argocd,
                WebhookKinds::argocd, (p, secret) -> ArgoCdNotifications.headers(secret)));
        kinds.add(new Kind("awx", Fixtures.source(http, "awx"), "Authorization", WebhookKinds::awx,
                WebhookKinds::awx, (p, secret) -> AwxNotifications.bearerHeaders(secret)));
        kinds.add(new Kind("terraform", Fixtures.source(http, "terraform"), "Authorization", WebhookKinds::terraform,
                WebhookKinds::terraform, WebhookKinds::terraformHeaders));
        return kinds;
    }

    private static long next() {
        return IDS.incrementAndGet();
    }

    private static String sha() {
        return GitHubEventHooks.sha();
    }

    private static Payload githubDeploymentStatus() {
        GitHubHooks.Deployment d = GitHubHooks.deployment("acme", "shop-" + next() % 7, "production", "2026-11-20T10:00:00Z");
        return new Payload("deployment_status", GitHubHooks.deploymentStatus(d, "success", "2026-11-20T10:04:00Z", next()));
    }

    private static Payload githubAny() {
        if (next() % 2 == 0) {
            return githubDeploymentStatus();
        }
        long run = next();
        return new Payload("workflow_run", WorkflowRuns.workflowRun("acme", "shop-" + run % 7, run, 1, "completed", "completed",
                "success", "2026-11-20T10:00:00Z", "2026-11-20T10:00:05Z", "2026-11-20T10:06:00Z", sha()));
    }

    private static Payload gitlabPipeline() {
        GitLabHooks.Project project = GitLabHooks.project("shop-" + next() % 7);
        long id = next();
        GitLabHooks.Build build = new GitLabHooks.Build(next(), "test", "rspec", "success", "2026-11-20 10:00:00 UTC",
                "2026-11-20 10:00:30 UTC", "2026-11-20 10:02:00 UTC", "shared-runners-manager-6.gitlab.com");
        return new Payload("Pipeline Hook", GitLabHooks.pipeline(project, id, (int) (id % 10_000), "success", "main", sha(),
                "2026-11-20 10:00:00 UTC", "2026-11-20 10:02:00 UTC", 120, 4, List.of(build), false));
    }

    private static Payload jenkinsBuild() {
        String job = "shop-" + next() % 7;
        JenkinsHooks.Build b = JenkinsHooks.build(new String[] {job, "main"}, (int) (next() % 100_000), 1_795_000_000_000L, 330_500,
                "https://github.com/acme/" + job + ".git", "origin/main", sha());
        return new Payload(null, JenkinsHooks.phase(b, "COMPLETED", "SUCCESS", 12_000));
    }

    private static Payload alertmanager() {
        AlertmanagerHooks.Alert a = AlertmanagerHooks.firing("HighErrorRate", "shop-" + next() % 7, "critical", "shop-7d9f8b6c5-" + next(),
                "2026-11-20T10:00:07.481726301Z");
        return new Payload(null, AlertmanagerHooks.notification("opssight", "firing", Map.of("alertname", "HighErrorRate"), a));
    }

    private static Payload pagerduty() {
        PagerDutyHooks.Incident i = PagerDutyHooks.incident("shop-" + next() % 7, "[FIRING:1] HighErrorRate", "2026-11-20T10:12:02Z");
        return new Payload(null, PagerDutyHooks.incidentEvent(PagerDutyHooks.eventId(), "incident.triggered", "2026-11-20T10:12:03.117Z",
                i, "triggered"));
    }

    private static Payload argocd() {
        String app = "shop-" + next();
        ArgoCdNotifications.App shop = ArgoCdNotifications.App.named(app).label("environment", "production")
                .source("https://github.com/acme/" + app + ".git", "main").destinationName("prod-eu-1", "shop")
                .images("ghcr.io/acme/shop:2.14.0").initiatedBy("alice")
                .operation("Succeeded", sha(), "2026-11-20T10:20:00Z", "2026-11-20T10:21:30Z", "successfully synced (all tasks run)")
                .status("Synced", "Healthy", "2026-11-20T10:22:05Z");
        return new Payload(null, ArgoCdNotifications.render("app-deployed", shop.toJson(), ARGOCD_URL));
    }

    private static Payload awx() {
        Map<String, JsonObject> hosts = new LinkedHashMap<>();
        hosts.put("web-01.acme.internal", AwxNotifications.host(false, 3, 0, 0, 14, 2));
        hosts.put("web-02.acme.internal", AwxNotifications.host(true, 1, 0, 2, 11, 0));
        return new Payload(null, AwxNotifications.playbookJob(next(), "Deploy shop", "alice", "2026-11-20T10:00:03.617834+00:00",
                "2026-11-20T10:04:51.101203+00:00", "successful", hosts));
    }

    private static Payload terraform() {
        return new Payload(null, TerraformPlanJson.plan(TerraformPlanJson.Options.defaults().environment("production")
                .unchangedInstances(2).unique("c" + next())));
    }

    private static Map<String, String> terraformHeaders(Payload p, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + secret);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "curl/8.5.0");
        headers.put("X-OpsSight-Workspace", "shop-prod");
        return headers;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] body, String suffix) {
        return Mutations.concat(body, suffix.getBytes(StandardCharsets.UTF_8));
    }

    /** The hex SHA-256 of bytes, as PostgreSQL's encode(sha256(body), 'hex') gives it. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
