package io.opssight.dora.entity;

import java.util.Locale;

/** A DORA performance tier. "No data" is not a tier: figures without data have none (null). */
public enum Tier {
    ELITE, HIGH, MEDIUM, LOW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
