package io.opssight.ingestion.control;

import static io.opssight.platform.entity.JsonSupport.JSON;

import io.opssight.catalog.entity.Environment;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jakarta.json.JsonString;

/**
 * Reads a {@code terraform show -json <planfile>} document: what the plan changes and whether it
 * touches production. Pure functions, no I/O.
 *
 * <p>Counting follows Terraform's own summary ("Plan: 1 to add, 2 to change, 3 to destroy"), with
 * replacements apart: {@code ["create"]} adds, {@code ["update"]} changes, {@code ["delete"]}
 * destroys, and any action list holding both delete and create ({@code ["delete","create"]},
 * {@code ["create","delete"]} for create_before_destroy) replaces. {@code ["no-op"]} and
 * {@code ["read"]} (data sources) change nothing and are neither counted nor listed;
 * {@code ["forget"]} (a {@code removed} block) is listed but counted as nothing, since the
 * infrastructure stays. Only {@code resource_changes} count, never {@code resource_drift}, which
 * describes changes made outside Terraform.
 *
 * <p>Production is touched when the workspace (or environment variable) looks like production
 * ({@link Environment#looksLikeProduction}) or a changed resource's tags or labels, before or
 * after the change, carry {@code environment}/{@code env} = a production-like value. AWS default
 * tags appear only in {@code tags_all}, so that is read as well.
 */
public final class TerraformPlans {

    /** Tag/label maps read on each resource, and the keys naming an environment. */
    private static final List<String> TAG_MAPS = List.of("tags", "tags_all", "labels");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("environment", "env");
    private static final int MAX_REASON = 1000;

    private TerraformPlans() {
    }

    /** A plan's effect. {@code resources} is the JSON array of {address, actions} of every changed resource. */
    public record Summary(String workspace, String terraformVersion, int creates, int updates, int deletes, int replaces,
            boolean productionTouched, String productionReason, String resources) {
    }

    /**
     * Summarises a plan. {@code workspaceHeader} is the workspace the sender named (header), which
     * wins over the plan's own {@code environment}/{@code workspace} variables.
     */
    public static Summary summarize(JsonObject plan, String workspaceHeader) {
        if (!plan.containsKey("resource_changes") && !plan.containsKey("format_version")) {
            throw new IllegalArgumentException("terraform delivery without format_version or resource_changes: "
                    + "expected the output of terraform show -json <planfile>");
        }
        JsonObject variables = Payloads.object(plan, "variables");
        String environmentVariable = variable(variables, "environment");
        String workspaceVariable = variable(variables, "workspace");
        String workspace = workspaceHeader != null ? workspaceHeader
                : environmentVariable != null ? environmentVariable : workspaceVariable;

        Set<String> reasons = new LinkedHashSet<>();
        if (workspaceHeader != null && Environment.looksLikeProduction(workspaceHeader)) {
            reasons.add("workspace '" + workspaceHeader + "'");
        }
        if (Environment.looksLikeProduction(environmentVariable)) {
            reasons.add("variable environment = '" + environmentVariable + "'");
        }
        if (Environment.looksLikeProduction(workspaceVariable)) {
            reasons.add("variable workspace = '" + workspaceVariable + "'");
        }

        int creates = 0;
        int updates = 0;
        int deletes = 0;
        int replaces = 0;
        JsonArrayBuilder resources = JSON.createArrayBuilder();
        for (JsonObject change : objects(plan.get("resource_changes"))) {
            List<String> actions = actionsOf(Payloads.object(change, "change"));
            switch (kindOf(actions)) {
                case CREATE -> creates++;
                case UPDATE -> updates++;
                case DELETE -> deletes++;
                case REPLACE -> replaces++;
                case OTHER -> {
                    // forget and future actions: listed, not counted
                }
                case NONE -> {
                    continue;
                }
            }
            String address = Payloads.string(change, "address");
            JsonArrayBuilder actionList = JSON.createArrayBuilder();
            actions.forEach(actionList::add);
            resources.add(JSON.createObjectBuilder().add("address", address != null ? address : "?").add("actions", actionList));
            productionTags(address, Payloads.object(change, "change"), reasons);
        }
        boolean touched = !reasons.isEmpty();
        if (workspace != null && workspace.length() > 300) {
            workspace = workspace.substring(0, 300);
        }
        return new Summary(workspace, Payloads.string(plan, "terraform_version"), creates, updates, deletes, replaces,
                touched, touched ? reason(reasons) : null, resources.build().toString());
    }

    enum ChangeKind { CREATE, UPDATE, DELETE, REPLACE, OTHER, NONE }

    static ChangeKind kindOf(List<String> actions) {
        boolean create = actions.contains("create");
        boolean delete = actions.contains("delete");
        if (create && delete) {
            return ChangeKind.REPLACE;
        }
        if (create) {
            return ChangeKind.CREATE;
        }
        if (delete) {
            return ChangeKind.DELETE;
        }
        if (actions.contains("update")) {
            return ChangeKind.UPDATE;
        }
        boolean nothing = actions.stream().allMatch(a -> a.equals("no-op") || a.equals("read"));
        return nothing ? ChangeKind.NONE : ChangeKind.OTHER;
    }

    private static List<String> actionsOf(JsonObject change) {
        List<String> actions = new ArrayList<>();
        if (change != null && change.get("actions") instanceof JsonArray list) {
            for (JsonValue value : list) {
                if (value.getValueType() == JsonValue.ValueType.STRING) {
                    actions.add(((JsonString) value).getString().toLowerCase(Locale.ROOT));
                }
            }
        }
        return actions;
    }

    /** Adds a reason for each production-like environment tag/label before or after the change. */
    private static void productionTags(String address, JsonObject change, Set<String> reasons) {
        for (String side : List.of("before", "after")) {
            JsonObject values = Payloads.object(change, side);
            for (String map : TAG_MAPS) {
                JsonObject tags = Payloads.object(values, map);
                if (tags == null) {
                    continue;
                }
                for (String key : tags.keySet()) {
                    if (ENVIRONMENT_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                        String value = Payloads.string(tags, key);
                        if (Environment.looksLikeProduction(value)) {
                            reasons.add(address + " " + map + "." + key + " = '" + value + "'");
                        }
                    }
                }
            }
        }
    }

    /** A plan variable's value: {"variables": {"environment": {"value": "production"}}}. */
    private static String variable(JsonObject variables, String name) {
        String value = Payloads.string(Payloads.object(variables, name), "value");
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<JsonObject> objects(JsonValue value) {
        List<JsonObject> objects = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item.getValueType() == JsonValue.ValueType.OBJECT) {
                    objects.add(item.asJsonObject());
                }
            }
        }
        return objects;
    }

    private static String reason(Set<String> reasons) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (String reason : reasons) {
            String next = (text.length() == 0 ? "" : "; ") + reason;
            if (text.length() == 0 && next.length() > MAX_REASON - 20) {
                next = next.substring(0, MAX_REASON - 21) + "…";
            }
            if (text.length() + next.length() > MAX_REASON - 20) {
                text.append("; and ").append(reasons.size() - shown).append(" more");
                break;
            }
            text.append(next);
            shown++;
        }
        return text.toString();
    }
}
