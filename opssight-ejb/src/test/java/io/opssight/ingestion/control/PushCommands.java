package io.opssight.ingestion.control;

import io.opssight.ingestion.entity.DeploymentPush;
import io.opssight.ingestion.entity.IncidentPush;
import io.opssight.ingestion.entity.PipelineRunPush;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Push commands written as JSON in tests, read as the web layer's wire classes read a request body. */
final class PushCommands {

    private PushCommands() {
    }

    static DeploymentPush deployment(JsonObject body) {
        return new DeploymentPush(text(body, "service"), text(body, "environment"), text(body, "version"), text(body, "sha"),
                text(body, "ref"), text(body, "status"), instant(body, "createdAt"), instant(body, "startedAt"),
                instant(body, "finishedAt"), text(body, "externalId"), text(body, "origin"), text(body, "url"),
                text(body, "creator"), body.containsKey("production") ? body.getBoolean("production") : null,
                text(body, "repository"), list(body, "commits", commit -> new DeploymentPush.Commit(text(commit, "sha"),
                        instant(commit, "committedAt"), text(commit, "message"), text(commit, "author"))));
    }

    static IncidentPush incident(JsonObject body) {
        JsonObject cause = body.containsKey("causedBy") ? body.getJsonObject("causedBy") : null;
        return new IncidentPush(text(body, "service"), text(body, "title"), text(body, "severity"), text(body, "status"),
                instant(body, "openedAt"), instant(body, "resolvedAt"), text(body, "externalId"), text(body, "origin"),
                text(body, "url"), cause == null ? null : new IncidentPush.Cause(
                        cause.containsKey("deploymentId") ? cause.getJsonNumber("deploymentId").longValue() : null,
                        text(cause, "origin"), text(cause, "externalId")));
    }

    static PipelineRunPush pipelineRun(JsonObject body) {
        return new PipelineRunPush(text(body, "pipeline"), text(body, "repository"), text(body, "branch"), text(body, "sha"),
                text(body, "status"), text(body, "conclusion"), instant(body, "queuedAt"), instant(body, "startedAt"),
                instant(body, "finishedAt"), text(body, "externalId"), text(body, "origin"), text(body, "url"),
                list(body, "jobs", job -> new PipelineRunPush.Job(text(job, "name"), text(job, "status"),
                        text(job, "conclusion"), instant(job, "startedAt"), instant(job, "finishedAt"))));
    }

    private static String text(JsonObject body, String name) {
        return body.containsKey(name) && !body.isNull(name) ? body.getString(name) : null;
    }

    private static Instant instant(JsonObject body, String name) {
        String text = text(body, name);
        return text == null ? null : Instant.parse(text);
    }

    private static <T> List<T> list(JsonObject body, String name, Function<JsonObject, T> each) {
        if (!body.containsKey(name) || body.isNull(name)) {
            return null;
        }
        return body.getJsonArray(name).stream()
                .map(item -> item.getValueType() == JsonValue.ValueType.NULL ? null : each.apply(item.asJsonObject()))
                .toList();
    }
}
