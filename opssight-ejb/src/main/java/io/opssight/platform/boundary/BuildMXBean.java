package io.opssight.platform.boundary;

/** {@code io.opssight:type=Build}: what is running and for how long (read-only). */
public interface BuildMXBean {

    String getVersion();

    String getJavaVersion();

    /** When this instance's application started, ISO-8601. */
    String getStartTime();

    long getUptimeSeconds();
}
