package io.opssight.platform.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What every operation of the document shares, added once here instead of on each method
 * (registered with {@code mp.openapi.filter}): the {@code Problem} schema (RFC 9457) as the content of
 * every error answer, the HTTP bearer scheme required by every operation that declares a permission,
 * the error answers every operation can give (400 with parameters or a body, 401, 403, 404 with a
 * path parameter, 415 with a body that must be JSON (not the webhooks', which may be any type), 500,
 * 503), each operation's permission (from its {@code @RolesAllowed}, {@link ApiPermissions}) as the
 * {@code x-opssight-permission} extension and in its description, and integer ids. Operation-specific answers
 * (409, 412, 413, 422, 428) stay on the methods.
 */
public class ApiDocumentFilter implements OASFilter {

    public static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(PROBLEM, problemSchema());
        components.addSchema("Violation", violationSchema());
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(OpsSightApplication.BEARER)) {
            components.addSecurityScheme(OpsSightApplication.BEARER, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").description("An OpsSight API token"));
        }
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(ApiDocumentFilter::integerIds);
        }
        WireSchemas.defineReferenced(referencedSchemas(openAPI), components);
        WireSchemas.complete(components);
        Map<String, Schema> schemas = components.getSchemas() == null ? Map.of() : components.getSchemas();
        schemas.values().forEach(schema -> clean(schema, schemas, false));
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            Map<String, List<String>> permissions = ApiPermissions.byOperationId();
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) ->
                    decorate(path, operation, permissions.get(operation.getOperationId()))));
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
                if (operation.getRequestBody() != null) {
                    cleanContent(operation.getRequestBody().getContent(), schemas);
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(r -> cleanContent(r.getContent(), schemas));
                }
            }));
        }
        dedupeTags(openAPI);
    }

    /**
     * Adds what every operation shares; {@code permissions} are the operation's {@code @RolesAllowed}
     * ({@link ApiPermissions}), [none] for the webhook receivers, null when it declares none.
     */
    private static void decorate(String path, Operation operation, List<String> permissions) {
        if (permissions != null) {
            operation.addExtension(ApiPermissions.EXTENSION, String.join(",", permissions));
        }
        boolean open = List.of(ApiPermissions.NONE).equals(permissions);
        if (permissions != null && !open) {
            String description = operation.getDescription() == null ? "" : operation.getDescription().strip();
            operation.setDescription((description.isEmpty() ? "" : description + " ")
                    + "Permission: " + String.join(" or ", permissions));
        }
        if (!open && (operation.getSecurity() == null || operation.getSecurity().isEmpty())) {
            operation.setSecurity(new ArrayList<>(List.of(bearerRequirement())));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> {
                if (p.getIn() == Parameter.In.PATH && p.getName().equals("id") && p.getSchema() != null) {
                    p.getSchema().type(Schema.SchemaType.INTEGER).format("int64");
                }
            });
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        Map<String, APIResponse> existing = responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
        APIResponse fallback = existing.get(APIResponses.DEFAULT);
        if (fallback != null && existing.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            // Payara's inferred answer: it is the success, so say so.
            responses.removeAPIResponse(APIResponses.DEFAULT);
            responses.addAPIResponse("200", fallback.description("OK"));
        }
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (hasBody || hasParameters) {
            addIfMissing(responses, "400", "The request is not valid (violations name the fields)");
        }
        if (!open) {
            addIfMissing(responses, "401", "No bearer token, or an unknown, expired or revoked one");
            addIfMissing(responses, "403", "The token lacks the permission this operation needs");
        }
        if (path.contains("{")) {
            addIfMissing(responses, "404", "No such resource");
        }
        Content bodyContent = hasBody ? operation.getRequestBody().getContent() : null;
        if (hasBody && (bodyContent == null || !bodyContent.hasMediaType("*/*"))) {
            // The webhook receivers take any content type; every other body must be JSON.
            addIfMissing(responses, "415", "The body is not application/json");
        }
        addIfMissing(responses, "500", "A bug; quote the instance id");
        addIfMissing(responses, "503", "The database is unreachable; retry after Retry-After seconds");
        new LinkedHashMap<>(responses.getAPIResponses()).forEach((code, response) -> {
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription(code.equals("201") ? "Created" : code.equals("202") ? "Accepted" : "OK");
            }
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, header) -> {
                    if (header.getSchema() == null && header.getRef() == null) {
                        header.setSchema(OASFactory.createSchema().type(Schema.SchemaType.STRING));
                    }
                    header.setAllowEmptyValue(null); // not a header property
                    if (Boolean.FALSE.equals(header.getDeprecated())) {
                        header.setDeprecated(null);
                    }
                });
            }
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
    }

    /**
     * Payara writes the defaults of {@code @Schema} into inline schemas ({@code maxProperties: 0} would
     * forbid every property) and repeats whole classes inline: drop the defaults and refer to the
     * component of the same shape instead.
     */
    private static Schema clean(Schema schema, Map<String, Schema> components, boolean inline) {
        if (schema == null) {
            return null;
        }
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        if (schema.getProperties() != null) {
            new LinkedHashMap<>(schema.getProperties()).forEach((name, property) ->
                    schema.addProperty(name, clean(property, components, true)));
        }
        if (schema.getItems() != null) {
            schema.setItems(clean(schema.getItems(), components, true));
        }
        if (inline && schema.getRef() == null && schema.getProperties() != null && !schema.getProperties().isEmpty()) {
            String shape = shape(schema);
            List<String> same = components.entrySet().stream().filter(c -> c.getValue() != schema && shape.equals(shape(c.getValue())))
                    .map(Map.Entry::getKey).toList();
            if (same.size() == 1) {
                return OASFactory.createSchema().ref("#/components/schemas/" + same.get(0));
            }
        }
        return schema;
    }

    /** Property names with their types and references: two schemas of one shape describe the same class. */
    private static String shape(Schema schema) {
        if (schema.getProperties() == null) {
            return "";
        }
        return new TreeMap<>(schema.getProperties()).entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().getType() + ":" + e.getValue().getRef() + ":"
                        + (e.getValue().getItems() == null ? "" : e.getValue().getItems().getType() + e.getValue().getItems().getRef()))
                .collect(Collectors.joining(","));
    }

    /** Every $ref of the operations' bodies and answers. */
    private static List<String> referencedSchemas(OpenAPI openAPI) {
        List<String> refs = new ArrayList<>();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return refs;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            List<Content> contents = new ArrayList<>();
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                contents.add(operation.getRequestBody().getContent());
            }
            if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                operation.getResponses().getAPIResponses().values().stream().map(APIResponse::getContent)
                        .filter(Objects::nonNull).forEach(contents::add);
            }
            contents.stream().filter(c -> c.getMediaTypes() != null).flatMap(c -> c.getMediaTypes().values().stream())
                    .map(MediaType::getSchema).filter(Objects::nonNull).forEach(schema -> {
                        if (schema.getRef() != null) {
                            refs.add(schema.getRef());
                        }
                        if (schema.getItems() != null && schema.getItems().getRef() != null) {
                            refs.add(schema.getItems().getRef());
                        }
                    });
        }));
        return refs;
    }

    private static void cleanContent(Content content, Map<String, Schema> components) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.getMediaTypes().values().forEach(media -> media.setSchema(clean(media.getSchema(), components, true)));
    }

    private static void addIfMissing(APIResponses responses, String code, String description) {
        if (responses.getAPIResponses() == null || !responses.getAPIResponses().containsKey(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static SecurityRequirement bearerRequirement() {
        return OASFactory.createSecurityRequirement().addScheme(OpsSightApplication.BEARER);
    }

    /** Ids are 64-bit integers; Payara describes Java longs as plain numbers. */
    private static void integerIds(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if ((name.equals("id") || name.endsWith("Id") || name.equals("seq")) && property.getType() == Schema.SchemaType.NUMBER) {
                property.type(Schema.SchemaType.INTEGER).format("int64");
            }
        });
    }

    private static void dedupeTags(OpenAPI openAPI) {
        if (openAPI.getTags() == null) {
            return;
        }
        Map<String, Tag> byName = new LinkedHashMap<>();
        for (Tag tag : openAPI.getTags()) {
            Tag seen = byName.get(tag.getName());
            if (seen == null || (seen.getDescription() == null && tag.getDescription() != null)) {
                byName.put(tag.getName(), tag);
            }
        }
        openAPI.setTags(new ArrayList<>(byName.values()));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document (application/problem+json); types are listed in docs/PROBLEMS.md")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uri")
                        .example("https://opssight.io/problems/validation"))
                .addProperty("title", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("The request path, or for a 500 the urn:uuid: also logged on the server"))
                .addProperty("violations", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/Violation")));
    }

    private static Schema violationSchema() {
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("One field or parameter that is not acceptable, and why")
                .addProperty("field", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().type(Schema.SchemaType.STRING));
    }
}
