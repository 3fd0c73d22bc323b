import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Latency of GET /api/v1/dora for a team, a service and the whole organisation over the last 90
 * days and the last year, one request at a time (a dashboard user, not a load test). Each request
 * asks for a random team (team-001..team-NNN) or service (svc-0001..svc-NNNN) of bench/dora-data.sql.
 * Then the drill-downs behind a team's figures (first page of 100 counted deployments, changes and
 * incidents, with their totals) over the same windows. Prints p50/p95/p99/max per case.
 *
 * Usage: java bench/DoraBench.java <baseUrl> <token> <teams> <services> <requests> <warmup> [orgRequests]
 */
public class DoraBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int teams = Integer.parseInt(args[2]);
        int services = Integer.parseInt(args[3]);
        int requests = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int orgRequests = args.length > 6 ? Integer.parseInt(args[6]) : requests;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(42);
        System.out.printf("%-22s %8s %9s %9s %9s %9s %10s%n", "case", "requests", "p50_ms", "p95_ms", "p99_ms", "max_ms", "bytes");
        for (String scope : List.of("team", "service", "org", "team/deployments", "team/changes", "team/incidents")) {
            for (int days : new int[] {90, 365}) {
                int n = scope.equals("org") ? orgRequests : requests;
                run(client, base, token, scope, days, teams, services, warmup, random, false);
                long[] latencies = run(client, base, token, scope, days, teams, services, n, random, true);
                System.out.printf("%-22s %8d %9.1f %9.1f %9.1f %9.1f %10d%n", scope + "-" + days + "d", n, pct(latencies, 50),
                        pct(latencies, 95), pct(latencies, 99), pct(latencies, 100), lastBytes);
            }
        }
    }

    static int lastBytes;

    static long[] run(HttpClient client, String base, String token, String scope, int days, int teams, int services, int count,
            Random random, boolean measure) throws Exception {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            String filter = switch (scope) {
                case "service" -> "service=svc-" + String.format("%04d", 1 + random.nextInt(services)) + "&";
                case "org" -> "";
                default -> "team=team-" + String.format("%03d", 1 + random.nextInt(teams)) + "&";
            };
            String path = scope.contains("/") ? "/api/v1/dora/" + scope.substring(scope.indexOf('/') + 1) : "/api/v1/dora";
            String to = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            String from = java.time.Instant.parse(to).minus(Duration.ofDays(days)).toString();
            URI uri = URI.create(base + path + "?" + filter + "from=" + from + "&to=" + to);
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(120)).GET().build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            lastBytes = response.body().length();
        }
        Arrays.sort(latencies);
        return latencies;
    }

    static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
