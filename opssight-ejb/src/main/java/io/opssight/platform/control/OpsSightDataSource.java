package io.opssight.platform.control;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import java.io.IOException;
import java.util.logging.Level;

/**
 * The connection factory behind OpsSight's pool: PostgreSQL when {@code OPSSIGHT_DB_URL} is set,
 * otherwise the embedded default, an H2 database in files under {@code OPSSIGHT_DATA_DIR}
 * (default {@code ~/.opssight}) that survives restarts and needs nothing installed.
 *
 * <p>Payara's pool instantiates this class by name (see {@link io.opssight.platform.boundary.Migrations}'s
 * {@code @DataSourceDefinition}), outside any application context, which is why it reads the
 * environment (or the same names as system properties) rather than MicroProfile Config.
 */
public class OpsSightDataSource implements DataSource {

    /**
     * Hibernate logs each failed statement itself (the SQLState, then the database's message)
     * before OpsSight handles the failure and logs it once per cause; a poison delivery retried
     * made that a pair of lines per attempt (issue 16). Held here so the level is not lost with
     * the logger.
     */
    private static final Logger STATEMENT_FAILURES = Logger.getLogger("org.hibernate.engine.jdbc.spi.SqlExceptionHelper");

    static {
        STATEMENT_FAILURES.setLevel(Level.OFF);
    }

    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private volatile DataSource delegate;

    /** Schema migrations: no socket timeout, so a long backfill or index build is not cut off. */
    private boolean migrations;

    /** Connections for Flyway: like the application's, but a statement may run as long as it needs. */
    public static OpsSightDataSource forMigrations() {
        OpsSightDataSource dataSource = new OpsSightDataSource();
        dataSource.migrations = true;
        return dataSource;
    }
    private int loginTimeout;
    private PrintWriter logWriter;

    /** Which database a set of settings selects; used by the health check to say what it checked. */
    public static String describe() {
        return setting("OPSSIGHT_DB_URL") == null ? "embedded H2 in " + dataDirectory() : "PostgreSQL";
    }

    static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String setting(String name, String fallback) {
        String value = setting(name);
        return value == null ? fallback : value;
    }

    /** Whether the connections go to PostgreSQL (else the embedded H2). */
    public static boolean isPostgres() {
        return setting("OPSSIGHT_DB_URL") != null;
    }

    static Path dataDirectory() {
        String dir = setting("OPSSIGHT_DATA_DIR");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".opssight");
    }

    private DataSource delegate() throws SQLException {
        DataSource current = delegate;
        if (current == null) {
            synchronized (this) {
                current = delegate;
                if (current == null) {
                    current = create(migrations);
                    delegate = current;
                }
            }
        }
        return current;
    }

    private static DataSource create(boolean migrations) throws SQLException {
        String url = setting("OPSSIGHT_DB_URL");
        if (url != null) {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new SQLException("OPSSIGHT_DB_URL must be a jdbc:postgresql: URL (got a different scheme)");
            }
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(setting("OPSSIGHT_DB_USER"));
            pg.setPassword(setting("OPSSIGHT_DB_PASSWORD"));
            pg.setApplicationName("opssight");
            // Fail fast rather than hang when the database is away: ingestion answers 503 well
            // inside GitHub's 10 s delivery timeout.
            pg.setConnectTimeout(3);
            pg.setLoginTimeout(3);
            pg.setSocketTimeout(migrations ? 0 : 30);
            pg.setTcpKeepAlive(true);
            // A slow or locked database fails a statement within seconds instead of holding a
            // request (and GitHub's 10 s delivery timeout) hostage; the caller then answers 503.
            // Schema migrations lift the limit for their own session (Migrations).
            pg.setOptions("-c statement_timeout=" + setting("OPSSIGHT_DB_STATEMENT_TIMEOUT", "5000")
                    + " -c lock_timeout=" + setting("OPSSIGHT_DB_LOCK_TIMEOUT", "3000"));
            pg.setReWriteBatchedInserts(true);
            // A failed statement's exception (and so any log line) names no bound values: they are
            // payloads of up to 25 MB, and a token's hash (issue 16's 125 MB log).
            pg.setLogServerErrorDetail(false);
            return pg;
        }
        Path dir = dataDirectory().resolve("db");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SQLException("cannot create the embedded database directory " + dir, e);
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("opssight").toAbsolutePath() + H2_OPTIONS);
        h2.setUser("sa");
        h2.setPassword("");
        return h2;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        // The pool may pass the (empty) user of the definition; the settings above are authoritative.
        return delegate().getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate().isWrapperFor(iface);
    }
}
