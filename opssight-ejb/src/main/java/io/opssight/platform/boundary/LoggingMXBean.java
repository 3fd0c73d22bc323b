package io.opssight.platform.boundary;

/** {@code io.opssight:type=Logging}: the java.util.logging level of a feature's logger {@code io.opssight.<feature>}. */
public interface LoggingMXBean {

    /** The features whose level can be set. */
    String[] getFeatures();

    /** The feature logger's level, or "inherited" when it has none of its own. */
    String getLogLevel(String feature);

    /** Sets the level (SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST, ALL, OFF) on this replica until restart; audited. */
    void setLogLevel(String feature, String level);
}
