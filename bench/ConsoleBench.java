import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side render time of the console's pages over the analytics benchmark's data set (issue 6:
 * p95 < 300 ms). Signs in through the real sign-in form (API token), then GETs each page one at a
 * time, as a user clicking around would, and reports p50/p95/p99/max of the complete response
 * (loopback, so the time is the server's rendering plus the database's answers).
 *
 * Usage: java bench/ConsoleBench.java <baseUrl> <token> <requests> <warmup>
 */
public class ConsoleBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int requests = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        signIn(client, base, token);

        List<String> pages = List.of(
                "/index.xhtml",
                "/deployments.xhtml",
                "/deployments.xhtml?service=svc-0001",
                "/service.xhtml?name=svc-0001",
                "/dora.xhtml?team=team-001",
                "/dora.xhtml",
                "/pipelines.xhtml?repository=acme/svc-0001",
                "/incidents.xhtml",
                "/audit.xhtml");
        System.out.printf("%-42s %8s %9s %9s %9s %9s %9s%n", "page", "requests", "p50_ms", "p95_ms", "p99_ms", "max_ms", "bytes");
        for (String page : pages) {
            int bytes = 0;
            for (int i = 0; i < warmup; i++) {
                get(client, base + page);
            }
            long[] latencies = new long[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                bytes = get(client, base + page).length();
                latencies[i] = System.nanoTime() - start;
            }
            Arrays.sort(latencies);
            System.out.printf("%-42s %8d %9.1f %9.1f %9.1f %9.1f %9d%n", page, requests, pct(latencies, 50), pct(latencies, 95),
                    pct(latencies, 99), pct(latencies, 100), bytes);
        }
    }

    /** The token form of login.xhtml, posted like a browser does (its hidden fields and view state included). */
    static void signIn(HttpClient client, String base, String token) throws Exception {
        String page = get(client, base + "/login.xhtml");
        Matcher form = Pattern.compile("<form id=\"login\"[^>]*>(.*?)</form>", Pattern.DOTALL).matcher(page);
        if (!form.find()) {
            throw new IllegalStateException("no token sign-in form on /login.xhtml");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>").matcher(form.group(1));
        while (hidden.find()) {
            String input = hidden.group();
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(input);
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input);
            if (name.find()) {
                fields.put(name.group(1), value.find() ? value.group(1).replace("&amp;", "&") : "");
            }
        }
        fields.put("login", "login");
        fields.put("login:token", token);
        fields.put("login:submit", "");
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302 && answer.statusCode() != 303) {
            throw new IllegalStateException("sign-in answered " + answer.statusCode() + " instead of a redirect");
        }
        if (get(client, base + "/index.xhtml").contains("id=\"login\"")) {
            throw new IllegalStateException("sign-in did not take: the overview shows the sign-in form");
        }
    }

    static String get(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
