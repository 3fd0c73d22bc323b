package io.opssight.ingestion.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.ingestion.entity.Delivery;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.pipeline.control.PipelineRecorder;
import io.opssight.pipeline.control.RunFacts;
import io.opssight.pipeline.entity.Conclusion;
import io.opssight.pipeline.entity.PipelineRun;
import io.opssight.pipeline.entity.RunStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("#3 Jenkins Notification plugin mapping")
class JenkinsNormalizerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Nested
    @DisplayName("#3 scm.url → repository")
    class Repository {

        @ParameterizedTest(name = "#3 {0} → {1}")
        @CsvSource({
            "https://github.com/acme/shop.git, acme/shop",
            "https://github.com/acme/shop, acme/shop",
            "https://github.com/acme/shop/, acme/shop",
            "git@github.com:acme/shop.git, acme/shop",
            "github.com:acme/shop, acme/shop",
            "ssh://git@github.com/acme/shop.git, acme/shop",
            "ssh://git@github.com:22/acme/shop.git, acme/shop",
            "https://jenkins-bot:ghp_token@github.com/acme/shop.git, acme/shop",
            "https://gitlab.example.com/platform/payments/ledger.git, platform/payments/ledger",
            "https://bitbucket.example.com/scm/shop/storefront.git, shop/storefront",
            "https://github.com/acme/shop.git?ref=main, acme/shop",
        })
        void remoteUrlsNameTheRepository(String remote, String repository) {
            assertEquals(repository, JenkinsNormalizer.repositoryOf(remote));
        }

        @Test
        @DisplayName("#3 no url, local paths and a bare host name no repository")
        void nothingToName() {
            assertNull(JenkinsNormalizer.repositoryOf(null));
            assertNull(JenkinsNormalizer.repositoryOf(" "));
            assertNull(JenkinsNormalizer.repositoryOf("/srv/git/shop.git"));
            assertNull(JenkinsNormalizer.repositoryOf("file:///srv/git/shop.git"));
            assertNull(JenkinsNormalizer.repositoryOf("./shop"));
            assertNull(JenkinsNormalizer.repositoryOf("https://github.com"));
        }
    }

    @ParameterizedTest(name = "#3 GIT_BRANCH {0} → {1}")
    @CsvSource({"origin/main, main", "refs/remotes/origin/release/2.4, release/2.4", "refs/heads/main, main",
        "main, main", "origin/feature/origin/x, feature/origin/x", "upstream/main, upstream/main"})
    @DisplayName("#3 the branch loses the remote's prefix")
    void branchWithoutRemotePrefix(String gitBranch, String branch) {
        assertEquals(branch, JenkinsNormalizer.branchOf(gitBranch));
    }

    @ParameterizedTest(name = "#3 url {0}, name {1} → {2}")
    @CsvSource({"job/shop-build/, shop-build, shop-build", "job/shop/job/main/, main, shop/main",
        "job/team%20a/job/deploy/, deploy, team a/deploy", "job/c%2B%2B-lib/, c++-lib, c++-lib",
        "view/all/job/shop/, shop, shop", ", shop, shop"})
    @DisplayName("#3 the job's full name comes from its url (folders, multibranch), else its name")
    void fullName(String url, String name, String expected) {
        assertEquals(expected, JenkinsNormalizer.fullName(url, name));
    }

    @Nested
    @DisplayName("#3 phase → progress (timestamp is the phase's own time)")
    class Phases {

        @Test
        @DisplayName("#3 QUEUED is queued at the timestamp")
        void queued() {
            JenkinsNormalizer.Progress p = JenkinsNormalizer.progress("QUEUED", T0, 0, null);
            assertEquals(new JenkinsNormalizer.Progress(RunStatus.QUEUED, T0, null, null), p);
        }

        @Test
        @DisplayName("#3 STARTED is in progress, started at the timestamp")
        void started() {
            assertEquals(new JenkinsNormalizer.Progress(RunStatus.IN_PROGRESS, null, T0, null),
                    JenkinsNormalizer.progress("STARTED", T0, 0, null));
        }

        @Test
        @DisplayName("#3 COMPLETED finished at the timestamp, started duration before it")
        void completed() {
            Instant finish = T0.plusSeconds(330);
            assertEquals(new JenkinsNormalizer.Progress(RunStatus.COMPLETED, null, T0, finish),
                    JenkinsNormalizer.progress("COMPLETED", finish, 330_000, null));
        }

        @Test
        @DisplayName("#3 FINALIZED finished duration after the known start, not at its own (later) timestamp")
        void finalizedAfterStart() {
            Instant finalizedAt = T0.plusSeconds(332);
            assertEquals(new JenkinsNormalizer.Progress(RunStatus.COMPLETED, null, null, T0.plusSeconds(330)),
                    JenkinsNormalizer.progress("FINALIZED", finalizedAt, 330_000, T0));
        }

        @Test
        @DisplayName("#3 FINALIZED alone: finished at its timestamp, started duration before")
        void finalizedAlone() {
            Instant finalizedAt = T0.plusSeconds(330);
            assertEquals(new JenkinsNormalizer.Progress(RunStatus.COMPLETED, null, T0, finalizedAt),
                    JenkinsNormalizer.progress("FINALIZED", finalizedAt, 330_000, null));
        }

        @Test
        @DisplayName("#3 the manual step's NONE, unknown and missing phases are no progress")
        void notProgress() {
            assertNull(JenkinsNormalizer.progress("NONE", T0, 0, null));
            assertNull(JenkinsNormalizer.progress("PAUSED", T0, 0, null));
            assertNull(JenkinsNormalizer.progress(null, T0, 0, null));
        }

        @Test
        @DisplayName("#3 phases are read case-insensitively")
        void caseInsensitive() {
            assertEquals(RunStatus.IN_PROGRESS, JenkinsNormalizer.progress("started", T0, 0, null).status());
        }
    }

    @Test
    @DisplayName("#3 timestamps: epoch milliseconds, digits in a string, ISO-8601; zero is no time")
    void timestamps() {
        assertEquals(Instant.ofEpochMilli(1_795_000_000_123L),
                JenkinsNormalizer.timestamp(Json.createValue(1_795_000_000_123L)));
        assertEquals(Instant.ofEpochMilli(1_795_000_000_123L), JenkinsNormalizer.timestamp(Json.createValue("1795000000123")));
        assertEquals(T0, JenkinsNormalizer.timestamp(Json.createValue("2026-11-20T10:00:00+00:00")));
        assertNull(JenkinsNormalizer.timestamp(Json.createValue(0)));
        assertNull(JenkinsNormalizer.timestamp(null));
    }

    @Nested
    @DisplayName("#3 normalize")
    class Normalize {

        private final List<RunFacts> recorded = new ArrayList<>();
        private final JenkinsNormalizer normalizer = new JenkinsNormalizer();

        Normalize() {
            normalizer.pipelines = new PipelineRecorder() {
                @Override
                public PipelineRun recordRun(RunFacts f, Instant now) {
                    recorded.add(f);
                    PipelineRun run = new PipelineRun(f.origin(), f.externalId(), f.pipeline(), f.reportedAt());
                    run.times().apply(f.status(), f.conclusion(), f.queuedAt(), f.startedAt(), f.finishedAt(), f.reportedAt());
                    return run;
                }
            };
        }

        @Test
        @DisplayName("#3 a COMPLETED build maps every field the run needs")
        void completedBuild() {
            Normalized result = normalizer.normalize(delivery(), build("COMPLETED", "FAILURE", T0.plusSeconds(95).toEpochMilli(), 95_000,
                    "https://github.com/acme/shop.git"), Instant.now());

            assertTrue(result.modelled(), result::note);
            RunFacts f = recorded.get(0);
            assertEquals("shop/main#42", f.externalId());
            assertEquals("shop/main", f.pipeline());
            assertEquals("acme/shop", f.repository());
            assertEquals("shop", f.repositoryName());
            assertEquals("main", f.branch());
            assertEquals("8d3c0fe8d5a1b2c4e6f708192a3b4c5d6e7f8091", f.sha());
            assertEquals(42L, f.runNumber());
            assertEquals("https://ci.example.com/job/shop/job/main/42/", f.url());
            assertEquals(RunStatus.COMPLETED, f.status());
            assertEquals(Conclusion.FAILURE, f.conclusion());
            assertEquals(T0, f.startedAt());
            assertEquals(T0.plusSeconds(95), f.finishedAt());
            assertTrue(f.origin().startsWith("jenkins:"));
        }

        @Test
        @DisplayName("#3 without scm.url the repository stays null and the job names the service")
        void noScm() {
            normalizer.normalize(delivery(), build("STARTED", null, T0.toEpochMilli(), 0, null), Instant.now());

            RunFacts f = recorded.get(0);
            assertNull(f.repository());
            assertEquals("shop/main", f.repositoryName());
            assertEquals(RunStatus.IN_PROGRESS, f.status());
            assertNull(f.conclusion(), "a running build has no conclusion");
        }

        @Test
        @DisplayName("#3 the NONE phase is stored, not modelled")
        void nonePhaseIgnored() {
            Normalized result = normalizer.normalize(delivery(), build("NONE", null, T0.toEpochMilli(), 0, null), Instant.now());

            assertFalse(result.modelled());
            assertTrue(result.note().contains("NONE"), result::note);
            assertTrue(recorded.isEmpty());
        }

        @Test
        @DisplayName("#3 a notification without a build number is a dead letter")
        void withoutNumber() {
            JsonObject payload = Json.createObjectBuilder().add("name", "shop").add("url", "job/shop/")
                    .add("build", Json.createObjectBuilder().add("phase", "STARTED")).build();

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> normalizer.normalize(delivery(), payload, Instant.now()));
            assertTrue(e.getMessage().contains("build.number"));
        }
    }

    static Delivery delivery() {
        return new Delivery(Deliveries.source(SourceKind.JENKINS), "sha256:x", null, Instant.now(), "{}", new byte[0]);
    }

    static JsonObject build(String phase, String status, long timestamp, long duration, String scmUrl) {
        var scm = Json.createObjectBuilder();
        if (scmUrl != null) {
            scm.add("url", scmUrl).add("branch", "main").add("commit", "8d3c0fe8d5a1b2c4e6f708192a3b4c5d6e7f8091");
        }
        scm.add("changes", Json.createArrayBuilder()).add("culprits", Json.createArrayBuilder());
        var build = Json.createObjectBuilder().add("full_url", "https://ci.example.com/job/shop/job/main/42/").add("number", 42)
                .add("queue_id", 1187).add("timestamp", timestamp).add("duration", duration).add("phase", phase);
        if (status != null) {
            build.add("status", status);
        }
        build.add("url", "job/shop/job/main/42/").add("scm", scm).add("log", "").add("artifacts", Json.createObjectBuilder());
        return Json.createObjectBuilder().add("name", "main").add("display_name", "main").add("url", "job/shop/job/main/")
                .add("build", build).build();
    }
}
