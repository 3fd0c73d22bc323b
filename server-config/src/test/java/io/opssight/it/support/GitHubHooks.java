package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub webhook deliveries as GitHub sends them: the documented payload shapes (with the many
 * fields OpsSight does not use), the X-GitHub-* headers and an X-Hub-Signature-256 HMAC over the
 * exact bytes sent.
 */
public final class GitHubHooks {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 10);

    private GitHubHooks() {
    }

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** A deployment as GitHub describes it inside deployment and deployment_status events. */
    public record Deployment(long id, String owner, String repo, String environment, String sha, String ref,
            String createdAt, String creator, Boolean productionEnvironment) {
    }

    public static Deployment deployment(String owner, String repo, String environment, String createdAt) {
        String sha = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 40);
        return new Deployment(nextId(), owner, repo, environment, sha, "main", createdAt, "octocat", null);
    }

    public static byte[] deploymentStatus(Deployment d, String state, String statusCreatedAt, long statusId) {
        JsonObject status = Json.createObjectBuilder()
                .add("url", api(d) + "/deployments/" + d.id() + "/statuses/" + statusId)
                .add("id", statusId)
                .add("node_id", "DES_kwDO" + statusId)
                .add("state", state)
                .add("creator", user(d.creator()))
                .add("description", "Deployment " + state)
                .add("environment", d.environment())
                .add("target_url", "https://ci.example.com/deploy/" + d.id())
                .add("created_at", statusCreatedAt)
                .add("updated_at", statusCreatedAt)
                .add("deployment_url", api(d) + "/deployments/" + d.id())
                .add("repository_url", api(d))
                .add("environment_url", "https://" + d.environment() + ".example.com")
                .add("log_url", "https://ci.example.com/deploy/" + d.id() + "/log")
                .add("performed_via_github_app", JsonObject.NULL)
                .build();
        JsonObject payload = Json.createObjectBuilder()
                .add("action", "created")
                .add("deployment_status", status)
                .add("deployment", deploymentJson(d))
                .add("check_run", JsonObject.NULL)
                .add("workflow", JsonObject.NULL)
                .add("workflow_run", JsonObject.NULL)
                .add("repository", repository(d))
                .add("organization", Json.createObjectBuilder().add("login", d.owner()).add("id", 9001))
                .add("sender", user(d.creator()))
                .add("installation", Json.createObjectBuilder().add("id", 12345).add("node_id",
                        "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMTIzNDU="))
                .build();
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] deploymentCreated(Deployment d) {
        return Json.createObjectBuilder()
                .add("action", "created")
                .add("deployment", deploymentJson(d))
                .add("workflow", JsonObject.NULL)
                .add("workflow_run", JsonObject.NULL)
                .add("repository", repository(d))
                .add("sender", user(d.creator()))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] ping(String owner, String repo) {
        return Json.createObjectBuilder()
                .add("zen", "Keep it logically awesome.")
                .add("hook_id", 42)
                .add("hook", Json.createObjectBuilder().add("type", "Repository").add("id", 42).add("active", true)
                        .add("events", Json.createArrayBuilder().add("deployment").add("deployment_status"))
                        .add("config", Json.createObjectBuilder().add("content_type", "json").add("insecure_ssl", "0")
                                .add("url", "https://opssight.example.com/api/v1/ingest/github/acme")))
                .add("repository", repository(new Deployment(0, owner, repo, "", "", "", "", "octocat", null)))
                .add("sender", user("octocat"))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder deploymentJson(Deployment d) {
        JsonObjectBuilder deployment = Json.createObjectBuilder()
                .add("url", api(d) + "/deployments/" + d.id())
                .add("id", d.id())
                .add("node_id", "DE_kwDO" + d.id())
                .add("task", "deploy")
                .add("original_environment", d.environment())
                .add("environment", d.environment())
                .add("description", JsonObject.NULL)
                .add("created_at", d.createdAt())
                .add("updated_at", d.createdAt())
                .add("statuses_url", api(d) + "/deployments/" + d.id() + "/statuses")
                .add("repository_url", api(d))
                .add("creator", user(d.creator()))
                .add("sha", d.sha())
                .add("ref", d.ref())
                .add("payload", Json.createObjectBuilder())
                .add("transient_environment", false)
                .add("performed_via_github_app", JsonObject.NULL);
        if (d.productionEnvironment() != null) {
            deployment.add("production_environment", d.productionEnvironment());
        }
        return deployment;
    }

    private static JsonObjectBuilder repository(Deployment d) {
        return Json.createObjectBuilder()
                .add("id", 1296269)
                .add("node_id", "MDEwOlJlcG9zaXRvcnkxMjk2MjY5")
                .add("name", d.repo())
                .add("full_name", d.owner() + "/" + d.repo())
                .add("private", false)
                .add("owner", user(d.owner()))
                .add("html_url", "https://github.com/" + d.owner() + "/" + d.repo())
                .add("default_branch", "main")
                .add("topics", Json.createArrayBuilder().add("devops"))
                .add("visibility", "public");
    }

    private static JsonObjectBuilder user(String login) {
        return Json.createObjectBuilder().add("login", login).add("id", Math.abs(login.hashCode()))
                .add("node_id", "MDQ6VXNlcjE=").add("type", "User").add("site_admin", false)
                .add("html_url", "https://github.com/" + login);
    }

    private static String api(Deployment d) {
        return "https://api.github.com/repos/" + d.owner() + "/" + d.repo();
    }

    /** The headers GitHub sends with a delivery, signed with the secret. */
    public static Map<String, String> headers(String event, String deliveryId, String secret, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/044aadd");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.put("X-GitHub-Hook-ID", "292430182");
        headers.put("X-GitHub-Hook-Installation-Target-ID", "79929171");
        headers.put("X-GitHub-Hook-Installation-Target-Type", "repository");
        headers.put("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(secret, body)));
        return headers;
    }

    public static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
