import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Closed-loop HTTP load of signed GitHub workflow_run deliveries (real shape, ~15 KB) against
 * /api/v1/ingest/github/{source}. Each request is a new delivery (fresh X-GitHub-Delivery), so
 * each is stored durably and normalised. Prints throughput and latency percentiles.
 *
 * With event {@code deployment_status} each request is instead a successful production deployment of
 * a new deployment (~7 KB), which keeps the DORA figures current on every delivery.
 *
 * With event {@code floor} the same requests go to a webhook kind that does not exist (404): the
 * framework's own cost per request, without the work.
 *
 * Usage: java bench/IngestBench.java <baseUrl> <source> <secret> <connections> <seconds> [warmupSeconds] [workflow_run|deployment_status|floor]
 *        java bench/IngestBench.java --sample-hex   (one payload, hex-encoded, for the pgbench ceiling)
 */
public class IngestBench {

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--sample-hex")) {
            // One payload as hex, for the PostgreSQL ceiling to insert the same bytes.
            System.out.println(HexFormat.of().formatHex(payload("acme", "svc-1", 4242, "0badcafe0badcafe0badcafe0badcafe0badcafe")));
            return;
        }
        String base = args[0];
        String source = args[1];
        String secret = args[2];
        int connections = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        String event = args.length > 6 ? args[6] : "workflow_run";
        if (!event.equals("workflow_run") && !event.equals("deployment_status") && !event.equals("floor")) {
            throw new IllegalArgumentException("event must be workflow_run, deployment_status or floor");
        }
        // "floor": the same signed workflow_run requests to a kind that does not exist. The request
        // takes the whole framework path (HTTP, servlet filters, security, the webhook servlet, the body read, the
        // EJB call, a problem+json 404) and none of the work: the server's own ceiling for requests.
        FLOOR = event.equals("floor");
        EVENT = FLOOR ? "workflow_run" : event;
        URI uri = URI.create(base + "/api/v1/ingest/" + (FLOOR ? "no-such-kind" : "github") + "/" + source);

        run(uri, secret, connections, warmup, false);
        Result result = run(uri, secret, connections, seconds, true);
        System.out.printf("payload_bytes=%d connections=%d seconds=%d requests=%d errors=%d throughput_rps=%.1f "
                + "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", result.bytes, connections, seconds, result.count,
                result.errors, result.count / (double) seconds, result.percentile(50), result.percentile(90),
                result.percentile(99), result.percentile(100));
        System.exit(0);
    }

    record Result(long count, long errors, long[] latenciesNanos, int bytes) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
        }
    }

    static String EVENT = "workflow_run";
    static boolean FLOOR;

    /** Per client thread: the HMAC instance (a provider lookup per request would cost the client more than the server). */
    static final ThreadLocal<Mac> MACS = new ThreadLocal<>();

    /**
     * One persistent HTTP/1.1 connection (keep-alive), written and read by hand: the load generator
     * shares the cores with the server and PostgreSQL, and the JDK HttpClient cost it more CPU per
     * request than the server's own work. Requests are exactly what GitHub sends; the answer's
     * status line and body are read completely (Content-Length or chunked).
     */
    static final class Connection implements AutoCloseable {
        private final URI uri;
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;

        Connection(URI uri) {
            this.uri = uri;
        }

        int post(Map<String, String> headers, byte[] body) throws IOException {
            if (socket == null) {
                socket = new Socket(uri.getHost(), uri.getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
                out = new BufferedOutputStream(socket.getOutputStream(), 32 * 1024);
            }
            StringBuilder head = new StringBuilder(512).append("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String line = line(); !line.isEmpty(); line = line()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                close();
            }
            return code;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void skip(long count) throws IOException {
            for (long left = count; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        @Override
        public void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }

    static Result run(URI uri, String secret, int connections, int seconds, boolean measure) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L * 100);
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        List<Future<long[]>> futures = new ArrayList<>();
        int[] size = new int[1];
        for (int c = 0; c < connections; c++) {
            futures.add(workers.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                Connection connection = new Connection(uri);
                while (System.nanoTime() < end) {
                    long id = ids.incrementAndGet();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String sha = Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                            + "0badcafe";
                    byte[] body = EVENT.equals("deployment_status") ? deploymentStatus("acme", "svc-" + (id % 50), id, sha)
                            : payload("acme", "svc-" + (id % 50), id, sha);
                    size[0] = body.length;
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Content-Type", "application/json");
                    headers.put("User-Agent", "GitHub-Hookshot/044aadd");
                    headers.put("X-GitHub-Event", EVENT);
                    headers.put("X-GitHub-Delivery", new UUID(random.nextLong(), random.nextLong()).toString());
                    headers.put("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(secret, body)));
                    long start = System.nanoTime();
                    try {
                        if (connection.post(headers, body) != (FLOOR ? 404 : 202)) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        connection.close();
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = System.nanoTime() - start;
                }
                connection.close();
                return Arrays.copyOf(lat, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> f : futures) {
            long[] part = f.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        workers.shutdown();
        Arrays.sort(all);
        return new Result(all.length, errors.get(), all, size[0]);
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = MACS.get();
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                MACS.set(mac);
            }
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String[] URL_FIELDS = {"archive", "assignees", "blobs", "branches", "collaborators", "comments",
        "commits", "compare", "contents", "contributors", "deployments", "downloads", "events", "forks", "git_commits",
        "git_refs", "git_tags", "hooks", "issue_comment", "issue_events", "issues", "keys", "labels", "languages",
        "merges", "milestones", "notifications", "pulls", "releases", "stargazers", "statuses", "subscribers",
        "subscription", "tags", "teams", "trees"};

    /** A completed workflow_run delivery in GitHub's shape (repository objects with all their URLs). */
    static byte[] payload(String owner, String repo, long runId, String sha) {
        String api = "https://api.github.com/repos/" + owner + "/" + repo;
        StringBuilder r = new StringBuilder("{\"id\":1296269,\"node_id\":\"MDEwOlJlcG9zaXRvcnkxMjk2MjY5\",\"name\":\"")
                .append(repo).append("\",\"full_name\":\"").append(owner).append('/').append(repo)
                .append("\",\"private\":false,\"owner\":").append(user(owner)).append(",\"html_url\":\"https://github.com/")
                .append(owner).append('/').append(repo).append("\",\"description\":\"The service\",\"fork\":false,\"url\":\"")
                .append(api).append('"');
        for (String f : URL_FIELDS) {
            r.append(",\"").append(f).append("_url\":\"").append(api).append('/').append(f).append("{/sha}\"");
        }
        r.append('}');
        String repository = r.toString();
        String run = "{\"id\":" + runId + ",\"name\":\"CI\",\"node_id\":\"WFR_kwLOA" + runId + "\",\"head_branch\":\"main\","
                + "\"head_sha\":\"" + sha + "\",\"path\":\".github/workflows/ci.yml\",\"display_title\":\"Bump deps\","
                + "\"run_number\":" + (runId % 100000) + ",\"event\":\"push\",\"status\":\"completed\",\"conclusion\":\""
                + (runId % 7 == 0 ? "failure" : "success") + "\",\"workflow_id\":161335,\"check_suite_id\":" + (runId + 7)
                + ",\"url\":\"" + api + "/actions/runs/" + runId + "\",\"html_url\":\"https://github.com/" + owner + "/" + repo
                + "/actions/runs/" + runId + "\",\"pull_requests\":[],\"created_at\":\"2026-11-24T10:00:00Z\","
                + "\"updated_at\":\"2026-11-24T10:04:00Z\",\"actor\":" + user("octocat") + ",\"run_attempt\":1,"
                + "\"referenced_workflows\":[],\"run_started_at\":\"2026-11-24T10:00:07Z\",\"triggering_actor\":" + user("octocat")
                + ",\"jobs_url\":\"" + api + "/actions/runs/" + runId + "/jobs\",\"logs_url\":\"" + api + "/actions/runs/" + runId
                + "/logs\",\"previous_attempt_url\":null,\"workflow_url\":\"" + api + "/actions/workflows/161335\","
                + "\"head_commit\":{\"id\":\"" + sha + "\",\"message\":\"Bump deps\",\"timestamp\":\"2026-11-24T09:59:00Z\","
                + "\"author\":{\"name\":\"Octo Cat\",\"email\":\"octocat@github.com\"}},\"repository\":" + repository
                + ",\"head_repository\":" + repository + "}";
        return ("{\"action\":\"completed\",\"workflow_run\":" + run + ",\"workflow\":{\"id\":161335,\"name\":\"CI\","
                + "\"path\":\".github/workflows/ci.yml\",\"state\":\"active\"},\"repository\":" + repository
                + ",\"organization\":{\"login\":\"" + owner + "\",\"id\":9001},\"sender\":" + user("octocat") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A successful production deployment_status delivery of a new deployment, in GitHub's shape. */
    static byte[] deploymentStatus(String owner, String repo, long deploymentId, String sha) {
        String api = "https://api.github.com/repos/" + owner + "/" + repo;
        String at = java.time.Instant.now().minusSeconds(30).toString();
        String repository = "{\"id\":1296269,\"node_id\":\"MDEwOlJlcG9zaXRvcnkxMjk2MjY5\",\"name\":\"" + repo
                + "\",\"full_name\":\"" + owner + "/" + repo + "\",\"private\":false,\"owner\":" + user(owner)
                + ",\"html_url\":\"https://github.com/" + owner + "/" + repo + "\",\"url\":\"" + api + "\"}";
        String deployment = "{\"url\":\"" + api + "/deployments/" + deploymentId + "\",\"id\":" + deploymentId
                + ",\"node_id\":\"DE_kwDO" + deploymentId + "\",\"task\":\"deploy\",\"original_environment\":\"production\","
                + "\"environment\":\"production\",\"description\":null,\"created_at\":\"" + at + "\",\"updated_at\":\"" + at
                + "\",\"statuses_url\":\"" + api + "/deployments/" + deploymentId + "/statuses\",\"repository_url\":\"" + api
                + "\",\"creator\":" + user("octocat") + ",\"sha\":\"" + sha + "\",\"ref\":\"main\",\"payload\":{},"
                + "\"transient_environment\":false,\"production_environment\":true,\"performed_via_github_app\":null}";
        String status = "{\"url\":\"" + api + "/deployments/" + deploymentId + "/statuses/" + (deploymentId + 1) + "\",\"id\":"
                + (deploymentId + 1) + ",\"state\":\"success\",\"creator\":" + user("octocat") + ",\"description\":\"Deployed\","
                + "\"environment\":\"production\",\"target_url\":\"https://ci.example.com/deploy/" + deploymentId + "\","
                + "\"created_at\":\"" + at + "\",\"updated_at\":\"" + at + "\",\"deployment_url\":\"" + api + "/deployments/"
                + deploymentId + "\",\"repository_url\":\"" + api + "\",\"environment_url\":\"https://production.example.com\"}";
        return ("{\"action\":\"created\",\"deployment_status\":" + status + ",\"deployment\":" + deployment
                + ",\"check_run\":null,\"workflow\":null,\"workflow_run\":null,\"repository\":" + repository
                + ",\"organization\":{\"login\":\"" + owner + "\",\"id\":9001},\"sender\":" + user("octocat") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String user(String login) {
        String b = "https://api.github.com/users/" + login;
        return "{\"login\":\"" + login + "\",\"id\":583231,\"node_id\":\"MDQ6VXNlcjU4MzIzMQ==\",\"avatar_url\":"
                + "\"https://avatars.githubusercontent.com/u/583231?v=4\",\"gravatar_id\":\"\",\"url\":\"" + b + "\",\"html_url\":"
                + "\"https://github.com/" + login + "\",\"followers_url\":\"" + b + "/followers\",\"following_url\":\"" + b
                + "/following{/other_user}\",\"gists_url\":\"" + b + "/gists{/gist_id}\",\"starred_url\":\"" + b
                + "/starred{/owner}{/repo}\",\"subscriptions_url\":\"" + b + "/subscriptions\",\"organizations_url\":\"" + b
                + "/orgs\",\"repos_url\":\"" + b + "/repos\",\"events_url\":\"" + b + "/events{/privacy}\","
                + "\"received_events_url\":\"" + b + "/received_events\",\"type\":\"User\",\"site_admin\":false}";
    }
}
