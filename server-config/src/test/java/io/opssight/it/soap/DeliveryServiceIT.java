package io.opssight.it.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.it.soap.client.Delivery;
import io.opssight.it.soap.client.DeliveryFault;
import io.opssight.it.soap.client.DeliveryService;
import io.opssight.it.soap.client.Deployment;
import io.opssight.it.soap.client.DeploymentFilter;
import io.opssight.it.soap.client.DeploymentPage;
import io.opssight.it.soap.client.DeploymentRecorded;
import io.opssight.it.soap.client.DoraFigures;
import io.opssight.it.soap.client.DoraFilter;
import io.opssight.it.soap.client.IncidentRecorded;
import io.opssight.it.soap.client.IncidentResolution;
import io.opssight.it.soap.client.NewDeployment;
import io.opssight.it.soap.client.NewIncident;
import io.opssight.it.soap.client.Outcome;
import io.opssight.it.support.Fixtures;
import io.opssight.it.support.Http;
import io.opssight.it.support.OpsSightServer;
import jakarta.json.JsonObject;
import jakarta.jws.WebMethod;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The SOAP service end to end with a Java client generated (wsimport) from the committed WSDL, as
 * enterprise tooling would make one: every operation, its effect seen through the REST API,
 * paging, faults for bad input, authentication and permissions, and the XML hardening.
 */
@DisplayName("#7 SOAP DeliveryService v1 with a generated JAX-WS client")
class DeliveryServiceIT {

    static final String NS = "urn:opssight:soap:v1";
    static final String PATH = "/soap/v1/DeliveryService";
    static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";

    private OpsSightServer server;
    private Http http;

    @BeforeEach
    void setUp() {
        server = OpsSightServer.shared();
        http = server.http();
    }

    // ---- contract ----------------------------------------------------------------------------

    @Test
    @DisplayName("#7 the published WSDL is public and is the committed contract: same namespace, operations and types")
    void publishedWsdlIsTheCommittedContract() throws Exception {
        Http.Answer published = http.get(PATH + "?wsdl");
        assertEquals(200, published.status(), published::toString);
        Document live = parse(published.body());
        Document committed = parse(Files.readString(Path.of(System.getProperty("opssight.it.wsdl"))));

        assertEquals(NS, live.getDocumentElement().getAttribute("targetNamespace"));
        assertEquals(committed.getDocumentElement().getAttribute("targetNamespace"),
                live.getDocumentElement().getAttribute("targetNamespace"));
        Set<String> operations = names(live, WSDL_NS, "operation");
        assertEquals(Set.of("recordDeployment", "queryDeployments", "recordIncident", "resolveIncident", "getDoraFigures"),
                operations);
        assertEquals(names(committed, WSDL_NS, "operation"), operations);
        assertEquals(names(committed, "http://www.w3.org/2001/XMLSchema", "complexType"),
                names(live, "http://www.w3.org/2001/XMLSchema", "complexType"));

        Set<String> generated = Arrays.stream(Delivery.class.getMethods()).filter(m -> m.isAnnotationPresent(WebMethod.class))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(operations), generated, "the generated client knows every published operation");
        assertEquals(NS, Delivery.class.getAnnotation(WebService.class).targetNamespace());

