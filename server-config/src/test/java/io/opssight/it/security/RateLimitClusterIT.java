package io.opssight.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import io.opssight.it.support.TestPostgres;
import io.opssight.it.support.Waits;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two OpsSight replicas on one database, joined in one Payara data grid (a cluster name of their
 * own, TCP/IP discovery on 127.0.0.1): a token's limit is one count for both, so requests split
 * across them are refused once the shared count passes the limit.
 */
@DisplayName("#5 abuse limits shared across replicas")
class RateLimitClusterIT {

    private static OpsSightServer a;
    private static OpsSightServer b;

    @BeforeAll
    static void start() {
        String db = TestPostgres.createDatabase("ratecluster");
        String cluster = "opssight-it-" + UUID.randomUUID().toString().substring(0, 8);
        int portA = freePort();
        int portB = freePort();
        String members = "tcpip:127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        a = OpsSightServer.start("grid-a", db, environment(db, cluster, members, portA));
        b = OpsSightServer.start("grid-b", db, environment(db, cluster, members, portB));
        a.awaitReady(Duration.ofSeconds(300));
        b.awaitReady(Duration.ofSeconds(300));
        awaitGridOfTwo(Duration.ofSeconds(120));
    }

    private static Map<String, String> environment(String db, String cluster, String members, int gridPort) {
        Map<String, String> env = OpsSightServer.postgresEnvironment(db);
        env.put("OPSSIGHT_MICRO_ARGS", "--clustername " + cluster + " --clustermode " + members + " --startport " + gridPort
                + " --interfaces 127.0.0.1 --hzpublicaddress 127.0.0.1 --nohostaware");
        env.put("OPSSIGHT_RATELIMIT_PER_TOKEN_PER_MINUTE", "10");
        return env;
    }

    /** Both replicas report a data grid of two members (Payara logs "DG Size: 2" when one joins). */
    private static void awaitGridOfTwo(Duration timeout) {
        Waits.await("the two replicas did not form one data grid; see " + a.log() + " and " + b.log(), timeout, Duration.ofMillis(500))
                .until(() -> logged(a, "DG Size: 2") && logged(b, "DG Size: 2"));
    }

    private static boolean logged(OpsSightServer server, String text) {
        try {
            return Files.readString(server.log()).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    @Test
    void requestsSplitAcrossReplicasShareOneCount() {
        Http onA = a.http();
        Http onB = b.http();
        String token = Fixtures.token(onA, "deployments:read");
        RateWindows.awaitRoomInWindow();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add((i % 2 == 0 ? onA : onB).get("/api/v1/deployments", token).status());
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429, 429), statuses,
                "6 requests on each replica, limit 10 per minute in all");
        assertEquals(429, onA.get("/api/v1/deployments", token).status());
        assertEquals(429, onB.get("/api/v1/deployments", token).status());
        String other = Fixtures.token(onB, "deployments:read");
        assertTrue(onA.get("/api/v1/deployments", other).status() == 200, "another token is not limited");
    }
}
