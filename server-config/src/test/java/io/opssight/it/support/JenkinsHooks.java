package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deliveries as the Jenkins Notification plugin sends them: Gson's snake_case JSON of its JobState
 * (null fields left out, HTML characters escaped as Gson does), one POST per phase, and HTTP Basic
 * built from the credentials in the endpoint URL ({@code https://jenkins:<secret>@opssight/...}).
 *
 * <p>{@code build.timestamp} is what the plugin's JobListener passes for each phase: QUEUED the time
 * the build entered the queue, STARTED the build's start, COMPLETED start + duration, FINALIZED the
 * moment finalisation ended. {@code duration} is 0 until the build has completed.
 */
public final class JenkinsHooks {

    private JenkinsHooks() {
    }

    /** A build of a job: folders as path segments ("shop", "main" for a multibranch branch job). */
    public record Build(String[] jobPath, int number, long queueId, long startMillis, long durationMillis, String gitUrl,
            String gitBranch, String commit) {

        public String jobName() {
            return jobPath[jobPath.length - 1];
        }

        public String jobUrl() {
            StringBuilder url = new StringBuilder();
            for (String segment : jobPath) {
                url.append("job/").append(segment.replace(" ", "%20")).append('/');
            }
            return url.toString();
        }

        public String fullName() {
            return String.join("/", jobPath);
        }
    }

    public static Build build(String[] jobPath, int number, long startMillis, long durationMillis, String gitUrl, String gitBranch,
            String commit) {
        return new Build(jobPath, number, 4_000L + number, startMillis, durationMillis, gitUrl, gitBranch, commit);
    }

    /** The body the plugin sends for {@code phase}; {@code timestamp} as its JobListener computes it. */
    public static byte[] phase(Build b, String phase, String result, long queuedForMillis) {
        long timestamp = switch (phase) {
            case "QUEUED" -> b.startMillis() - queuedForMillis;
            case "STARTED" -> b.startMillis();
            case "COMPLETED" -> b.startMillis() + b.durationMillis();
            case "FINALIZED" -> b.startMillis() + b.durationMillis() + 1_850;
            default -> throw new IllegalArgumentException(phase);
        };
        boolean done = phase.equals("COMPLETED") || phase.equals("FINALIZED");
        String root = "https://ci.example.com/";
        String buildUrl = b.jobUrl() + b.number() + "/";
        JsonObjectBuilder scm = Json.createObjectBuilder();
        if (b.gitUrl() != null) {
            scm.add("url", b.gitUrl()).add("branch", b.gitBranch()).add("commit", b.commit());
        }
        scm.add("changes", done ? Json.createArrayBuilder().add("src/main/java/com/acme/shop/Cart.java").add("pom.xml")
                : Json.createArrayBuilder())
                .add("culprits", done ? Json.createArrayBuilder().add("jdoe") : Json.createArrayBuilder());
        JsonObjectBuilder build = Json.createObjectBuilder()
                .add("full_url", root + buildUrl)
                .add("number", b.number())
                .add("queue_id", b.queueId())
                .add("timestamp", timestamp)
                .add("duration", done ? b.durationMillis() : 0)
                .add("phase", phase);
        if (done && result != null) {
            build.add("status", result);
        }
        build.add("url", buildUrl)
                .add("scm", scm)
                .add("parameters", Json.createObjectBuilder().add("DEPLOY_TARGET", "staging").add("SKIP_IT", "false"))
                .add("log", done ? "[Pipeline] End of Pipeline\nFinished: " + result + "\n" : "")
                .add("notes", "Triggered by push <" + b.commit() + ">");
        if (done) {
            build.add("test_summary", Json.createObjectBuilder().add("total", 412).add("failed", 0).add("passed", 409)
                    .add("skipped", 3).add("failed_tests", Json.createArrayBuilder()));
        }
        build.add("artifacts", done
                ? Json.createObjectBuilder().add("target/shop-2.4.1.jar", Json.createObjectBuilder()
                        .add("archive", root + buildUrl + "artifact/target/shop-2.4.1.jar"))
                : Json.createObjectBuilder());
        String json = Json.createObjectBuilder()
                .add("name", b.jobName())
                .add("display_name", b.jobName())
                .add("url", b.jobUrl())
                .add("build", build)
                .build().toString();
        return gsonHtmlEscaped(json).getBytes(StandardCharsets.UTF_8);
    }

    /** Gson escapes these characters in strings by default (they only occur inside strings here). */
    static String gsonHtmlEscaped(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("=", "\\u003d")
                .replace("'", "\\u0027");
    }

    /** The plugin's request: HTTP Basic from the URL's user info, JSON content type, Java's user agent. */
    public static Map<String, String> headers(String user, String password) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=UTF-8");
        headers.put("User-Agent", "Java/17.0.11");
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
