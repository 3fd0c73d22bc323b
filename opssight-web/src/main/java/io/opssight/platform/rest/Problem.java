package io.opssight.platform.rest;

import static io.opssight.platform.entity.JsonSupport.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem document. Built with JSON-P so it renders the same from any mapper or filter. */
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One failed constraint: which field or parameter, and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    public String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("type", type).add("title", title).add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (instance != null) {
            json.add("instance", instance);
        }
        if (violations != null && !violations.isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            violations.forEach(v -> list.add(JSON.createObjectBuilder().add("field", v.field()).add("message", v.message())));
            json.add("violations", list);
        }
        return json.build().toString();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }
}
