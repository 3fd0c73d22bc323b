package io.opssight.audit.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Publishes the chain head where the database cannot rewrite it: a log line (shipped off the host
 * by the log pipeline) every minute and the gauge {@code opssight_audit_chain_length}. Whoever
 * rewrites the whole chain consistently still cannot change what was published before.
 */
@Startup
@Singleton
@PermitAll
@DependsOn("Migrations")
public class ChainPublisher {

    private static final System.Logger LOGGER = System.getLogger(ChainPublisher.class.getName());

    @Resource
    TimerService timers;

    @EJB
    AuditTrail trail;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private volatile long length = -1;

    @PostConstruct
    void schedule() {
        registry.gauge("opssight.audit.chain_length", this, p -> p.length);
        timers.createIntervalTimer(1_000, 60_000, new TimerConfig("audit-chain-head", false));
    }

    /** Outside any transaction, so that a failed read can never escape and get the timer expunged. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void publish() {
        try {
            Object[] head = trail.head();
            length = ((Number) head[0]).longValue();
            LOGGER.log(Level.INFO, "Audit chain head: seq={0} hash={1}", String.valueOf(length), head[1]);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not read the audit chain head: {0}", e.toString());
        }
    }
}
