package io.opssight.platform.boundary;

import static io.opssight.platform.control.JmxBeans.call;
import static io.opssight.platform.control.JmxBeans.run;
import static io.opssight.platform.control.JmxBeans.user;

import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.platform.control.JmxBeans;
import io.opssight.platform.control.LogLevels;
import io.opssight.platform.control.RateLimitSettings.Limit;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Properties;

/**
 * The MXBean views of {@link Management}: each attribute and operation a JMX client sees, mapped to
 * one call. What changes or reads the database goes through Management's business interface
 * ({@code self}) so it runs with the container's transaction and naming context even on an RMI
 * thread; in-memory figures are read from the bean directly.
 */
final class ManagementBeans {

    private static final System.Logger LOGGER = System.getLogger(ManagementBeans.class.getName());

    private ManagementBeans() {
    }

    static void register(JmxBeans beans, Management bean, Management self) {
        ClassLoader loader = Management.class.getClassLoader();
        beans.register("Ingestion", new IngestionMXBean() {
            public long getBacklog() { return call(loader, () -> self.count(DeliveryStatus.RECEIVED)); }
            public long getProcessed() { return call(loader, () -> self.count(DeliveryStatus.PROCESSED)); }
            public long getIgnored() { return call(loader, () -> self.count(DeliveryStatus.IGNORED)); }
            public long getDeadLetters() { return call(loader, () -> self.count(DeliveryStatus.DEAD_LETTER)); }
            public String replayDeadLetters(int max) { return call(loader, () -> self.replayDeadLetters(user(), max)); }
        }, IngestionMXBean.class);
        beans.register("Caches", new CachesMXBean() {
            public int getSourceCacheSize() { return call(loader, self::sourceCacheSize); }
            public void flushSourceCache() { run(loader, () -> self.flushSourceCache(user())); }
        }, CachesMXBean.class);
        beans.register("Logging", new LoggingMXBean() {
            public String[] getFeatures() { return LogLevels.features().toArray(String[]::new); }
            public String getLogLevel(String feature) { return call(loader, () -> self.logLevel(feature)); }
            public void setLogLevel(String feature, String level) { run(loader, () -> self.setLogLevel(user(), feature, level)); }
        }, LoggingMXBean.class);
        beans.register("RateLimits", new RateLimitsMXBean() {
            public long getPerTokenPerMinute() { return bean.rateLimits.perMinute(Limit.TOKEN); }
            public void setPerTokenPerMinute(long perMinute) { run(loader, () -> self.changeRateLimit(user(), Limit.TOKEN, perMinute)); }
            public long getPerAddressPerMinute() { return bean.rateLimits.perMinute(Limit.ADDRESS); }
            public void setPerAddressPerMinute(long perMinute) {
                run(loader, () -> self.changeRateLimit(user(), Limit.ADDRESS, perMinute));
            }
            public long getPerSourcePerMinute() { return bean.rateLimits.perMinute(Limit.SOURCE); }
            public void setPerSourcePerMinute(long perMinute) { run(loader, () -> self.changeRateLimit(user(), Limit.SOURCE, perMinute)); }
            public long getRefusedByToken() { return bean.rateLimits.refusedSoFar(Limit.TOKEN); }
            public long getRefusedByAddress() { return bean.rateLimits.refusedSoFar(Limit.ADDRESS); }
            public long getRefusedBySource() { return bean.rateLimits.refusedSoFar(Limit.SOURCE); }
            public boolean isCountsShared() { return bean.rateCounters.shared(); }
        }, RateLimitsMXBean.class);
        beans.register("Analytics", new AnalyticsMXBean() {
            public long getRollupLagSeconds() { return call(loader, self::rollupLagSeconds); }
            public long getDirtyDays() { return call(loader, self::dirtyDays); }
            public long getRecomputes() { return bean.doraMetrics.recomputes(); }
            public boolean isRollupEnabled() { return bean.dirtyDays.enabled(); }
        }, AnalyticsMXBean.class);
        beans.register("Build", new BuildMXBean() {
            public String getVersion() { return bean.version; }
            public String getJavaVersion() { return Runtime.version().toString(); }
            public String getStartTime() { return bean.started.toString(); }
            public long getUptimeSeconds() { return Duration.between(bean.started, bean.clock.instant()).toSeconds(); }
        }, BuildMXBean.class);
    }

    /** The version the Build view shows: the EJB module's Maven version, else the jar manifest's. */
    static String buildVersion() {
        try (InputStream in = ManagementBeans.class.getResourceAsStream("/META-INF/maven/io.opssight/opssight-ejb/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "No build properties: {0}", e.getMessage());
        }
        String implementation = ManagementBeans.class.getPackage().getImplementationVersion();
        return implementation == null ? "unknown" : implementation;
    }
}