        Element address = (Element) live.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/soap/", "address").item(0);
        assertTrue(address.getAttribute("location").endsWith(PATH), address.getAttribute("location"));
    }

    @Test
    @DisplayName("#7 only the contract is public: other GETs are 404, other methods 405")
    void onlyTheContractIsPublic() {
        assertEquals(404, http.get(PATH).status());
        assertEquals(404, http.get(PATH + "?tester").status());
        assertEquals(405, http.delete(PATH, OpsSightServer.ADMIN_TOKEN).status());
    }

    // ---- operations --------------------------------------------------------------------------

    @Test
    @DisplayName("#7 recordDeployment records through the push path; REST lists the same deployment; a retry is 'repeated'")
    void recordDeployment() throws Exception {
        String tokenName = Fixtures.unique("servicenow");
        String writer = token(tokenName, "deployments:write");
        String service = Fixtures.unique("billing");
        Delivery port = port(writer);

        NewDeployment in = new NewDeployment();
        in.setService(service);
        in.setEnvironment("production");
        in.setVersion("2026.11.1");
        in.setStatus("success");
        in.setStartedAt(time("2026-03-02T09:58:40Z"));
        in.setFinishedAt(time("2026-03-02T10:04:12Z"));
        in.setCreator("change-42");
        in.setIdempotencyKey(UUID.randomUUID().toString());
        DeploymentRecorded recorded = port.recordDeployment(in);

        assertEquals(Outcome.CREATED, recorded.getOutcome());
        Deployment d = recorded.getDeployment();
        assertEquals(service, d.getService());
        assertTrue(d.isProduction());
        assertEquals(332L, d.getDurationSeconds());
        assertEquals("push:" + tokenName, d.getOrigin());

        Http.Answer listed = http.get("/api/v1/deployments?service=" + service, token(Fixtures.unique("reader"), "deployments:read"));
        assertEquals(200, listed.status(), listed::toString);
        List<JsonObject> items = listed.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, items.size(), listed::toString);
        assertEquals(d.getId(), items.get(0).getJsonNumber("id").longValue());
        assertEquals("2026.11.1", items.get(0).getString("version"));
        assertEquals("2026-03-02T10:04:12Z", items.get(0).getString("finishedAt"));

        DeploymentRecorded again = port.recordDeployment(in);
        assertEquals(Outcome.REPEATED, again.getOutcome());
        assertEquals(d.getId(), again.getDeployment().getId());
    }

    @Test
    @DisplayName("#7 queryDeployments filters by service, environment and window and pages newest first with a cursor")
    void queryDeploymentsPages() throws Exception {
        String service = Fixtures.unique("search");
        Delivery writer = port(token(Fixtures.unique("cmdb"), "deployments:write"));
        for (String at : List.of("2026-04-01T10:00:00Z", "2026-04-02T10:00:00Z", "2026-04-03T10:00:00Z")) {
            writer.recordDeployment(deployment(service, "staging", at));
        }
        writer.recordDeployment(deployment(service, "production", "2026-04-02T12:00:00Z"));
        Delivery reader = port(token(Fixtures.unique("reader"), "deployments:read"));

        DeploymentFilter filter = new DeploymentFilter();
        filter.setService(service);
        filter.setEnvironment("staging");
        filter.setLimit(2);
        DeploymentPage first = reader.queryDeployments(filter);
        assertEquals(List.of("2026-04-03T10:00:00Z", "2026-04-02T10:00:00Z"), created(first));
        assertNotNull(first.getNextCursor());
        filter.setCursor(first.getNextCursor());
        DeploymentPage second = reader.queryDeployments(filter);
        assertEquals(List.of("2026-04-01T10:00:00Z"), created(second));
        assertNull(second.getNextCursor(), "the last page has no cursor");

        DeploymentFilter window = new DeploymentFilter();
        window.setService(service);
        window.setFrom(time("2026-04-02T00:00:00Z"));
        window.setTo(time("2026-04-03T00:00:00Z"));
        assertEquals(List.of("2026-04-02T12:00:00Z", "2026-04-02T10:00:00Z"), created(reader.queryDeployments(window)),
                "from is inclusive, to exclusive, both environments");
    }

    @Test
    @DisplayName("#7 recordIncident links the named deployment and resolveIncident resolves it; REST shows both")
    void recordAndResolveIncident() throws Exception {
        String service = Fixtures.unique("payments");
        Deployment cause = port(token(Fixtures.unique("deployer"), "deployments:write"))
                .recordDeployment(deployment(service, "production", "2026-05-01T10:00:00Z")).getDeployment();
        Delivery itsm = port(token(Fixtures.unique("itsm"), "incidents:write"));

        NewIncident in = new NewIncident();
        in.setTitle("Checkout errors after release");
        in.setService(service);
        in.setSeverity("SEV2");
        in.setOpenedAt(time("2026-05-01T10:30:00Z"));
        in.setExternalId(Fixtures.unique("INC"));
        in.setCausedByDeploymentId(cause.getId());
        IncidentRecorded opened = itsm.recordIncident(in);
        assertEquals(Outcome.CREATED, opened.getOutcome());
        long id = opened.getIncident().getId();
        assertEquals("triggered", opened.getIncident().getStatus());
        assertEquals(cause.getId(), opened.getIncident().getCausedByDeploymentId());

        IncidentResolution resolution = new IncidentResolution();
        resolution.setIncidentId(id);
        resolution.setResolvedAt(time("2026-05-01T11:30:00Z"));
        IncidentRecorded resolved = itsm.resolveIncident(resolution);
        assertEquals("resolved", resolved.getIncident().getStatus());
        assertEquals(3600L, resolved.getIncident().getTimeToRestoreSeconds());

        Http.Answer read = http.get("/api/v1/incidents/" + id, token(Fixtures.unique("reader"), "incidents:read"));
        assertEquals(200, read.status(), read::toString);
        assertEquals("resolved", read.json().getString("status"));
        assertEquals("2026-05-01T11:30:00Z", read.json().getString("resolvedAt"));
        assertEquals(cause.getId(), read.json().getJsonObject("causedBy").getJsonNumber("id").longValue());
        assertEquals("explicit", read.json().getString("linkReason"));
    }

    @Test
    @DisplayName("#7 getDoraFigures answers the figures REST answers for the same service and window")
    void doraFigures() throws Exception {
        String service = Fixtures.unique("ledger");
        Delivery writer = port(token(Fixtures.unique("deployer"), "deployments:write"));
        writer.recordDeployment(deployment(service, "production", "2026-06-01T10:00:00Z"));
        writer.recordDeployment(deployment(service, "production", "2026-06-03T10:00:00Z"));
        String dora = token(Fixtures.unique("dora"), "dora:read");

        DoraFilter filter = new DoraFilter();
        filter.setService(service);
        filter.setFrom(time("2026-06-01T00:00:00Z"));
        filter.setTo(time("2026-06-08T00:00:00Z"));
        DoraFigures figures = port(dora).getDoraFigures(filter);

        JsonObject rest = http.get("/api/v1/dora?service=" + service + "&from=2026-06-01&to=2026-06-08", dora).json();
        assertEquals(service, figures.getService());
        assertEquals("2023", figures.getBenchmark());
        assertEquals(2, figures.getDeploymentFrequency().getDeployments());
        assertEquals(rest.getJsonObject("deploymentFrequency").getJsonNumber("deployments").longValue(),
                figures.getDeploymentFrequency().getDeployments());
        assertEquals(rest.getJsonObject("deploymentFrequency").getJsonNumber("value").doubleValue(),
                figures.getDeploymentFrequency().getDeploymentsPerDay(), 1e-9);
        assertEquals(0, figures.getChangeFailureRate().getFailedDeployments());
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), figures.getFrom().toGregorianCalendar().toInstant());
    }

    // ---- faults ------------------------------------------------------------------------------

    @Test
    @DisplayName("#7 bad input is a fault with a readable faultstring and a code: missing service, bad window,"
            + " unknown team, no such incident")
    void badInputFaults() throws Exception {
        Delivery admin = port(OpsSightServer.ADMIN_TOKEN);

        NewDeployment noService = new NewDeployment();
        noService.setEnvironment("production");
        DeliveryFault missing = assertThrows(DeliveryFault.class, () -> admin.recordDeployment(noService));
        assertEquals("VALIDATION", missing.getFaultInfo().getCode());
        assertTrue(missing.getMessage().contains("service"), missing.getMessage());

        NewDeployment badSha = deployment(Fixtures.unique("svc"), "production", "2026-01-01T00:00:00Z");
        badSha.setSha("not-a-sha");
        DeliveryFault sha = assertThrows(DeliveryFault.class, () -> admin.recordDeployment(badSha));
        assertEquals("sha must be 7 to 64 hexadecimal characters", sha.getMessage(), "the REST API's own constraint");

        DeploymentFilter backwards = new DeploymentFilter();
        backwards.setFrom(time("2026-02-01T00:00:00Z"));
        backwards.setTo(time("2026-01-01T00:00:00Z"));
        DeliveryFault window = assertThrows(DeliveryFault.class, () -> admin.queryDeployments(backwards));
        assertEquals("VALIDATION", window.getFaultInfo().getCode());
        assertTrue(window.getMessage().contains("must be before"), window.getMessage());

        DeploymentFilter tooMany = new DeploymentFilter();
        tooMany.setLimit(501);
        assertEquals("limit must be between 1 and 500",
                assertThrows(DeliveryFault.class, () -> admin.queryDeployments(tooMany)).getMessage());

        DoraFilter team = new DoraFilter();
        team.setTeam(Fixtures.unique("no-such-team"));
        DeliveryFault unknown = assertThrows(DeliveryFault.class, () -> admin.getDoraFigures(team));
        assertEquals("VALIDATION", unknown.getFaultInfo().getCode());
        assertEquals("Unknown team '" + team.getTeam() + "'", unknown.getMessage());

        IncidentResolution nothing = new IncidentResolution();
        nothing.setIncidentId(987_654_321L);
        DeliveryFault notFound = assertThrows(DeliveryFault.class, () -> admin.resolveIncident(nothing));
        assertEquals("NOT_FOUND", notFound.getFaultInfo().getCode());
    }

    @Test
    @DisplayName("#7 a malformed value is a VALIDATION fault naming it, a client error, without a stack trace")
    void malformedValueIsAClientFault() {
        Http.Answer answer = post(OpsSightServer.ADMIN_TOKEN, "<o:queryDeployments><o:filter><o:from>yesterday</o:from>"
                + "</o:filter></o:queryDeployments>");
        assertEquals(500, answer.status(), "SOAP 1.1 faults travel with 500");
        assertTrue(answer.body().contains("Client</faultcode>"), answer::toString);
        assertTrue(answer.body().contains("<code>VALIDATION</code>"), answer::toString);
        assertTrue(answer.body().contains("'yesterday' is not a valid value for 'dateTime'"), answer::toString);
        assertFalse(answer.body().contains("at io.opssight") || answer.body().contains("stackTrace")
                || answer.body().contains("Exception"), answer::toString);
    }

    @Test
    @DisplayName("#7 without a token: HTTP 401 with an UNAUTHENTICATED fault; the generated client sees the 401")
    void unauthenticated() throws Exception {
        Http.Answer anonymous = post(null, "<o:getDoraFigures/>");
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertTrue(anonymous.header("WWW-Authenticate").orElse("").startsWith("Bearer"), anonymous::toString);
        assertTrue(anonymous.body().contains("<ns:code>UNAUTHENTICATED</ns:code>"), anonymous::toString);

        Http.Answer invalid = post("not-a-valid-token-at-all", "<o:getDoraFigures/>");
        assertEquals(401, invalid.status(), invalid::toString);
        assertTrue(invalid.body().contains("unknown, expired or revoked"), invalid::toString);

        WebServiceException seen = assertThrows(WebServiceException.class, () -> port(null).getDoraFigures(new DoraFilter()));
        assertTrue(seen.getMessage().contains("401"), seen.getMessage());
    }

    @Test
    @DisplayName("#7 a token without the permission gets a FORBIDDEN fault naming it, and the denial is audited")
    void permissionDenied() throws Exception {
        String name = Fixtures.unique("readonly");
        Delivery reader = port(token(name, "deployments:read"));
        DeliveryFault denied = assertThrows(DeliveryFault.class,
                () -> reader.recordDeployment(deployment(Fixtures.unique("svc"), "production", "2026-01-01T00:00:00Z")));
        assertEquals("FORBIDDEN", denied.getFaultInfo().getCode());
        assertTrue(denied.getMessage().contains("deployments:write"), denied.getMessage());
        assertEquals("FORBIDDEN", assertThrows(DeliveryFault.class, () -> reader.getDoraFigures(new DoraFilter()))
                .getFaultInfo().getCode());

        Http.Answer audit = http.get("/api/v1/audit?action=access.denied&actor=token:" + name, OpsSightServer.ADMIN_TOKEN);
        assertEquals(200, audit.status(), audit::toString);
        assertTrue(audit.body().contains("recordDeployment"), audit::toString);
    }

    // ---- XML hardening -----------------------------------------------------------------------

    @Test
    @DisplayName("#7 a DOCTYPE with an external entity is refused with a fault; nothing is read or expanded")
    void externalEntityRefused() {
        Http.Answer answer = postRaw(OpsSightServer.ADMIN_TOKEN, """
                <?xml version="1.0"?>
                <!DOCTYPE e [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:o="urn:opssight:soap:v1">
                <soap:Body><o:getDoraFigures><o:filter><o:team>&xxe;</o:team></o:filter></o:getDoraFigures></soap:Body>
                </soap:Envelope>""".getBytes(StandardCharsets.UTF_8), false);
        assertEquals(400, answer.status(), answer::toString);
        assertTrue(answer.body().contains("<ns:code>VALIDATION</ns:code>"), answer::toString);
        assertTrue(answer.body().contains("document type declaration"), answer::toString);
        assertFalse(answer.body().contains("root:"), answer::toString);
    }

    @Test
    @DisplayName("#7 a billion-laughs message is refused with a fault, also in UTF-16")
    void billionLaughsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String message = "<?xml version=\"1.0\" encoding=\"%s\"?>" + dtd
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:o=\"urn:opssight:soap:v1\">"
                + "<soap:Body><o:getDoraFigures><o:filter><o:team>&lol9;</o:team></o:filter></o:getDoraFigures></soap:Body>"
                + "</soap:Envelope>";
        Http.Answer utf8 = postRaw(OpsSightServer.ADMIN_TOKEN, message.formatted("UTF-8").getBytes(StandardCharsets.UTF_8), false);
        assertEquals(400, utf8.status(), utf8::toString);
        assertTrue(utf8.body().contains("<ns:code>VALIDATION</ns:code>"), utf8::toString);
        Http.Answer utf16 = postRaw(OpsSightServer.ADMIN_TOKEN, message.formatted("UTF-16").getBytes(StandardCharsets.UTF_16), false);
        assertEquals(400, utf16.status(), utf16::toString);
    }

    @Test
    @DisplayName("#7 a call over opssight.soap.max-body-bytes is 413 with a fault, sized or chunked")
    void oversizedCallRefused() {
        byte[] big = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><x>"
                + "a".repeat(1_100_000) + "</x></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        Http.Answer sized = postRaw(OpsSightServer.ADMIN_TOKEN, big, false);
        assertEquals(413, sized.status(), sized::toString);
        assertTrue(sized.body().contains("PAYLOAD_TOO_LARGE"), sized::toString);
        Http.Answer chunked = postRaw(OpsSightServer.ADMIN_TOKEN, big, true);
        assertEquals(413, chunked.status(), chunked::toString);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** A port of the generated client on the live WSDL, with the token as a bearer header (none if null). */
    private Delivery port(String token) throws MalformedURLException {
        Delivery port = new DeliveryService(new URL(server.baseUrl() + PATH + "?wsdl")).getDeliveryPort();
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, server.baseUrl() + PATH);
        if (token != null) {
            context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("Authorization", List.of("Bearer " + token)));
        }
        return port;
    }

    static NewDeployment deployment(String service, String environment, String finishedAt) throws Exception {
        NewDeployment in = new NewDeployment();
        in.setService(service);
        in.setEnvironment(environment);
        in.setCreatedAt(time(finishedAt));
        in.setFinishedAt(time(finishedAt));
        return in;
    }

    private static List<String> created(DeploymentPage page) {
        return page.getDeployment().stream().map(d -> d.getCreatedAt().toGregorianCalendar().toInstant().toString()).toList();
    }

    static XMLGregorianCalendar time(String instant) throws Exception {
        return DatatypeFactory.newInstance().newXMLGregorianCalendar(instant);
    }

    private String token(String name, String... permissions) {
        String list = Arrays.stream(permissions).map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        Http.Answer answer = http.postJson("/api/v1/tokens", OpsSightServer.ADMIN_TOKEN,
                "{\"name\":\"" + name + "\",\"permissions\":[" + list + "]}");
        assertEquals(201, answer.status(), answer::toString);
        return answer.json().getString("secret");
    }

    private Http.Answer post(String token, String body) {
        return postRaw(token, ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:o=\"urn:opssight:soap:v1\"><soap:Body>" + body + "</soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8), false);
    }

    private Http.Answer postRaw(String token, byte[] body, boolean chunked) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(server.baseUrl() + PATH)).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The name attributes of the top-level-or-nested elements ns:local (operations appear in portType and binding). */
    private static Set<String> names(Document document, String ns, String local) {
        NodeList nodes = document.getElementsByTagNameNS(ns, local);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            String name = ((Element) nodes.item(i)).getAttribute("name");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
