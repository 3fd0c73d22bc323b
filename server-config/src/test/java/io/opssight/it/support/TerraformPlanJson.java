package io.opssight.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jakarta.json.JsonString;
import java.util.TreeMap;

/**
 * {@code terraform show -json <planfile>} output for an AWS stack, in the documented JSON plan
 * format: a web tier whose instances are replaced (one of them create_before_destroy), a security
 * group updated in place, a new bucket, a removed IAM policy, a database resized inside a module,
 * a data source read, and a fleet of unchanged ("no-op") instances and DNS records. Each resource
 * appears, as in real plans, in {@code resource_changes}, {@code planned_values} and
 * {@code prior_state}, with the provider's full attribute sets, so a plan of a few hundred
 * resources weighs a few hundred KB.
 */
public final class TerraformPlanJson {

    private TerraformPlanJson() {
    }

    /** What varies between test plans. */
    public static final class Options {
        String terraformVersion = "1.8.5";
        String environment = "staging";
        String timestamp = "2026-11-20T09:15:42Z";
        int unchangedInstances = 60;
        String databaseEnvironmentTag;
        String suffix = "";

        public static Options defaults() {
            return new Options();
        }

        public Options terraformVersion(String version) {
            this.terraformVersion = version;
            return this;
        }

        /** variables.environment.value; null leaves the variable out. */
        public Options environment(String environment) {
            this.environment = environment;
            return this;
        }

        /** The plan's timestamp; null for Terraform before 1.5, which has none. */
        public Options timestamp(String timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Options unchangedInstances(int count) {
            this.unchangedInstances = count;
            return this;
        }

        /** The Environment tag of the resized database (default: the environment variable). */
        public Options databaseEnvironmentTag(String tag) {
            this.databaseEnvironmentTag = tag;
            return this;
        }

        /** Makes resource names (and so the plan's bytes) unique to a test. */
        public Options unique(String suffix) {
            this.suffix = suffix;
            return this;
        }
    }

    /** The addresses of the resources that change, in plan order, with their actions. */
    public static Map<String, List<String>> changedResources() {
        Map<String, List<String>> changed = new LinkedHashMap<>();
        changed.put("aws_security_group.web", List.of("update"));
        changed.put("aws_instance.web[0]", List.of("delete", "create"));
        changed.put("aws_instance.web[1]", List.of("create", "delete"));
        changed.put("aws_s3_bucket.assets", List.of("create"));
        changed.put("aws_iam_role_policy.legacy", List.of("delete"));
        changed.put("module.db.aws_db_instance.main", List.of("update"));
        return changed;
    }

