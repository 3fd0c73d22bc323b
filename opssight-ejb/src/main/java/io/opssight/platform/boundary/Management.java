package io.opssight.platform.boundary;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.dora.control.DoraDirtyDays;
import io.opssight.dora.control.DoraQueryMetrics;
import io.opssight.dora.control.DoraRollup;
import io.opssight.ingestion.boundary.DeliveryLog;
import io.opssight.ingestion.boundary.DeadLetters;
import io.opssight.ingestion.control.SourceCache;
import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.platform.control.RateCounters;
import io.opssight.platform.control.RateLimitSettings;
import io.opssight.platform.control.RateLimitSettings.Limit;
import io.opssight.platform.entity.Feature;
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
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.security.AccessController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

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
    static final Set<String> FEATURES = Set.copyOf(Feature.packageNames());

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

    private final Clock clock = Clock.systemUTC();
    /** JUL holds loggers weakly: a level set on a logger nobody references would be lost. */
    private final Map<String, Logger> configured = new ConcurrentHashMap<>();
    private final List<ObjectName> registered = new ArrayList<>();
    private Instant started;
    private String version;

    @PostConstruct
    void start() {
        started = clock.instant();
        version = readVersion();
        Management self = context.getBusinessObject(Management.class);
        ClassLoader loader = Management.class.getClassLoader();
        registerBean("Ingestion", new IngestionMXBean() {
            public long getBacklog() { return call(loader, () -> self.count(DeliveryStatus.RECEIVED)); }
            public long getProcessed() { return call(loader, () -> self.count(DeliveryStatus.PROCESSED)); }
            public long getIgnored() { return call(loader, () -> self.count(DeliveryStatus.IGNORED)); }
            public long getDeadLetters() { return call(loader, () -> self.count(DeliveryStatus.DEAD_LETTER)); }
            public String replayDeadLetters(int max) { return call(loader, () -> self.replayDeadLetters(jmxUser(), max)); }
        }, IngestionMXBean.class);
        registerBean("Caches", new CachesMXBean() {
            public int getSourceCacheSize() { return call(loader, self::sourceCacheSize); }
            public void flushSourceCache() { run(loader, () -> self.flushSourceCache(jmxUser())); }
        }, CachesMXBean.class);
        registerBean("Logging", new LoggingMXBean() {
            public String[] getFeatures() { return new TreeSet<>(FEATURES).toArray(String[]::new); }
            public String getLogLevel(String feature) { return call(loader, () -> self.logLevel(feature)); }
            public void setLogLevel(String feature, String level) { run(loader, () -> self.setLogLevel(jmxUser(), feature, level)); }
        }, LoggingMXBean.class);
        registerBean("RateLimits", new RateLimitsMXBean() {
            public long getPerTokenPerMinute() { return rateLimits.perMinute(Limit.TOKEN); }
            public void setPerTokenPerMinute(long perMinute) { run(loader, () -> self.changeRateLimit(jmxUser(), Limit.TOKEN, perMinute)); }
            public long getPerAddressPerMinute() { return rateLimits.perMinute(Limit.ADDRESS); }
            public void setPerAddressPerMinute(long perMinute) { run(loader, () -> self.changeRateLimit(jmxUser(), Limit.ADDRESS, perMinute)); }
            public long getPerSourcePerMinute() { return rateLimits.perMinute(Limit.SOURCE); }
            public void setPerSourcePerMinute(long perMinute) { run(loader, () -> self.changeRateLimit(jmxUser(), Limit.SOURCE, perMinute)); }
            public long getRefusedByToken() { return rateLimits.refusedSoFar(Limit.TOKEN); }
            public long getRefusedByAddress() { return rateLimits.refusedSoFar(Limit.ADDRESS); }
            public long getRefusedBySource() { return rateLimits.refusedSoFar(Limit.SOURCE); }
            public boolean isCountsShared() { return rateCounters.shared(); }
        }, RateLimitsMXBean.class);
        registerBean("Analytics", new AnalyticsMXBean() {
            public long getRollupLagSeconds() { return call(loader, self::rollupLagSeconds); }
            public long getDirtyDays() { return call(loader, self::dirtyDays); }
            public long getRecomputes() { return doraMetrics.recomputes(); }
            public boolean isRollupEnabled() { return dirtyDays.enabled(); }
        }, AnalyticsMXBean.class);
        registerBean("Build", new BuildMXBean() {
            public String getVersion() { return version; }
            public String getJavaVersion() { return Runtime.version().toString(); }
            public String getStartTime() { return started.toString(); }
            public long getUptimeSeconds() { return Duration.between(started, clock.instant()).toSeconds(); }
        }, BuildMXBean.class);
    }

    private <T> void registerBean(String type, T bean, Class<T> mxbean) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(DOMAIN, "type", type);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a redeploy in the same JVM
            }
            server.registerMBean(new javax.management.StandardMBean(bean, mxbean, true), name);
            registered.add(name);
        } catch (JMException e) {
            LOGGER.log(Level.WARNING, "MBean {0} not registered: {1}", type, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOGGER.log(Level.DEBUG, "MBean {0} already gone", name);
            }
        }
        registered.clear();
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
        String name = loggerName(feature);
        java.util.logging.Level level = Logger.getLogger(name).getLevel();
        return level == null ? "inherited" : level.getName();
    }

    public void setLogLevel(String user, String feature, String level) {
        String action = "Management.setLogLevel";
        if (feature == null || !FEATURES.contains(feature)) {
            refused(user, action, "logger " + feature, "unknown feature; one of " + new TreeSet<>(FEATURES));
        }
        java.util.logging.Level parsed;
        try {
            parsed = java.util.logging.Level.parse(level == null ? "" : level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        String name = loggerName(feature);
        if (parsed == null) {
            refused(user, action, "logger " + name, "unknown level " + level
                    + "; one of SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST, ALL, OFF");
        }
        Logger logger = configured.computeIfAbsent(name, Logger::getLogger);
        String before = logger.getLevel() == null ? "inherited" : logger.getLevel().getName();
        logger.setLevel(parsed);
        audit.recordApart(ACTOR, action, "logger " + name, "success",
                "jmxUser=" + user + " level " + before + " -> " + parsed.getName());
        LOGGER.log(Level.INFO, "Log level of {0} set to {1} through JMX by {2}", name, parsed.getName(), user);
    }

    private static String loggerName(String feature) {
        if (feature == null || !FEATURES.contains(feature)) {
            throw new IllegalArgumentException("Unknown feature " + feature + "; one of " + new TreeSet<>(FEATURES));
        }
        return DOMAIN + "." + feature;
    }

    /** Audits a refused change and throws what the JMX client shows the operator. */
    private String refused(String user, String action, String target, String why) {
        audit.recordApart(ACTOR, action, target, "failure", "jmxUser=" + user + " " + why);
        throw new IllegalArgumentException(why);
    }

    /** The authenticated remote JMX user, or "local" for an in-process or attach-API client. */
    @SuppressWarnings("removal")
    static String jmxUser() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (JMXPrincipal principal : subject.getPrincipals(JMXPrincipal.class)) {
                return principal.getName();
            }
        }
        return "local";
    }

    /**
     * Runs {@code work} with the application's class loader (an RMI thread carries the JDK's) and
     * turns container exceptions into plain ones a JMX client can deserialize.
     */
    static <T> T call(ClassLoader loader, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(cause.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void run(ClassLoader loader, Runnable work) {
        call(loader, () -> {
            work.run();
            return null;
        });
    }

    private static String readVersion() {
        try (InputStream in = Management.class.getResourceAsStream("/META-INF/maven/io.opssight/opssight-ejb/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "No build properties: {0}", e.getMessage());
        }
        String implementation = Management.class.getPackage().getImplementationVersion();
        return implementation == null ? "unknown" : implementation;
    }
}
