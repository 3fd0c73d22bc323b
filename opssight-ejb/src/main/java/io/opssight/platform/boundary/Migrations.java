package io.opssight.platform.boundary;

import io.opssight.platform.control.OpsSightDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger.Level;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the schema up to date with Flyway before anything else runs. Two replicas starting at
 * once are safe: Flyway takes a database lock (an advisory lock on PostgreSQL) around the
 * migration, so the second waits and then finds nothing to do.
 */
@Startup
@Singleton
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DataSourceDefinition(
        name = Migrations.DATASOURCE,
        className = "io.opssight.platform.control.OpsSightDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        maxIdleTime = 300,
        loginTimeout = 3,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
            "fish.payara.fail-all-connections=true",
            // Validate a connection at most every 5 s, not on every use: a round trip per
            // transaction was a visible share of ingestion's cost.
            "fish.payara.validate-atmost-once-period-in-seconds=5",
            "fish.payara.max-wait-time-in-millis=3000"
        })
public class Migrations {

    public static final String DATASOURCE = "java:app/jdbc/opssight";
    private static final System.Logger LOGGER = System.getLogger(Migrations.class.getName());

    private volatile String appliedVersion;

    @PostConstruct
    void migrate() {
        // Flyway gets connections of its own, outside the pool: its session settings (no statement
        // timeout, for long index builds) then never leak into connections the application uses.
        FluentConfiguration configuration = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(OpsSightDataSource.forMigrations())
                .locations("classpath:db/migration")
                .connectRetries(10);
        if (OpsSightDataSource.isPostgres()) {
            // Building an index on a large table may take longer than the application's statement timeout.
            configuration.initSql("set statement_timeout = 0; set lock_timeout = 0");
        }
        Flyway flyway = configuration.load();
        MigrateResult result = flyway.migrate();
        appliedVersion = flyway.info().current() == null ? null : flyway.info().current().getVersion().getVersion();
        LOGGER.log(Level.INFO, "Database schema ({0}) at version {1}; {2} migration(s) applied now",
                OpsSightDataSource.describe(), appliedVersion, result.migrationsExecuted);
    }

    /** The schema version this instance migrated to at start, or null if none. */
    @Lock(LockType.READ)
    public String appliedVersion() {
        return appliedVersion;
    }
}