    public static byte[] plan(Options o) {
        String env = o.environment != null ? o.environment : "default";
        Map<String, String> tags = Map.of("Environment", env, "Service", "shop");
        Map<String, String> defaultTags = Map.of("ManagedBy", "terraform", "Repository", "acme/infra-shop");

        JsonArrayBuilder changes = Json.createArrayBuilder();
        JsonArrayBuilder planned = Json.createArrayBuilder();
        JsonArrayBuilder prior = Json.createArrayBuilder();

        JsonObject sgBefore = securityGroup(o, tags, defaultTags, List.of("10.20.0.0/16"));
        JsonObject sgAfter = securityGroup(o, tags, defaultTags, List.of("10.20.0.0/16", "10.30.0.0/16"));
        changes.add(change("aws_security_group.web", "aws_security_group", "web", null, List.of("update"), sgBefore, sgAfter, null));
        planned.add(value("aws_security_group.web", "aws_security_group", "web", null, sgAfter, 1));
        prior.add(value("aws_security_group.web", "aws_security_group", "web", null, sgBefore, 1));

        for (int i = 0; i < 2; i++) {
            JsonObject before = instance(o, "web", i, "ami-0c1c30571d2dae5c9", tags, defaultTags, true);
            JsonObject after = instance(o, "web", i, "ami-0d64bb532e0502c46", tags, defaultTags, false);
            List<String> actions = i == 0 ? List.of("delete", "create") : List.of("create", "delete");
            changes.add(change("aws_instance.web[" + i + "]", "aws_instance", "web", i, actions, before, after,
                    "replace_because_cannot_update"));
            planned.add(value("aws_instance.web[" + i + "]", "aws_instance", "web", i, after, 1));
            prior.add(value("aws_instance.web[" + i + "]", "aws_instance", "web", i, before, 1));
        }

        JsonObject bucket = Json.createObjectBuilder().add("bucket", "acme-shop-assets-" + env + o.suffix)
                .add("force_destroy", false).addNull("object_lock_enabled").addNull("tags")
                .add("tags_all", map(merged(defaultTags, Map.of("Environment", env)))).addNull("timeouts").build();
        changes.add(change("aws_s3_bucket.assets", "aws_s3_bucket", "assets", null, List.of("create"), null, bucket, null));
        planned.add(value("aws_s3_bucket.assets", "aws_s3_bucket", "assets", null, bucket, 0));

        JsonObject policy = Json.createObjectBuilder().add("id", "shop-web:legacy").add("name", "legacy").addNull("name_prefix")
                .add("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")
                .add("role", "shop-web").build();
        changes.add(change("aws_iam_role_policy.legacy", "aws_iam_role_policy", "legacy", null, List.of("delete"), policy, null,
                "delete_because_no_resource_config"));
        prior.add(value("aws_iam_role_policy.legacy", "aws_iam_role_policy", "legacy", null, policy, 0));

        String dbTag = o.databaseEnvironmentTag != null ? o.databaseEnvironmentTag : env;
        JsonObject dbBefore = database(o, 100, dbTag, defaultTags);
        JsonObject dbAfter = database(o, 200, dbTag, defaultTags);
        changes.add(change("module.db.aws_db_instance.main", "aws_db_instance", "main", null, List.of("update"), dbBefore, dbAfter,
                null));

        JsonObject ami = Json.createObjectBuilder().add("most_recent", true)
                .add("owners", Json.createArrayBuilder().add("099720109477"))
                .add("filter", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "name")
                        .add("values", Json.createArrayBuilder().add("ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"))))
                .build();
        changes.add(Json.createObjectBuilder().add("address", "data.aws_ami.ubuntu").add("mode", "data").add("type", "aws_ami")
                .add("name", "ubuntu").add("provider_name", "registry.terraform.io/hashicorp/aws")
                .add("change", Json.createObjectBuilder().add("actions", Json.createArrayBuilder().add("read"))
                        .addNull("before").add("after", ami)
                        .add("after_unknown", Json.createObjectBuilder().add("arn", true).add("id", true).add("image_id", true))
                        .add("before_sensitive", false).add("after_sensitive", Json.createObjectBuilder()))
                .add("action_reason", "read_because_dependency_pending"));

        for (int i = 0; i < o.unchangedInstances; i++) {
            JsonObject worker = instance(o, "worker", i, "ami-0c1c30571d2dae5c9", tags, defaultTags, true);
            String address = "aws_instance.worker[" + i + "]";
            changes.add(change(address, "aws_instance", "worker", i, List.of("no-op"), worker, worker, null));
            planned.add(value(address, "aws_instance", "worker", i, worker, 1));
            prior.add(value(address, "aws_instance", "worker", i, worker, 1));
            JsonObject record = Json.createObjectBuilder().add("allow_overwrite", JsonValue.NULL)
                    .add("fqdn", "worker-" + i + "." + env + ".acme.example").add("health_check_id", "")
                    .add("id", "Z0123456789ABCDEFGHIJ_worker-" + i + "." + env + ".acme.example_A")
                    .add("name", "worker-" + i + "." + env + ".acme.example")
                    .add("records", Json.createArrayBuilder().add(ip(i))).add("set_identifier", "").add("ttl", 300)
                    .add("type", "A").add("zone_id", "Z0123456789ABCDEFGHIJ").build();
            String recordAddress = "aws_route53_record.worker[" + i + "]";
            changes.add(change(recordAddress, "aws_route53_record", "worker", i, List.of("no-op"), record, record, null));
            planned.add(value(recordAddress, "aws_route53_record", "worker", i, record, 2));
            prior.add(value(recordAddress, "aws_route53_record", "worker", i, record, 2));
        }

