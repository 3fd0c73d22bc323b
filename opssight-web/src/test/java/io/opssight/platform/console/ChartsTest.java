package io.opssight.platform.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.entity.JsonSupport;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import jakarta.json.JsonString;

@DisplayName("#6 console charts and formats")
class ChartsTest {

    @Test
    @DisplayName("#6 a line chart is a whole Chart.js configuration; weeks without data are gaps, not zeros")
    void lineChartConfiguration() {
        String json = Charts.line(List.of("2025-W10", "2025-W11"), "per week",
                List.of(new Charts.Series("Deployments", Arrays.asList(3, null))));
        JsonObject config = JsonSupport.JSON.createReader(new StringReader(json)).readObject();
        assertEquals("line", config.getString("type"));
        assertEquals(List.of("2025-W10", "2025-W11"), config.getJsonObject("data").getJsonArray("labels").getValuesAs(
                JsonString.class).stream().map(JsonString::getString).toList());
        JsonObject series = config.getJsonObject("data").getJsonArray("datasets").getJsonObject(0);
        assertEquals("Deployments", series.getString("label"));
        assertEquals(3.0, series.getJsonArray("data").getJsonNumber(0).doubleValue());
        assertTrue(series.getJsonArray("data").isNull(1));
    }

    @Test
    @DisplayName("#6 names from the data cannot close the script element the configuration is written into")
    void escapesMarkup() {
        String json = Charts.line(List.of("</script><script>alert(1)</script>"), "y", List.of());
        assertFalse(json.contains("<"), json);
        JsonObject config = JsonSupport.JSON.createReader(new StringReader(json)).readObject();
        assertEquals("</script><script>alert(1)</script>", config.getJsonObject("data").getJsonArray("labels").getString(0));
    }

    @Test
    @DisplayName("#6 durations and rates read the same on every page; no data is a dash, not zero")
    void formats() {
        assertEquals("42s", Format.duration(42));
        assertEquals("3m 20s", Format.duration(200));
        assertEquals("3h 0m", Format.duration(10_800.0));
        assertEquals("2d 1h", Format.duration(176_400));
        assertEquals("", Format.duration((Double) null));
        assertEquals("50.0 %", Format.percent(0.5));
        assertEquals("–", Format.percent(null));
        assertEquals("0.29", Format.number(2 / 7.0));
    }

    @Test
    @DisplayName("#6 links from ingested data are followed only when they are http(s)")
    void safeUrls() {
        assertEquals("https://github.com/acme/x/actions/runs/1", Format.safeUrl("https://github.com/acme/x/actions/runs/1"));
        assertEquals("http://jenkins.local/job/1", Format.safeUrl(" http://jenkins.local/job/1"));
        assertEquals(null, Format.safeUrl("javascript:alert(1)"));
        assertEquals(null, Format.safeUrl(" JavaScript:alert(1)"));
        assertEquals(null, Format.safeUrl("data:text/html,x"));
        assertEquals(null, Format.safeUrl(null));
    }
}
