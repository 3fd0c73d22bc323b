package io.opssight.platform.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The features of the code layout, {@code io.opssight.<feature>.<role>} (docs/ARCHITECTURE.md): the
 * one list that the JMX log levels ({@code platform.boundary.Management}) and the OpenAPI wire
 * schemas ({@code platform.rest.WireSchemas}) read, and that {@code FeatureTest} holds to the
 * packages in the model.
 */
public enum Feature {
    ACCESS, ALERTING, AUDIT, AUTOMATION, CATALOG, CHANGE, DEPLOYMENT, DORA, INCIDENT, INGESTION, PIPELINE, PLATFORM;

    /** The package segment, e.g. {@code deployment}. */
    public String packageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every feature's package segment, in alphabetical order. */
    public static List<String> packageNames() {
        return Arrays.stream(values()).map(Feature::packageName).toList();
    }
}
