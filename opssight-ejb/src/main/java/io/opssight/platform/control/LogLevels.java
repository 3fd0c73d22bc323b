package io.opssight.platform.control;

import io.opssight.platform.entity.Feature;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log level of each feature's loggers ({@code io.opssight.<feature>}), as operators read and
 * change it at run time. A level applies to this replica until it restarts.
 */
public final class LogLevels {

    public static final String INHERITED = "inherited";
    private static final String ROOT = "io.opssight";
    private static final Set<String> FEATURES = Set.copyOf(Feature.packageNames());

    /** JUL holds loggers weakly: a level set on a logger nobody references would be lost. */
    private final Map<String, Logger> configured = new ConcurrentHashMap<>();

    public static SortedSet<String> features() {
        return new TreeSet<>(FEATURES);
    }

    public static boolean known(String feature) {
        return feature != null && FEATURES.contains(feature);
    }

    /** The logger of a feature; an unknown feature is refused with the list of known ones. */
    public static String loggerName(String feature) {
        if (!known(feature)) {
            throw new IllegalArgumentException("Unknown feature " + feature + "; one of " + features());
        }
        return ROOT + "." + feature;
    }

    /** A JUL level by name (SEVERE … FINEST, ALL, OFF, or a number), or null when it is none. */
    public static Level parse(String level) {
        try {
            return Level.parse(level == null ? "" : level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String level(String feature) {
        Level level = Logger.getLogger(loggerName(feature)).getLevel();
        return level == null ? INHERITED : level.getName();
    }

    /** Sets the level of a known feature's logger and returns the level it had. */
    public String set(String feature, Level level) {
        Logger logger = configured.computeIfAbsent(loggerName(feature), Logger::getLogger);
        String before = logger.getLevel() == null ? INHERITED : logger.getLevel().getName();
        logger.setLevel(level);
        return before;
    }
}
