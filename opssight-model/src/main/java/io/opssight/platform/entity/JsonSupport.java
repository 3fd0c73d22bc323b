package io.opssight.platform.entity;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the application, looked up once. {@code jakarta.json.Json.createX()}
 * looks the provider up through the class loader on every call, which inside Payara scans jars
 * and showed up as the top cost of ingestion in a profile; use {@link #JSON} instead.
 */
public final class JsonSupport {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {
    }
}
