package io.opssight.ingestion.control;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.StorableText;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a failure to store or map a delivery means, in two audiences' words: {@link #reason} for
 * the sender and the operator (a delivery's note, a dead letter's reason): what is wrong with the
 * delivery, never a Java class, a stack or the database's own text with the values it was given;
 * {@link #describe} for the server log: the cause's type and message, cleaned and cut short. And
 * {@link #logOnce}, so a failure that repeats (a poison delivery retried, the database away) is
 * logged once and then counted, not once per delivery.
 */
public final class Failures {

    /** How much of a cause's message goes into one log line. */
    static final int LOGGED = 300;

    private static final Map<String, AtomicLong> SEEN = new ConcurrentHashMap<>();

    private Failures() {
    }

    /** Why the delivery could not be stored or mapped, for its note and its dead letter. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OpsSightException refused && refused.getMessage() != null) {
                return clean(refused.getMessage());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return "P0001".equals(sql.getSQLState()) ? raised(sql) : bySqlState(sql.getSQLState());
            }
        }
        Throwable root = root(failure);
        if ((root instanceof IllegalArgumentException || root instanceof DateTimeException) && root.getMessage() != null) {
            // The mappings' own refusals ("unreadable time '…'") and java.time's range checks read well.
            return clean(root.getMessage());
        }
        return "an unexpected error while mapping it (the server log says more); replay it once OpsSight is fixed";
    }

    /** Whether the failure is the database being away or overloaded (worth a 503 and a retry), not the data. */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return !(state.startsWith("22") || state.startsWith("23") || state.startsWith("42"));
            }
        }
        return true;
    }

    /**
     * An error a database function or trigger raised on purpose (RAISE EXCEPTION): its own primary
     * message is written for people, so it is the reason (without the server's "ERROR:" and the
     * context lines, which pgjdbc leaves out here: logServerErrorDetail is off).
     */
    private static String raised(SQLException sql) {
        // A batch's failure carries the statement's own error as its next exception.
        SQLException own = sql.getNextException() != null ? sql.getNextException() : sql;
        String message = own.getMessage() == null ? "" : own.getMessage().lines().findFirst().orElse("").strip();
        if (message.startsWith("ERROR:")) {
            message = message.substring("ERROR:".length()).strip();
        }
        return message.isEmpty() || message.startsWith("Batch entry") ? bySqlState(sql.getSQLState())
                : "the database refused it: " + clean(message);
    }

    private static String bySqlState(String state) {
        return switch (state) {
            case "22001" -> "a value is longer than OpsSight's model holds";
            case "22021", "22P05" -> "a text holds a character that cannot be stored (NUL)";
            case "22003" -> "a number is out of range";
            case "22007", "22008" -> "a time is out of range";
            case "23505" -> "it conflicts with a record stored at the same moment; replaying it maps it";
            case "23502" -> "a required value is missing";
            case "23503" -> "it refers to a record that no longer exists";
            case "23514" -> "a value is outside its allowed range";
            case "40001", "40P01" -> "it collided with a concurrent change; replaying it maps it";
            default -> state.startsWith("22") ? "a value cannot be stored (SQLSTATE " + state + ")"
                    : state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                            ? "the database was unavailable; replaying it maps it"
                            : "the database refused it (SQLSTATE " + state + ")";
        };
    }

    /** For the log: the innermost cause's type and message, on one line, at most {@value #LOGGED} characters. */
    public static String describe(Throwable failure) {
        Throwable root = root(failure);
        String message = root.getMessage();
        return StorableText.clean(root.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' ')),
                LOGGED);
    }

    /** Text from outside or from a library made fit for a note or a log: no control characters, one line, short. */
    public static String clean(String text) {
        return text == null ? null : StorableText.clean(text.replace('\n', ' '), 1_000);
    }

    /**
     * Logs {@code message} the first time {@code cause} is seen and at every power of ten after
     * that, with the count ("… (seen 100 times)"); returns whether it logged. The causes kept are
     * bounded: past 1,000 distinct ones the count starts over.
     */
    public static boolean logOnce(System.Logger logger, System.Logger.Level level, String cause, String message) {
        if (SEEN.size() > 1_000) {
            SEEN.clear();
        }
        long seen = SEEN.computeIfAbsent(cause, c -> new AtomicLong()).incrementAndGet();
        if (isPowerOfTen(seen)) {
            logger.log(level, seen == 1 ? message : message + " (seen " + seen + " times)");
            return true;
        }
        return false;
    }

    private static boolean isPowerOfTen(long n) {
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    private static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
