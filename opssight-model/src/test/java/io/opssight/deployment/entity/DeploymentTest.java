package io.opssight.deployment.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.catalog.entity.Environment;
import io.opssight.catalog.entity.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("#2 Deployment: which reported status wins, and when it started and finished")
class DeploymentTest {

    private static final AtomicLong IDS = new AtomicLong();
    private static final Instant CREATED = Instant.parse("2026-11-20T10:00:00Z");

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-11-20T" + hhmmss + "Z");
    }

    /** A fresh deployment with its own natural key, created at 10:00:00. */
    private static Deployment deployment(boolean production) {
        long n = IDS.incrementAndGet();
        return new Deployment("github:acme", "dep-" + n, new Service("shop-" + n, "acme/shop-" + n, CREATED),
                new Environment(production ? "production" : "staging", production), CREATED);
    }

    private static Deployment deployment() {
        return deployment(true);
    }

    @Test
    @DisplayName("#2 a new deployment is pending, not started, not finished")
    void newDeploymentIsPendingWithoutStartOrFinish() {
        Deployment d = deployment();

        assertEquals(DeploymentStatus.PENDING, d.getStatus());
        assertEquals(CREATED, d.getStatusAt());
        assertNull(d.getStartedAt());
        assertNull(d.getFinishedAt());
        assertNull(d.duration());
    }

    @Nested
    @DisplayName("#2 statuses in order")
    class InOrder {

        @Test
        @DisplayName("#2 queued, in_progress, success: ends successful with start and finish times")
        void inOrderStatusesEndInTheLastOne() {
            Deployment d = deployment();

            assertTrue(d.applyStatus(DeploymentStatus.QUEUED, at("10:00:30"), 1));
            assertTrue(d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:01:00"), 2));
            assertTrue(d.applyStatus(DeploymentStatus.SUCCESS, at("10:06:30"), 3));

            assertEquals(DeploymentStatus.SUCCESS, d.getStatus());
            assertEquals(at("10:06:30"), d.getStatusAt());
            assertEquals(at("10:01:00"), d.getStartedAt());
            assertEquals(at("10:06:30"), d.getFinishedAt());
            assertEquals(Duration.ofSeconds(330), d.duration());
        }

        @Test
        @DisplayName("#2 a status at the creation time itself is applied")
        void statusAtCreationTimeIsApplied() {
            Deployment d = deployment();

            assertTrue(d.applyStatus(DeploymentStatus.QUEUED, CREATED, 0));

            assertEquals(DeploymentStatus.QUEUED, d.getStatus());
        }

        @Test
        @DisplayName("#2 the same status delivered twice changes nothing the second time")
        void redeliveredStatusChangesNothing() {
            Deployment d = deployment();
            assertTrue(d.applyStatus(DeploymentStatus.SUCCESS, at("10:05:00"), 7));

            assertFalse(d.applyStatus(DeploymentStatus.SUCCESS, at("10:05:00"), 7));
            assertEquals(DeploymentStatus.SUCCESS, d.getStatus());
            assertEquals(at("10:05:00"), d.getFinishedAt());
        }
    }

    @Nested
    @DisplayName("#2 statuses out of order")
    class OutOfOrder {

        @Test
        @DisplayName("#2 an older in_progress after a failure keeps the failure but records the start")
        void olderInProgressAfterFinalKeepsOutcomeAndRecordsStart() {
            Deployment d = deployment(false);
            d.applyStatus(DeploymentStatus.FAILURE, at("10:10:00"), 20);

            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:02:00"), 10);

            assertEquals(DeploymentStatus.FAILURE, d.getStatus());
            assertEquals(at("10:10:00"), d.getStatusAt());
            assertEquals(at("10:02:00"), d.getStartedAt());
            assertEquals(at("10:10:00"), d.getFinishedAt());
            assertEquals(Duration.ofMinutes(8), d.duration());
        }

        @Test
        @DisplayName("#2 an older queued after in_progress is ignored")
        void olderStatusIsIgnored() {
            Deployment d = deployment();
            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:03:00"), 2);

            assertFalse(d.applyStatus(DeploymentStatus.QUEUED, at("10:01:00"), 1));

            assertEquals(DeploymentStatus.IN_PROGRESS, d.getStatus());
            assertEquals(at("10:03:00"), d.getStatusAt());
        }

        @Test
        @DisplayName("#2 a status older than the creation time is ignored")
        void statusBeforeCreationIsIgnored() {
            Deployment d = deployment();

            assertFalse(d.applyStatus(DeploymentStatus.ERROR, CREATED.minusSeconds(1), 99));

            assertEquals(DeploymentStatus.PENDING, d.getStatus());
            assertNull(d.getFinishedAt());
        }
    }

    @Nested
    @DisplayName("#2 statuses with the same timestamp")
    class SameTimestamp {

        @Test
        @DisplayName("#2 the higher status id wins whichever arrives first")
        void higherSeqWinsRegardlessOfArrival() {
            Deployment inOrder = deployment();
            inOrder.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:05:00"), 100);
            inOrder.applyStatus(DeploymentStatus.SUCCESS, at("10:05:00"), 101);

            Deployment reversed = deployment();
            reversed.applyStatus(DeploymentStatus.SUCCESS, at("10:05:00"), 101);
            boolean changed = reversed.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:05:00"), 100);

            assertEquals(DeploymentStatus.SUCCESS, inOrder.getStatus());
            assertEquals(DeploymentStatus.SUCCESS, reversed.getStatus());
            assertTrue(changed, "the start time is new information, though the status is not newer");
            assertEquals(at("10:05:00"), reversed.getStartedAt());
            assertEquals(at("10:05:00"), reversed.getFinishedAt());
        }

        @Test
        @DisplayName("#2 an equal status id at the same time is not newer")
        void equalSeqAtSameTimeIsNotApplied() {
            Deployment d = deployment();
            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:05:00"), 5);

            assertFalse(d.applyStatus(DeploymentStatus.ERROR, at("10:05:00"), 5));

            assertEquals(DeploymentStatus.IN_PROGRESS, d.getStatus());
        }
    }

    @Nested
    @DisplayName("#2 inactive")
    class Inactive {

        @Test
        @DisplayName("#2 a later inactive never replaces success: it still counts as a successful production deployment")
        void laterInactiveDoesNotReplaceSuccess() {
            Deployment d = deployment(true);
            d.applyStatus(DeploymentStatus.SUCCESS, at("10:05:00"), 1);

            assertFalse(d.applyStatus(DeploymentStatus.INACTIVE, at("12:00:00"), 2));

            assertEquals(DeploymentStatus.SUCCESS, d.getStatus());
            assertEquals(at("10:05:00"), d.getFinishedAt());
            assertTrue(d.isSuccessfulProduction());
        }

        @Test
        @DisplayName("#2 a later inactive never replaces failure or error")
        void laterInactiveDoesNotReplaceFailureOrError() {
            Deployment failed = deployment();
            failed.applyStatus(DeploymentStatus.FAILURE, at("10:05:00"), 1);
            Deployment errored = deployment();
            errored.applyStatus(DeploymentStatus.ERROR, at("10:05:00"), 1);

            failed.applyStatus(DeploymentStatus.INACTIVE, at("12:00:00"), 2);
            errored.applyStatus(DeploymentStatus.INACTIVE, at("12:00:00"), 2);

            assertEquals(DeploymentStatus.FAILURE, failed.getStatus());
            assertEquals(DeploymentStatus.ERROR, errored.getStatus());
        }

        @Test
        @DisplayName("#2 a success delivered after a newer inactive still counts, with its own finish time")
        void successArrivingAfterNewerInactiveStillCounts() {
            Deployment d = deployment(true);
            d.applyStatus(DeploymentStatus.INACTIVE, at("11:00:00"), 2);

            assertTrue(d.applyStatus(DeploymentStatus.SUCCESS, at("10:03:00"), 1));

            assertEquals(DeploymentStatus.SUCCESS, d.getStatus());
            assertEquals(at("10:03:00"), d.getFinishedAt());
            assertTrue(d.isSuccessfulProduction());
        }

        @Test
        @DisplayName("#2 inactive replaces a status that is not a final outcome, and finishes nothing")
        void inactiveReplacesNonFinalStatus() {
            Deployment d = deployment();
            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:01:00"), 1);

            assertTrue(d.applyStatus(DeploymentStatus.INACTIVE, at("10:30:00"), 2));

            assertEquals(DeploymentStatus.INACTIVE, d.getStatus());
            assertNull(d.getFinishedAt());
            assertNull(d.duration());
        }
    }

    @Nested
    @DisplayName("#2 start and finish times")
    class Times {

        @Test
        @DisplayName("#2 startedAt is the earliest in_progress, whatever the arrival order")
        void startedAtIsEarliestInProgress() {
            Deployment d = deployment();
            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:03:00"), 3);
            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:01:00"), 1);
            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:02:00"), 2);

            assertEquals(at("10:01:00"), d.getStartedAt());
        }

        @Test
        @DisplayName("#2 statuses other than in_progress do not set startedAt")
        void otherStatusesDoNotStart() {
            Deployment d = deployment();
            d.applyStatus(DeploymentStatus.QUEUED, at("10:01:00"), 1);
            d.applyStatus(DeploymentStatus.PENDING, at("10:02:00"), 2);
            d.applyStatus(DeploymentStatus.SUCCESS, at("10:04:00"), 3);

            assertNull(d.getStartedAt());
        }

        @Test
        @DisplayName("#2 a newer non-final status after a final one clears finishedAt (a re-run)")
        void newerNonFinalClearsFinishedAt() {
            Deployment d = deployment();
            d.applyStatus(DeploymentStatus.FAILURE, at("10:05:00"), 1);

            assertTrue(d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:20:00"), 2));

            assertEquals(DeploymentStatus.IN_PROGRESS, d.getStatus());
            assertNull(d.getFinishedAt());
            assertNull(d.duration());
        }

        @Test
        @DisplayName("#2 a newer final outcome moves finishedAt to its time")
        void newerFinalMovesFinishedAt() {
            Deployment d = deployment();
            d.applyStatus(DeploymentStatus.FAILURE, at("10:05:00"), 1);
            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:20:00"), 2);
            d.applyStatus(DeploymentStatus.SUCCESS, at("10:25:00"), 3);

            assertEquals(DeploymentStatus.SUCCESS, d.getStatus());
            assertEquals(at("10:25:00"), d.getFinishedAt());
        }

        @Test
        @DisplayName("#2 without an in_progress, duration counts from creation")
        void durationFromCreationWithoutStart() {
            Deployment d = deployment();

            d.applyStatus(DeploymentStatus.SUCCESS, at("10:02:15"), 1);

            assertEquals(Duration.ofSeconds(135), d.duration());
        }

        @Test
        @DisplayName("#2 a start reported at the same time as the outcome gives a zero duration, never a negative one")
        void durationIsZeroWhenStartCoincidesWithFinish() {
            Deployment d = deployment();
            d.applyStatus(DeploymentStatus.SUCCESS, at("10:04:00"), 2);

            d.applyStatus(DeploymentStatus.IN_PROGRESS, at("10:04:00"), 1);

            assertEquals(DeploymentStatus.SUCCESS, d.getStatus());
            assertEquals(at("10:04:00"), d.getStartedAt());
            assertEquals(Duration.ZERO, d.duration());
        }
    }

    @Test
    @DisplayName("#2 only a successful deployment to a production environment counts for DORA")
    void successfulProductionOnlyForProductionSuccess() {
        Deployment prodSuccess = deployment(true);
        prodSuccess.applyStatus(DeploymentStatus.SUCCESS, at("10:05:00"), 1);
        Deployment stagingSuccess = deployment(false);
        stagingSuccess.applyStatus(DeploymentStatus.SUCCESS, at("10:05:00"), 1);
        Deployment prodFailure = deployment(true);
        prodFailure.applyStatus(DeploymentStatus.FAILURE, at("10:05:00"), 1);

        assertTrue(prodSuccess.isSuccessfulProduction());
        assertFalse(stagingSuccess.isSuccessfulProduction());
        assertFalse(prodFailure.isSuccessfulProduction());
    }

    @Test
    @DisplayName("#2 describe keeps known facts and names the version after the short sha when none is given")
    void describeUsesShortShaAsVersion() {
        Deployment d = deployment();

        d.describe("0123456789abcdef0123", "main", null, "octocat", "https://ci/1", "deploy");
        d.describe(null, null, null, null, null, null);

        assertEquals("0123456789ab", d.getVersion());
        assertEquals("0123456789abcdef0123", d.getSha());
        assertEquals("main", d.getRef());
        assertEquals("octocat", d.getCreator());

        d.describe(null, null, "v1.4.2", null, null, null);
        assertEquals("v1.4.2", d.getVersion());
    }
}
