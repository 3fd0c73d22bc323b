package io.opssight.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.client.ApiClient;
import io.opssight.client.ApiException;
import io.opssight.client.api.DeploymentsApi;
import io.opssight.client.api.DoraApi;
import io.opssight.client.api.SourcesApi;
import io.opssight.client.model.DeploymentPage;
import io.opssight.client.model.DeploymentView;
import io.opssight.client.model.DoraView;
import io.opssight.client.model.NewDeployment;
import io.opssight.client.model.NewSource;
import io.opssight.client.model.Problem;
import io.opssight.client.model.SourceView;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.OpsSightServer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java client generated from the committed OpenAPI snapshot (openapi-generator, JDK HttpClient)
 * works against the live server: what a tool author would write.
 */
@DisplayName("#7 a client generated from the OpenAPI document works")
class GeneratedClientIT {

    private ApiClient client;

    @BeforeEach
    void setUp() {
        client = new ApiClient();
        client.updateBaseUri(OpsSightServer.shared().baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + OpsSightServer.ADMIN_TOKEN));
    }

    @Test
    @DisplayName("push deployments, then page through them with the cursor")
    void pushesAndPagesDeployments() throws ApiException {
        DeploymentsApi deployments = new DeploymentsApi(client);
        String service = Fixtures.unique("gen");
        List<Long> pushed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DeploymentView view = deployments.pushDeployment(null, new NewDeployment().service(service).environment("production")
                    .version("1." + i).status("success").createdAt(OffsetDateTime.parse("2026-11-0" + (i + 1) + "T10:00:00Z")));
            assertEquals(service, view.getService());
            pushed.add(view.getId());
        }

        DeploymentPage first = deployments.listDeployments(service, null, null, null, null, 2, null);
        assertEquals(2, first.getItems().size());
        assertNotNull(first.getNextCursor(), "a further page");
        DeploymentPage second = deployments.listDeployments(service, null, null, null, null, 2, first.getNextCursor());
        assertEquals(1, second.getItems().size());
        assertNull(second.getNextCursor());
        List<Long> seen = new ArrayList<>();
        first.getItems().forEach(d -> seen.add(d.getId()));
        second.getItems().forEach(d -> seen.add(d.getId()));
        assertEquals(List.of(pushed.get(2), pushed.get(1), pushed.get(0)), seen, "newest first, each once");
        assertEquals(pushed.get(0), deployments.getDeployment(pushed.get(0)).getId());
    }

    @Test
    @DisplayName("register a webhook source and read it back")
    void createsASource() throws ApiException {
        SourcesApi sources = new SourcesApi(client);
        String name = Fixtures.unique("gen-src");
        SourceView created = sources.createSource(new NewSource().kind("github").name(name).secret("generated-client-secret-1"));
        assertEquals(name, created.getName());
        assertTrue(created.getEnabled());
        SourceView read = sources.getSource(created.getId());
        assertEquals("github", read.getKind());
        assertTrue(sources.listSources().stream().anyMatch(s -> s.getId().equals(created.getId())));
        SourceView disabled = sources.disableSource(created.getId(), null);
        assertFalse(disabled.getEnabled());
    }

    @Test
    @DisplayName("read the DORA figures")
    void readsDora() throws ApiException {
        DoraView dora = new DoraApi(client).getDora(null, null, null, "2026-10-01", "2026-11-01", null);
        assertNotNull(dora.getWindow());
        assertNotNull(dora.getDeploymentFrequency());
        assertNotNull(dora.getChangeFailureRate());
    }

    @Test
    @DisplayName("bad input is an ApiException whose body is the document's Problem")
    void badInputIsAProblem() throws Exception {
        ApiException refused = assertThrows(ApiException.class,
                () -> new DeploymentsApi(client).listDeployments(null, null, null, null, null, 0, null));
        assertEquals(400, refused.getCode());
        assertTrue(refused.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertEquals(400, problem.getStatus());
        assertEquals("https://opssight.io/problems/validation", String.valueOf(problem.getType()));
        assertTrue(problem.getDetail().contains("limit"), problem::toString);

        ApiException missing = assertThrows(ApiException.class, () -> new SourcesApi(client).getSource(987654321L));
        assertEquals(404, missing.getCode());
        assertEquals("https://opssight.io/problems/not-found",
                String.valueOf(client.getObjectMapper().readValue(missing.getResponseBody(), Problem.class).getType()));
    }
}
