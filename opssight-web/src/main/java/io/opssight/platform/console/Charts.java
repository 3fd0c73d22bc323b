package io.opssight.platform.console;

import io.opssight.platform.entity.JsonSupport;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * Chart.js configurations for PrimeFaces' {@code <p:chart value="...">}: the whole configuration
 * as one JSON string. The renderer writes it into a script verbatim, so "&lt;" is escaped to keep
 * names from the data (services, jobs) from closing the script element.
 */
public final class Charts {

    private static final String[] COLOURS = {"#1f6feb", "#c2410c", "#0e7c3a", "#7c3aed"};

    /** One line of a chart: its legend label and one value (or null: no data) per x label. */
    public record Series(String label, List<? extends Number> values) {
    }

    private Charts() {
    }

    /** Seconds as hours for a chart's y axis, to two decimals; null (no data) stays null. */
    public static Number hours(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 36.0) / 100.0;
    }

    /** Seconds as minutes for a chart's y axis, to two decimals; null (no data) stays null. */
    public static Number minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 0.6) / 100.0;
    }

    /** A line chart over {@code labels} with a y axis titled {@code yTitle}, starting at zero. */
    public static String line(List<String> labels, String yTitle, List<Series> series) {
        JsonArrayBuilder datasets = JsonSupport.JSON.createArrayBuilder();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            JsonArrayBuilder data = JsonSupport.JSON.createArrayBuilder();
            for (Number v : s.values()) {
                if (v == null) {
                    data.addNull();
                } else {
                    data.add(v.doubleValue());
                }
            }
            String colour = COLOURS[i % COLOURS.length];
            datasets.add(JsonSupport.JSON.createObjectBuilder().add("label", s.label()).add("data", data)
                    .add("borderColor", colour).add("backgroundColor", colour).add("spanGaps", true).add("tension", 0.2));
        }
        JsonArrayBuilder xs = JsonSupport.JSON.createArrayBuilder();
        labels.forEach(xs::add);
        JsonObjectBuilder options = JsonSupport.JSON.createObjectBuilder()
                .add("responsive", true).add("maintainAspectRatio", false).add("animation", false)
                .add("scales", JsonSupport.JSON.createObjectBuilder()
                        .add("y", JsonSupport.JSON.createObjectBuilder().add("beginAtZero", true)
                                .add("title", JsonSupport.JSON.createObjectBuilder().add("display", true).add("text", yTitle))))
                .add("plugins", JsonSupport.JSON.createObjectBuilder()
                        .add("legend", JsonSupport.JSON.createObjectBuilder().add("position", "bottom")));
        String json = JsonSupport.JSON.createObjectBuilder().add("type", "line")
                .add("data", JsonSupport.JSON.createObjectBuilder().add("labels", xs).add("datasets", datasets))
                .add("options", options).build().toString();
        return json.replace("<", "\\u003c");
    }
}
