package io.opssight.it.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.JenkinsHooks;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.HashMap;

/** Jenkins Notification plugin deliveries through the runnable jar into pipeline_run. */
@DisplayName("#3 Jenkins Notification plugin ingestion")
class JenkinsIngestIT {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00.250Z");

    private OpsSightServer server;
    private Http http;
    private Fixtures.Source source;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
        source = Fixtures.source(http, "jenkins");
    }

    @Test
    @DisplayName("#3 the four phases of a build become one completed run with queue, start and finish times")
    void phasesBecomeOneRun() {
        String repo = Fixtures.unique("shop");
        JenkinsHooks.Build b = JenkinsHooks.build(new String[] {repo + "-build"}, 57, START.toEpochMilli(), 330_500,
                "https://github.com/acme/" + repo + ".git", "origin/main", "9fceb02d0ae598e95dc970b74767f19372d61af8");

        for (String phase : List.of("QUEUED", "STARTED", "COMPLETED", "FINALIZED")) {
            Http.Answer answer = deliver(JenkinsHooks.phase(b, phase, "SUCCESS", 12_000));
            assertEquals(202, answer.status(), () -> phase + ": " + answer);
        }

        Rows.Row run = onlyRun(repo + "-build#57");
        assertEquals(repo + "-build", run.string("pipeline"));
        assertEquals("acme/" + repo, run.string("repository"));
        assertEquals("main", run.string("branch"));
        assertEquals("9fceb02d0ae598e95dc970b74767f19372d61af8", run.string("sha"));
        assertEquals(57L, run.number("run_number"));
        assertEquals("https://ci.example.com/job/" + repo + "-build/57/", run.string("url"));
        assertEquals("COMPLETED", run.string("status"));
        assertEquals("SUCCESS", run.string("conclusion"));
        assertEquals(START.minusSeconds(12), run.instant("queued_at"));
        assertEquals(START, run.instant("started_at"));
        assertEquals(START.plusMillis(330_500), run.instant("finished_at"), "finish = start + duration, not the finalisation time");
        assertEquals(repo, run.string("service"), "the service is the repository's");
        assertEquals("acme/" + repo, run.string("service_repository"));
    }

    @Test
    @DisplayName("#3 phases arriving out of order end in the same run")
    void outOfOrder() {
        String job = Fixtures.unique("billing");
        JenkinsHooks.Build b = JenkinsHooks.build(new String[] {job}, 8, START.toEpochMilli(), 95_000,
                "git@github.com:acme/" + job + ".git", "origin/release/2.4", "1d3f5a7c9e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f");

        deliver(JenkinsHooks.phase(b, "COMPLETED", "UNSTABLE", 0));
        deliver(JenkinsHooks.phase(b, "STARTED", null, 0));

        Rows.Row run = onlyRun(job + "#8");
        assertEquals("COMPLETED", run.string("status"), "a late STARTED does not reopen a completed build");
        assertEquals("FAILURE", run.string("conclusion"), "UNSTABLE (test failures) counts as a failure");
        assertEquals(START, run.instant("started_at"));
        assertEquals(START.plusSeconds(95), run.instant("finished_at"));
        assertEquals("release/2.4", run.string("branch"));
        assertEquals("acme/" + job, run.string("repository"));
    }

    @Test
    @DisplayName("#3 a job without SCM has no repository and names its service itself")
    void jobWithoutScm() {
        String job = Fixtures.unique("deploy-prod");
        JenkinsHooks.Build b = JenkinsHooks.build(new String[] {job}, 3, START.toEpochMilli(), 41_000, null, null, null);

        deliver(JenkinsHooks.phase(b, "STARTED", null, 0));
        Http.Answer completed = deliver(JenkinsHooks.phase(b, "COMPLETED", "ABORTED", 0));

        assertEquals(202, completed.status(), completed::toString);
        Rows.Row run = onlyRun(job + "#3");
        assertNull(run.get("repository"));
        assertNull(run.get("sha"));
        assertEquals(job, run.string("service"));
        assertNull(run.get("service_repository"));
        assertEquals("CANCELLED", run.string("conclusion"));
    }

    @Test
    @DisplayName("#3 multibranch: branch jobs of different projects with the same name and number stay apart")
    void multibranchJobsStayApart() {
        String shop = Fixtures.unique("shop");
        String billing = Fixtures.unique("billing");
        for (String project : List.of(shop, billing)) {
            JenkinsHooks.Build b = JenkinsHooks.build(new String[] {project, "main"}, 1, START.toEpochMilli(), 60_000,
                    "https://github.com/acme/" + project + ".git", "main", "c0ffee0000000000000000000000000000000000");
            assertEquals(202, deliver(JenkinsHooks.phase(b, "COMPLETED", "SUCCESS", 0)).status());
        }

        assertEquals("acme/" + shop, onlyRun(shop + "/main#1").string("repository"));
        assertEquals("acme/" + billing, onlyRun(billing + "/main#1").string("repository"));
    }

    @Test
    @DisplayName("#3 the plugin's retry of the same phase is a duplicate (content hash), stored once")
    void retryIsDuplicate() {
        String job = Fixtures.unique("search");
        JenkinsHooks.Build b = JenkinsHooks.build(new String[] {job}, 12, START.toEpochMilli(), 20_000,
                "https://github.com/acme/" + job + ".git", "origin/main", "aaaabbbbccccddddeeeeffff0000111122223333");
        byte[] body = JenkinsHooks.phase(b, "COMPLETED", "SUCCESS", 0);

        Http.Answer first = deliver(body);
        Http.Answer retry = deliver(body);

        assertEquals(202, first.status(), first::toString);
        assertEquals(200, retry.status(), retry::toString);
        assertEquals("duplicate", retry.json().getString("status"));
        assertEquals(1, Rows.deliveriesOf(server, source));
        onlyRun(job + "#12");
    }

    @Test
    @DisplayName("#3 Basic with the wrong password or no credentials is 401 and stores nothing; Bearer works too")
    void authentication() {
        String job = Fixtures.unique("auth");
        JenkinsHooks.Build b = JenkinsHooks.build(new String[] {job}, 1, START.toEpochMilli(), 1_000, null, null, null);
        byte[] body = JenkinsHooks.phase(b, "STARTED", null, 0);

        Http.Answer wrong = http.postRaw(source.ingestPath(), JenkinsHooks.headers("jenkins", "not-the-secret"), body);
        Map<String, String> anonymous = new HashMap<>(JenkinsHooks.headers("jenkins", source.secret()));
        anonymous.remove("Authorization");
        Http.Answer none = http.postRaw(source.ingestPath(), anonymous, body);

        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals(401, none.status(), none::toString);
        assertEquals("application/problem+json", wrong.contentType());
        assertEquals(0, Rows.deliveriesOf(server, source));
        assertEquals(0, Rows.query(server, "select id from pipeline_run where origin = ?", "jenkins:" + source.name()).size());

        Map<String, String> bearer = new HashMap<>(anonymous);
        bearer.put("Authorization", "Bearer " + source.secret());
        assertEquals(202, http.postRaw(source.ingestPath(), bearer, body).status());
    }

    private Http.Answer deliver(byte[] body) {
        return http.postRaw(source.ingestPath(), JenkinsHooks.headers("jenkins", source.secret()), body);
    }

    private Rows.Row onlyRun(String externalId) {
        return Rows.only(server, "select r.*, s.name as service, s.repository as service_repository from pipeline_run r "
                + "left join service s on s.id = r.service_id where r.origin = ? and r.external_id = ?",
                "jenkins:" + source.name(), externalId);
    }
}
