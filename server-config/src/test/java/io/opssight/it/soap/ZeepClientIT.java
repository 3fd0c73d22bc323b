package io.opssight.it.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A SOAP client nobody here wrote: Debian's python3-zeep reads the WSDL the running server
 * publishes and calls every operation (src/test/resources/soap/zeep_client.py). .ci/run installs
 * python3-zeep when it is missing.
 */
@DisplayName("#7 SOAP DeliveryService v1 with python3-zeep")
class ZeepClientIT {

    private static final String PYTHON = "/usr/bin/python3";

    @Test
    @DisplayName("#7 zeep reads the published WSDL and calls every operation; faults carry their codes")
    void zeepCallsEveryOperation() throws Exception {
        OpsSightServer server = OpsSightServer.shared();
        Http http = server.http();
        String writer = Fixtures.token(http, "deployments:write", "incidents:write");
        String reader = Fixtures.token(http, "deployments:read", "dora:read");
        String service = Fixtures.unique("zeep");

        JsonObject result = run(server.baseUrl(), writer, reader, service);

        assertEquals(Json.createArrayBuilder(List.of("getDoraFigures", "queryDeployments", "recordDeployment",
                "recordIncident", "resolveIncident")).build(), result.getJsonArray("operations"));
        JsonObject recorded = result.getJsonObject("recordDeployment");
        assertEquals("created", recorded.getString("outcome"));
        assertEquals(300, recorded.getInt("durationSeconds"));
        long deploymentId = recorded.getJsonNumber("id").longValue();
        Http.Answer rest = http.get("/api/v1/deployments/" + deploymentId, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, rest.status(), rest::toString);
        assertEquals(service, rest.json().getString("service"));
        assertEquals("zeep-1", rest.json().getString("version"));

        JsonObject incident = result.getJsonObject("recordIncident");
        assertEquals("created", incident.getString("outcome"));
        assertEquals("triggered", incident.getString("status"));
        assertEquals(deploymentId, incident.getJsonNumber("causedByDeploymentId").longValue());
        assertEquals("resolved", result.getJsonObject("resolveIncident").getString("status"));
        assertEquals(3600, result.getJsonObject("resolveIncident").getInt("timeToRestoreSeconds"));
        Http.Answer incidentRest = http.get("/api/v1/incidents/" + incident.getJsonNumber("id").longValue(),
                OpsSightServer.ADMIN_TOKEN);
        assertEquals("resolved", incidentRest.json().getString("status"), incidentRest::toString);

        JsonObject pages = result.getJsonObject("queryDeployments");
        assertEquals(Json.createArrayBuilder(List.of("zeep-2")).build(), pages.getJsonArray("first"), "newest first");
        assertTrue(pages.getBoolean("hasCursor"));
        assertEquals(Json.createArrayBuilder(List.of("zeep-1")).build(), pages.getJsonArray("second"));
        assertTrue(pages.isNull("secondCursor"), "the last page has no cursor");

        JsonObject dora = result.getJsonObject("getDoraFigures");
        assertEquals(2, dora.getInt("deployments"));
        assertEquals(1, dora.getInt("failedDeployments"), "the first deployment caused the incident");
        assertEquals("2023", dora.getString("benchmark"));

        assertFault(result, "missingService", "VALIDATION", "service is required");
        assertFault(result, "badWindow", "VALIDATION", "must be before");
        assertFault(result, "unknownTeam", "VALIDATION", "Unknown team 'no-such-team-zeep'");
        assertFault(result, "forbidden", "FORBIDDEN", "incidents:write");
        assertFault(result, "anonymous", "UNAUTHENTICATED", "Authorization: Bearer");
    }

    private static void assertFault(JsonObject result, String call, String code, String message) {
        JsonObject fault = result.getJsonObject(call);
        assertNotNull(fault, call);
        assertEquals(code, fault.isNull("fault") ? null : fault.getString("fault"), () -> call + ": " + fault);
        assertTrue(fault.getString("message").contains(message), () -> call + ": " + fault);
    }

    private static JsonObject run(String baseUrl, String writer, String reader, String service)
            throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), "needs Debian's python3 with python3-zeep (.ci/run installs it)");
        Path script = Files.createTempFile("zeep_client", ".py");
        try (InputStream in = ZeepClientIT.class.getResourceAsStream("/soap/zeep_client.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            Process process = new ProcessBuilder(PYTHON, script.toString(), baseUrl, writer, reader, service)
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            boolean done = process.waitFor(120, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                process.destroyForcibly();
            }
            assertTrue(done, () -> "zeep did not finish within 120 s: " + output);
            assertEquals(0, process.exitValue(), () -> "zeep failed: " + output);
            String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no RESULT line from zeep: " + output));
            try (JsonReader json = Json.createReader(new StringReader(line.substring("RESULT ".length())))) {
                return json.readObject();
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