        JsonObjectBuilder variables = Json.createObjectBuilder()
                .add("region", Json.createObjectBuilder().add("value", "eu-west-1"))
                .add("instance_type", Json.createObjectBuilder().add("value", "t3.medium"))
                .add("worker_count", Json.createObjectBuilder().add("value", o.unchangedInstances))
                .add("allowed_cidrs", Json.createObjectBuilder().add("value",
                        Json.createArrayBuilder().add("10.20.0.0/16").add("10.30.0.0/16")));
        if (o.environment != null) {
            variables.add("environment", Json.createObjectBuilder().add("value", o.environment));
        }
        JsonObjectBuilder plan = Json.createObjectBuilder()
                .add("format_version", "1.2")
                .add("terraform_version", o.terraformVersion)
                .add("variables", variables)
                .add("planned_values", Json.createObjectBuilder()
                        .add("outputs", Json.createObjectBuilder()
                                .add("assets_bucket", Json.createObjectBuilder().add("sensitive", false).add("type", "string")
                                        .add("value", "acme-shop-assets-" + env + o.suffix))
                                .add("web_ips", Json.createObjectBuilder().add("sensitive", false)))
                        .add("root_module", Json.createObjectBuilder().add("resources", planned)
                                .add("child_modules", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                        .add("address", "module.db").add("resources", Json.createArrayBuilder()
                                                .add(value("module.db.aws_db_instance.main", "aws_db_instance", "main", null, dbAfter,
                                                        2)))))))
                .add("resource_drift", Json.createArrayBuilder().add(change("aws_security_group.web", "aws_security_group", "web",
                        null, List.of("update"), securityGroup(o, Map.of("Environment", "production"), defaultTags,
                                List.of("10.20.0.0/16")),
                        sgBefore, null)))
                .add("resource_changes", changes)
                .add("output_changes", Json.createObjectBuilder()
                        .add("assets_bucket", Json.createObjectBuilder().add("actions", Json.createArrayBuilder().add("create"))
                                .addNull("before").add("after", "acme-shop-assets-" + env + o.suffix).add("after_unknown", false)
                                .add("before_sensitive", false).add("after_sensitive", false))
                        .add("web_ips", Json.createObjectBuilder().add("actions", Json.createArrayBuilder().add("update"))
                                .add("before", Json.createArrayBuilder().add(ip(900)).add(ip(901))).addNull("after")
                                .add("after_unknown", true).add("before_sensitive", false).add("after_sensitive", false)))
                .add("prior_state", Json.createObjectBuilder().add("format_version", "1.0").add("terraform_version", o.terraformVersion)
                        .add("values", Json.createObjectBuilder().add("outputs", Json.createObjectBuilder())
                                .add("root_module", Json.createObjectBuilder().add("resources", prior)
                                        .add("child_modules", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                                .add("address", "module.db").add("resources", Json.createArrayBuilder()
                                                        .add(value("module.db.aws_db_instance.main", "aws_db_instance", "main", null,
                                                                dbBefore, 2))))))))
                .add("configuration", configuration())
                .add("relevant_attributes", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("resource", "aws_security_group.web")
                                .add("attribute", Json.createArrayBuilder().add("ingress")))
                        .add(Json.createObjectBuilder().add("resource", "aws_instance.web[0]")
                                .add("attribute", Json.createArrayBuilder().add("public_ip"))));
        if (o.timestamp != null) {
            plan.add("timestamp", o.timestamp).add("applyable", true).add("complete", true).add("errored", false);
        }
        return plan.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject change(String address, String type, String name, Integer index, List<String> actions,
            JsonObject before, JsonObject after, String reason) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        actions.forEach(list::add);
        JsonObjectBuilder change = Json.createObjectBuilder().add("actions", list)
                .add("before", before != null ? before : JsonValue.NULL)
                .add("after", after != null ? after : JsonValue.NULL)
                .add("after_unknown", after == null ? Json.createObjectBuilder().build()
                        : actions.contains("create") ? Json.createObjectBuilder().add("arn", true).add("id", true).build()
                        : Json.createObjectBuilder().build())
                .add("before_sensitive", before == null ? JsonValue.FALSE : Json.createObjectBuilder().add("tags",
                        Json.createObjectBuilder()).build())
                .add("after_sensitive", after == null ? JsonValue.FALSE : Json.createObjectBuilder().add("tags",
                        Json.createObjectBuilder()).build());
        if (actions.contains("create") && actions.contains("delete")) {
            change.add("replace_paths", Json.createArrayBuilder().add(Json.createArrayBuilder().add("ami")));
        }
        JsonObjectBuilder resource = Json.createObjectBuilder().add("address", address);
        if (address.startsWith("module.")) {
            resource.add("module_address", address.substring(0, address.indexOf('.', "module.".length())));
        }
        resource.add("mode", "managed").add("type", type).add("name", name);
        if (index != null) {
            resource.add("index", index);
        }
        resource.add("provider_name", "registry.terraform.io/hashicorp/aws").add("change", change);
        if (reason != null) {
            resource.add("action_reason", reason);
        }
        return resource.build();
    }

    private static JsonObject value(String address, String type, String name, Integer index, JsonObject values, int schema) {
        JsonObjectBuilder resource = Json.createObjectBuilder().add("address", address).add("mode", "managed").add("type", type)
                .add("name", name);
        if (index != null) {
            resource.add("index", index);
        }
        return resource.add("provider_name", "registry.terraform.io/hashicorp/aws").add("schema_version", schema)
                .add("values", values).add("sensitive_values", Json.createObjectBuilder().add("tags", Json.createObjectBuilder())
                        .add("tags_all", Json.createObjectBuilder()))
                .build();
    }

    private static JsonObject instance(Options o, String role, int i, String ami, Map<String, String> tags,
            Map<String, String> defaultTags, boolean existing) {
        Map<String, String> own = merged(tags, Map.of("Name", role + "-" + i + o.suffix, "Role", role));
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("ami", ami)
                .add("associate_public_ip_address", false)
                .add("availability_zone", "eu-west-1" + "abc".charAt(i % 3))
                .add("capacity_reservation_specification", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("capacity_reservation_preference", "open").add("capacity_reservation_target", Json.createArrayBuilder())))
                .add("cpu_core_count", 1).add("cpu_threads_per_core", 2)
                .add("credit_specification", Json.createArrayBuilder().add(Json.createObjectBuilder().add("cpu_credits", "unlimited")))
                .add("disable_api_stop", false).add("disable_api_termination", false)
                .add("ebs_block_device", Json.createArrayBuilder()).add("ebs_optimized", false)
                .add("enclave_options", Json.createArrayBuilder().add(Json.createObjectBuilder().add("enabled", false)))
                .add("ephemeral_block_device", Json.createArrayBuilder()).add("get_password_data", false).add("hibernation", false)
                .addNull("host_id").add("iam_instance_profile", "shop-" + role)
                .add("instance_initiated_shutdown_behavior", "stop").add("instance_type", "t3.medium")
                .add("ipv6_address_count", 0).add("ipv6_addresses", Json.createArrayBuilder()).add("key_name", "ops-2025")
                .add("launch_template", Json.createArrayBuilder())
                .add("maintenance_options", Json.createArrayBuilder().add(Json.createObjectBuilder().add("auto_recovery", "default")))
                .add("metadata_options", Json.createArrayBuilder().add(Json.createObjectBuilder().add("http_endpoint", "enabled")
                        .add("http_protocol_ipv6", "disabled").add("http_put_response_hop_limit", 2).add("http_tokens", "required")
                        .add("instance_metadata_tags", "disabled")))
                .add("monitoring", true).add("network_interface", Json.createArrayBuilder()).add("outpost_arn", "")
                .add("password_data", "").add("placement_group", "").add("placement_partition_number", 0)
                .add("private_dns_name_options", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("enable_resource_name_dns_a_record", false).add("enable_resource_name_dns_aaaa_record", false)
                        .add("hostname_type", "ip-name")))
                .add("root_block_device", Json.createArrayBuilder().add(Json.createObjectBuilder().add("delete_on_termination", true)
                        .add("device_name", "/dev/sda1").add("encrypted", true).add("iops", 3000)
                        .add("kms_key_id", "arn:aws:kms:eu-west-1:123456789012:key/5f0e1d2c-3b4a-5968-7a6b-8c9d0e1f2a3b")
                        .addNull("tags").add("throughput", 125).add("volume_size", 40).add("volume_type", "gp3")))
                .add("secondary_private_ips", Json.createArrayBuilder())
                .add("security_groups", Json.createArrayBuilder()).add("source_dest_check", true)
                .add("subnet_id", "subnet-0" + Integer.toHexString(0xabc000 + i % 3))
                .add("tags", map(own)).add("tags_all", map(merged(own, defaultTags))).add("tenancy", "default").addNull("timeouts")
                .add("user_data", "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4").addNull("user_data_base64")
                .add("user_data_replace_on_change", false).addNull("volume_tags")
                .add("vpc_security_group_ids", Json.createArrayBuilder().add("sg-0a1b2c3d4e5f60718"));
        if (existing) {
            String id = String.format(Locale.ROOT, "i-0%016x", (long) (role.hashCode() & 0xffff) * 1000 + i);
            b.add("arn", "arn:aws:ec2:eu-west-1:123456789012:instance/" + id).add("id", id).add("instance_state", "running")
                    .add("primary_network_interface_id", "eni-0" + Integer.toHexString(0x1000000 + i))
                    .add("private_dns", "ip-" + ip(i).replace('.', '-') + ".eu-west-1.compute.internal")
                    .add("private_ip", ip(i)).add("public_dns", "").add("public_ip", "");
        }
        return b.build();
    }

    private static JsonObject securityGroup(Options o, Map<String, String> tags, Map<String, String> defaultTags, List<String> cidrs) {
        JsonArrayBuilder cidr = Json.createArrayBuilder();
        cidrs.forEach(cidr::add);
        Map<String, String> own = merged(tags, Map.of("Name", "web" + o.suffix));
        return Json.createObjectBuilder()
                .add("arn", "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a1b2c3d4e5f60718")
                .add("description", "web tier")
                .add("egress", Json.createArrayBuilder().add(Json.createObjectBuilder().add("cidr_blocks",
                        Json.createArrayBuilder().add("0.0.0.0/0"))
                        .add("description", "").add("from_port", 0).add("ipv6_cidr_blocks", Json.createArrayBuilder())
                        .add("prefix_list_ids", Json.createArrayBuilder()).add("protocol", "-1")
                        .add("security_groups", Json.createArrayBuilder()).add("self", false).add("to_port", 0)))
                .add("id", "sg-0a1b2c3d4e5f60718")
                .add("ingress", Json.createArrayBuilder().add(Json.createObjectBuilder().add("cidr_blocks", cidr)
                        .add("description", "https").add("from_port", 443).add("ipv6_cidr_blocks", Json.createArrayBuilder())
                        .add("prefix_list_ids", Json.createArrayBuilder()).add("protocol", "tcp")
                        .add("security_groups", Json.createArrayBuilder()).add("self", false).add("to_port", 443)))
                .add("name", "web").add("name_prefix", "").add("owner_id", "123456789012").add("revoke_rules_on_delete", false)
                .add("tags", map(own)).add("tags_all", map(merged(own, defaultTags))).addNull("timeouts")
                .add("vpc_id", "vpc-0f1e2d3c4b5a69788").build();
    }

    private static JsonObject database(Options o, int storage, String environmentTag, Map<String, String> defaultTags) {
        Map<String, String> own = Map.of("Environment", environmentTag, "Name", "shop-db" + o.suffix);
        return Json.createObjectBuilder().add("address", "shop-db.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com")
                .add("allocated_storage", storage).add("apply_immediately", false).add("backup_retention_period", 7)
                .add("db_name", "shop").add("engine", "postgres").add("engine_version", "16.3")
                .add("identifier", "shop-db").add("instance_class", "db.r6g.large").add("multi_az", true)
                .add("password", "correct-horse-battery-staple").add("storage_encrypted", true).add("storage_type", "gp3")
                .add("tags", map(own)).add("tags_all", map(merged(own, defaultTags))).add("username", "shop").build();
    }

    private static JsonObject configuration() {
        return Json.createObjectBuilder()
                .add("provider_config", Json.createObjectBuilder().add("aws", Json.createObjectBuilder().add("name", "aws")
                        .add("full_name", "registry.terraform.io/hashicorp/aws").add("version_constraint", "~> 5.40")
                        .add("expressions", Json.createObjectBuilder()
                                .add("region", Json.createObjectBuilder().add("references", Json.createArrayBuilder().add("var.region")))
                                .add("default_tags", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tags",
                                        Json.createObjectBuilder().add("constant_value", Json.createObjectBuilder()
                                                .add("ManagedBy", "terraform").add("Repository", "acme/infra-shop"))))))))
                .add("root_module", Json.createObjectBuilder()
                        .add("resources", Json.createArrayBuilder().add(Json.createObjectBuilder().add("address", "aws_instance.worker")
                                .add("mode", "managed").add("type", "aws_instance").add("name", "worker").add("provider_config_key", "aws")
                                .add("expressions", Json.createObjectBuilder()
                                        .add("ami", Json.createObjectBuilder().add("references", Json.createArrayBuilder()
                                                .add("data.aws_ami.ubuntu.id").add("data.aws_ami.ubuntu")))
                                        .add("instance_type", Json.createObjectBuilder().add("references", Json.createArrayBuilder()
                                                .add("var.instance_type"))))
                                .add("schema_version", 1)
                                .add("count_expression", Json.createObjectBuilder().add("references", Json.createArrayBuilder()
                                        .add("var.worker_count")))))
                        .add("module_calls", Json.createObjectBuilder().add("db", Json.createObjectBuilder().add("source", "./modules/db")
                                .add("module", Json.createObjectBuilder().add("variables", Json.createObjectBuilder()
                                        .add("allocated_storage", Json.createObjectBuilder().add("default", 100))))))
                        .add("variables", Json.createObjectBuilder()
                                .add("environment", Json.createObjectBuilder().add("description", "Deployment environment"))
                                .add("region", Json.createObjectBuilder().add("default", "eu-west-1"))
                                .add("instance_type", Json.createObjectBuilder().add("default", "t3.medium"))
                                .add("worker_count", Json.createObjectBuilder().add("default", 3))
                                .add("allowed_cidrs", Json.createObjectBuilder())))
                .build();
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new TreeMap<>(a);
        m.putAll(b);
        return m;
    }

    private static JsonObjectBuilder map(Map<String, String> values) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        new TreeMap<>(values).forEach(b::add);
        return b;
    }

    private static String ip(int i) {
        return "10.20." + (i / 250) + "." + (i % 250 + 4);
    }

    /** Reads a JSON array of {address, actions} as address → actions. */
    public static Map<String, List<String>> resources(JsonArray array) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (JsonObject r : array.getValuesAs(JsonObject.class)) {
            List<String> actions = new ArrayList<>();
            r.getJsonArray("actions").getValuesAs(JsonString.class).forEach(s -> actions.add(s.getString()));
            result.put(r.getString("address"), actions);
        }
        return result;
    }
}
