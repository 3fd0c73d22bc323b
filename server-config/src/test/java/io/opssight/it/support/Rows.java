package io.opssight.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Reading what a server stored, straight from its PostgreSQL database, for tables that have no
 * REST endpoint yet. Timestamps come back as {@link Instant}.
 */
public final class Rows {

    private Rows() {
    }

    /** One row: column name (lower case) → value. */
    public record Row(Map<String, Object> values) {

        public Object get(String column) {
            if (!values.containsKey(column)) {
                throw new AssertionError("no column " + column + " in " + values.keySet());
            }
            return values.get(column);
        }

        public String string(String column) {
            Object value = get(column);
            return value == null ? null : value.toString();
        }

        public Instant instant(String column) {
            return (Instant) get(column);
        }

        public Long number(String column) {
            Object value = get(column);
            return value == null ? null : ((Number) value).longValue();
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    public static List<Row> query(OpsSightServer server, String sql, Object... parameters) {
        try (Connection c = TestPostgres.connect(server.database()); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        Object value = rs.getObject(col);
                        if (value instanceof Timestamp ts) {
                            value = ts.toInstant();
                        } else if (value instanceof OffsetDateTime odt) {
                            value = odt.toInstant();
                        }
                        values.put(meta.getColumnLabel(col).toLowerCase(Locale.ROOT), value);
                    }
                    rows.add(new Row(values));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    public static Row only(OpsSightServer server, String sql, Object... parameters) {
        List<Row> rows = query(server, sql, parameters);
        if (rows.size() != 1) {
            throw new AssertionError("expected exactly one row, got " + rows.size() + ": " + rows);
        }
        return rows.get(0);
    }

    /** The number of deliveries a source has stored (whatever became of them). */
    public static long deliveriesOf(OpsSightServer server, Fixtures.Source source) {
        return only(server, "select count(*) as n from delivery d join source s on s.id = d.source_id "
                + "where s.kind = ? and s.name = ?", source.kind().toUpperCase(Locale.ROOT), source.name()).number("n");
    }

    /** A pipeline job by origin and external id, with its run's external id as {@code run_key}. */
    public static Row pipelineJob(OpsSightServer server, String origin, long id) {
        return only(server, "select j.*, r.external_id as run_key from pipeline_job j left join pipeline_run r on r.id = j.run_id "
                + "where j.origin = ? and j.external_id = ?", origin, String.valueOf(id));
    }

    public static Row pullRequest(OpsSightServer server, String repository, long number) {
        return only(server, "select * from pull_request where repository = ? and number = ?", repository, number);
    }

    /** sha → lead time in seconds of what the deployment (origin, external id) shipped. */
    public static Map<String, Long> leadTimes(OpsSightServer server, String origin, long deploymentId) {
        Map<String, Long> shipped = new LinkedHashMap<>();
        for (Row row : query(server, "select c.sha, dc.lead_time_seconds from deployment_change dc "
                + "join deployment d on d.id = dc.deployment_id join change_commit c on c.id = dc.commit_id "
                + "where d.origin = ? and d.external_id = ?", origin, String.valueOf(deploymentId))) {
            shipped.put(row.string("sha"), row.number("lead_time_seconds"));
        }
        return shipped;
    }
}
