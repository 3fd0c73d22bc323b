package io.opssight.platform.boundary;

import io.opssight.platform.control.OpsSightDataSource;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** What the readiness check asks: can we reach the database, and is the schema migrated? */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PlatformStatus {

    /** The answer of one readiness probe. */
    public record DatabaseStatus(boolean reachable, boolean migrated, String database, String schemaVersion, String error) {
    }

    @Resource(lookup = Migrations.DATASOURCE)
    DataSource dataSource;

    @EJB
    Migrations migrations;

    public DatabaseStatus database() {
        String expected = migrations.appliedVersion();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            String current = null;
            int failed = 0;
            try (ResultSet rs = statement.executeQuery(
                    "select version, success from flyway_schema_history where version is not null order by installed_rank")) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        current = rs.getString(1);
                    } else {
                        failed++;
                    }
                }
            }
            boolean migrated = expected != null && failed == 0 && current != null
                    && compareVersions(current, expected) >= 0;
            return new DatabaseStatus(true, migrated, OpsSightDataSource.describe(), current,
                    migrated ? null : "schema at " + current + ", this instance needs " + expected);
        } catch (SQLException e) {
            return new DatabaseStatus(false, false, OpsSightDataSource.describe(), null, e.getClass().getSimpleName());
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
