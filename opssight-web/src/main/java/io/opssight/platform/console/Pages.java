package io.opssight.platform.console;

import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ValidationProblem;
import io.opssight.platform.rest.QueryParams;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.time.Instant;
import java.util.Map;

/** Small helpers every console page shares: messages and filter values (times and durations: {@link Format}). */
public final class Pages {

    private Pages() {
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A filter date or time: an ISO instant, or a day (its start in UTC); null when blank or unreadable. */
    public static Instant instant(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            // The API's one date parser, so the console takes the same dates (1970 to 9999) as the API.
            return QueryParams.instant("date", text);
        } catch (ValidationProblem e) {
            error(null, "'" + text + "' is not a date (2026-11-25) or a time (2026-11-25T10:00:00Z) from 1970 to 9999; "
                    + "that filter is ignored.");
            return null;
        }
    }

    public static void info(String clientId, String summary) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, summary));
    }

    public static void error(String clientId, String summary) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, summary));
    }

    /** The message a refused boundary call shows the user: the problem's own words, or the missing permission. */
    public static String refusal(RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof EJBAccessException) {
                return "You do not have the permission for this.";
            }
            if (cause instanceof OpsSightException) {
                return cause.getMessage();
            }
            cause = cause instanceof EJBException ? cause.getCause() : null;
        }
        throw e;
    }

    /**
     * Shows a refused boundary call's message ({@link #refusal}) next to the form field the problem
     * is about: {@code fields} maps the input names the boundary uses ({@link OpsSightException#field()})
     * to the page's client ids; any other problem shows at {@code fallback} (null: the page's messages).
     */
    public static void refused(RuntimeException e, Map<String, String> fields, String fallback) {
        error(clientId(e, fields, fallback), refusal(e));
    }

    /** The client id a refused call's message belongs to (see {@link #refused}). */
    public static String clientId(RuntimeException e, Map<String, String> fields, String fallback) {
        Throwable cause = e;
        while (cause instanceof EJBException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String field = cause instanceof OpsSightException problem ? problem.field() : null;
        return field == null ? fallback : fields.getOrDefault(field, fallback);
    }
}
