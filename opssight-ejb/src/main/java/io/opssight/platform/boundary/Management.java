package io.opssight.platform.boundary;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.dora.control.DoraDirtyDays;
import io.opssight.dora.control.DoraQueryMetrics;
import io.opssight.dora.control.DoraRollup;
import io.opssight.ingestion.boundary.DeliveryLog;
import io.opssight.ingestion.boundary.DeadLetters;
import io.opssight.ingestion.control.SourceCache;
import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.platform.control.JmxBeans;
import io.opssight.platform.control.LogLevels;
import io.opssight.platform.control.RateCounters;
import io.opssight.platform.control.RateLimitSettings;
import io.opssight.platform.control.RateLimitSettings.Limit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The operators' view through JMX: MXBeans under the domain {@code io.opssight}, registered in the
 * platform MBean server at start and removed at undeploy. Remote access is the JVM's own JMX agent
 * (off unless {@code com.sun.management.jmxremote.port} is set; see docs/OPERATIONS.md), which
 * authenticates the operator. A JMX call carries no OpsSight identity, so the changes it can make
 * are few and each is written to the audit trail with actor {@code jmx} and the JMX user in the
 * details, whether it succeeds or fails.
 *
 * <p>The MXBeans call back through this bean's business interface so every operation runs with
 * the container's transaction and naming context even on an RMI thread.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Management {

    private static final System.Logger LOGGER = System.getLogger(Management.class.getName());
    public static final String DOMAIN = "io.opssight";
    public static final String ACTOR = "jmx";
    public static final int MAX_REPLAY = 10_000;

    @EJB
    DeliveryLog deliveries;

    @EJB
    DeadLetters deadLetters;

    @EJB
    AuditTrail audit;

    @Inject
    SourceCache sourceCache;

    @Inject
    RateLimitSettings rateLimits;

    @Inject
    RateCounters rateCounters;

    @Inject
    DoraRollup rollup;

    @Inject
    DoraDirtyDays dirtyDays;

    @Inject
    DoraQueryMetrics doraMetrics;

    @Resource
    SessionContext context;

    final Clock clock = Clock.systemUTC();
    private final JmxBeans beans = new JmxBeans(DOMAIN);
    private final LogLevels logLevels = new LogLevels();
    Instant started;
    String version;

    @PostConstruct
    void start() {
        started = clock.instant();
        version = ManagementBeans.buildVersion();
        ManagementBeans.register(beans, this, context.getBusinessObject(Management.class));
    }

    @PreDestroy
    void stop() {
        beans.unregisterAll();
    }

    public long count(DeliveryStatus status) {
        return deliveries.count(status);
    }

    /** Replays up to {@code max} dead letters, oldest first, as the dead-letter API's bulk replay does. */
    public String replayDeadLetters(String user, int max) {
        String action = "Management.replayDeadLetters";
        if (max < 1 || max > MAX_REPLAY) {
            return refused(user, action, "dead-letters", "max must be between 1 and " + MAX_REPLAY);
        }
        DeadLetters.Replayed replayed = deadLetters.replayOldest(null, max);
        String result = String.format(Locale.ROOT, "replayed=%d processed=%d ignored=%d stillFailing=%d",
                replayed.replayed(), replayed.processed(), replayed.ignored(), replayed.stillFailing());
        audit.recordApart(ACTOR, action, "dead-letters", "success", "jmxUser=" + user + " max=" + max + " " + result);
        LOGGER.log(Level.INFO, "{0} dead letters replayed through JMX by {1}", replayed.replayed(), user);
        return result;
    }

    public int sourceCacheSize() {
        return sourceCache.size();
    }

    public void flushSourceCache(String user) {
        int dropped = sourceCache.flush();
        audit.recordApart(ACTOR, "Management.flushSourceCache", "source-cache", "success",
                "jmxUser=" + user + " dropped=" + dropped);
        LOGGER.log(Level.INFO, "Source cache flushed through JMX by {0}", user);
    }

    /** Changes a rate limit on this replica; audited as {@code ratelimit.changed}, old -> new. */
    public void changeRateLimit(String user, Limit limit, long perMinute) {
        String target = "opssight.ratelimit." + limit.key();
        long before;
        try {
            before = rateLimits.change(limit, perMinute);
        } catch (IllegalArgumentException e) {
            refused(user, "ratelimit.changed", target, e.getMessage());
            return;
        }
        audit.recordApart(ACTOR, "ratelimit.changed", target, "success",
                "jmxUser=" + user + " " + before + " -> " + perMinute + " per minute on this replica");
        LOGGER.log(Level.INFO, "Rate limit {0} changed from {1} to {2} through JMX by {3}", target, before, perMinute, user);
    }

    /** Age of the oldest DORA day marker waiting for the roll-up, in seconds; 0 when none waits. */
    public long rollupLagSeconds() {
        Instant oldest = rollup.oldestDirty();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
    }

    public long dirtyDays() {
        return rollup.dirtyDayCount();
    }

    public String logLevel(String feature) {
        return logLevels.level(feature);
    }

    public void setLogLevel(String user, String feature, String level) {
        String action = "Management.setLogLevel";
        if (!LogLevels.known(feature)) {
            refused(user, action, "logger " + feature, "unknown feature; one of " + LogLevels.features());
        }
        // qualified: System.Logger.Level is this class's logging level
        java.util.logging.Level parsed = LogLevels.parse(level);
        String name = LogLevels.loggerName(feature);
        if (parsed == null) {
            refused(user, action, "logger " + name, "unknown level " + level
                    + "; one of SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST, ALL, OFF");
        }
        String before = logLevels.set(feature, parsed);
        audit.recordApart(ACTOR, action, "logger " + name, "success",
                "jmxUser=" + user + " level " + before + " -> " + parsed.getName());
        LOGGER.log(Level.INFO, "Log level of {0} set to {1} through JMX by {2}", name, parsed.getName(), user);
    }

    /** Audits a refused change and throws what the JMX client shows the operator. */
    private String refused(String user, String action, String target, String why) {
        audit.recordApart(ACTOR, action, target, "failure", "jmxUser=" + user + " " + why);
        throw new IllegalArgumentException(why);
    }
}
