package io.opssight.platform.boundary;

import io.opssight.platform.control.OpsSightDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Does autovacuum's ANALYZE when PostgreSQL runs without autovacuum (some CI images turn it off).
 * <p>
 * OpsSight's statements are prepared once per pooled connection, and PostgreSQL keeps the plan it
 * made while a table was small until an ANALYZE changes the table's statistics. Without
 * autovacuum that never happens: a lookup planned as a sequential scan of a near-empty table stays
 * one, and with every delivery reading the whole table, ingestion slows down as the data grows
 * (measured: a mapping lookup of {@code pipeline_run} by its natural key read 477 million rows in
 * 16,139 scans over ten minutes of the ingest benchmark). So, only then, every
 * {@code opssight.db.analyze-interval} (default 30 s) this analyses each table that changed by more
 * than autovacuum's own threshold (50 rows + 10 %) since its last analysis. Replicas take turns
 * (an advisory lock). With autovacuum on, or on the embedded database, it does nothing.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TableStatistics {

    private static final System.Logger LOGGER = System.getLogger(TableStatistics.class.getName());
    /** Advisory lock key: "OpsS" "anlz". */
    private static final long LOCK = 0x4f707353616e6c7aL;
    private static final String STALE = "select quote_ident(schemaname) || '.' || quote_ident(relname) from pg_stat_user_tables "
            + "where n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0) order by relname";

    @Resource(lookup = Migrations.DATASOURCE)
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "opssight.db.analyze-interval", defaultValue = "PT30S")
    Duration interval;

    @PostConstruct
    void schedule() {
        if (!OpsSightDataSource.isPostgres() || autovacuumOn()) {
            return;
        }
        if (interval.isZero() || interval.isNegative()) {
            LOGGER.log(Level.WARNING, "PostgreSQL runs with autovacuum off and opssight.db.analyze-interval is 0: table "
                    + "statistics and cached query plans go stale as OpsSight''s tables grow (docs/OPERATIONS.md)");
            return;
        }
        LOGGER.log(Level.WARNING, "PostgreSQL runs with autovacuum off: table statistics and cached query plans go stale "
                + "as OpsSight''s tables grow, and dead rows are never reclaimed. OpsSight analyses the tables that changed "
                + "every {0} (opssight.db.analyze-interval) but does not vacuum: turn autovacuum on (docs/OPERATIONS.md)",
                interval);
        timers.createIntervalTimer(5_000, interval.toMillis(), new TimerConfig("table-statistics", false));
    }

    private boolean autovacuumOn() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("show autovacuum")) {
            return !setting.next() || "on".equalsIgnoreCase(setting.getString(1));
        } catch (SQLException e) {
            LOGGER.log(Level.WARNING, "Could not read PostgreSQL''s autovacuum setting: {0}", e.getMessage());
            return true;
        }
    }

    /** Never throws: a timer whose callback fails twice is expunged by the container. */
    @Timeout
    void tick() {
        try {
            List<String> analysed = analyseStale();
            if (!analysed.isEmpty()) {
                LOGGER.log(Level.DEBUG, "Analysed {0}", analysed);
            }
        } catch (SQLException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not analyse OpsSight''s tables, retrying in {0}: {1}", interval, e.getMessage());
        }
    }

    /** Analyses every table changed past the threshold; returns their names (none if another replica is at it). */
    List<String> analyseStale() throws SQLException {
        List<String> analysed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                // A transaction-level lock and timeout: both end with the transaction, nothing leaks
                // into the pooled connection.
                try (ResultSet locked = statement.executeQuery("select pg_try_advisory_xact_lock(" + LOCK + ")")) {
                    if (!locked.next() || !locked.getBoolean(1)) {
                        connection.rollback();
                        return analysed;
                    }
                }
                statement.execute("set local statement_timeout = '5min'");
                try (ResultSet stale = statement.executeQuery(STALE)) {
                    while (stale.next()) {
                        analysed.add(stale.getString(1));
                    }
                }
                for (String table : analysed) {
                    statement.execute("analyze " + table);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        return analysed;
    }
}
