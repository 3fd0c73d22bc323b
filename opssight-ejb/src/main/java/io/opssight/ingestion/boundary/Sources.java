package io.opssight.ingestion.boundary;

import io.opssight.audit.boundary.Audited;
import io.opssight.access.entity.Permission;
import io.opssight.ingestion.control.Normalizers;
import io.opssight.ingestion.entity.DeliveryStatus;
import io.opssight.ingestion.entity.Source;
import io.opssight.ingestion.entity.SourceKind;
import io.opssight.platform.entity.ConflictProblem;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.opssight.ingestion.control.SourceCache;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Webhook sources: register, list, look up. */
@Stateless
@RolesAllowed(Permission.SOURCES_MANAGE)
public class Sources {

    private static final System.Logger LOGGER = System.getLogger(Sources.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    SourceCache sourceCache;

    @Inject
    Normalizers kinds;

    Clock clock = Clock.systemUTC();

    /** Registers a source; its secret authenticates deliveries at /api/v1/ingest/{kind}/{name}. */
    @Audited
    public Source register(String kind, String name, String secret) {
        SourceKind sourceKind = SourceKind.fromWire(kind);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationProblem("name",
                    "name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (secret == null || secret.length() < 16 || secret.length() > 512) {
            throw new ValidationProblem("secret", "secret must be 16 to 512 characters");
        }
        if (find(sourceKind, name) != null) {
            throw new ConflictProblem("name", "A " + sourceKind.wireName() + " source named '" + name + "' already exists");
        }
        Source source = new Source(sourceKind, name, secret, clock.instant());
        em.persist(source);
        LOGGER.log(Level.INFO, "Source {0}/{1} registered by {2}", sourceKind.wireName(), name,
                context.getCallerPrincipal().getName());
        return source;
    }

    @RolesAllowed({Permission.SOURCES_READ, Permission.SOURCES_MANAGE})
    public List<Source> list() {
        return em.createNamedQuery(Source.FIND_ALL, Source.class).getResultList();
    }

    @RolesAllowed({Permission.SOURCES_READ, Permission.SOURCES_MANAGE})
    public Source find(long id) {
        Source source = em.find(Source.class, id);
        if (source == null) {
            throw new NotFoundProblem("No source " + id);
        }
        return source;
    }

    /** Delivery counts by status and the last receipt time, per source id. */
    @RolesAllowed({Permission.SOURCES_READ, Permission.SOURCES_MANAGE})
    public Map<Long, SourceActivity> activity() {
        Map<Long, SourceActivity> activity = new HashMap<>();
        for (Object[] row : em.createQuery("select d.source.id, d.status, count(d), max(d.receivedAt) from Delivery d "
                + "group by d.source.id, d.status", Object[].class).getResultList()) {
            activity.computeIfAbsent((Long) row[0], id -> new SourceActivity())
                    .add((DeliveryStatus) row[1], (Long) row[2], (Instant) row[3]);
        }
        return activity;
    }

    /**
     * Replaces the secret; deliveries signed with the old one are refused from then on. A null
     * secret means "generate one"; the (new) secret is returned so it can be shown once.
     */
    @Audited
    public String rotateSecret(long id, String newSecret) {
        return rotateSecret(id, newSecret, null);
    }

    /** As {@link #rotateSecret(long, String)}, only while the source is at {@code expectedVersion} (null: any), else 412. */
    @Audited
    public String rotateSecret(long id, String newSecret, Long expectedVersion) {
        Source source = find(id, expectedVersion);
        String secret = newSecret == null || newSecret.isBlank() ? generateSecret() : newSecret;
        if (secret.length() < 16 || secret.length() > 512) {
            throw new ValidationProblem("secret must be 16 to 512 characters");
        }
        source.rotateSecret(secret, clock.instant());
        sourceCache.evict(source.getKind(), source.getName());
        LOGGER.log(Level.INFO, "Secret of source {0}/{1} rotated by {2}", source.getKind().wireName(), source.getName(),
                context.getCallerPrincipal().getName());
        return secret;
    }

    /** Disabled sources refuse deliveries (403) until enabled again; nothing stored is touched. */
    @Audited
    public Source setEnabled(long id, boolean enabled) {
        return setEnabled(id, enabled, null);
    }

    /** As {@link #setEnabled(long, boolean)}, only while the source is at {@code expectedVersion} (null: any), else 412. */
    @Audited
    public Source setEnabled(long id, boolean enabled, Long expectedVersion) {
        Source source = find(id, expectedVersion);
        if (enabled) {
            source.enable();
        } else {
            source.disable();
        }
        sourceCache.evict(source.getKind(), source.getName());
        LOGGER.log(Level.INFO, "Source {0}/{1} {2} by {3}", source.getKind().wireName(), source.getName(),
                enabled ? "enabled" : "disabled", context.getCallerPrincipal().getName());
        return source;
    }

    /**
     * The source, checked against the version the caller read (its ETag) in this transaction; a change
     * racing past the check fails on the row version at commit (409).
     */
    private Source find(long id, Long expectedVersion) {
        Source source = find(id);
        if (expectedVersion != null && expectedVersion != source.getVersion()) {
            throw new OpsSightException(ProblemType.PRECONDITION_FAILED, "Source " + id + " changed since you read it "
                    + "(version " + source.getVersion() + ", not " + expectedVersion + "); read it again.");
        }
        return source;
    }

    private static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** For ingestion: the enabled source a delivery is addressed to. */
    @PermitAll
    public Source findEnabled(SourceKind kind, String name) {
        Source source = find(kind, name);
        if (source == null) {
            throw new NotFoundProblem("No " + kind.wireName() + " source named '" + name + "'");
        }
        if (!source.isEnabled()) {
            throw new OpsSightException(ProblemType.SOURCE_DISABLED, "The source " + kind.wireName() + "/" + name + " is disabled");
        }
        return source;
    }

    private Source find(SourceKind kind, String name) {
        List<Source> found = em.createNamedQuery(Source.FIND_BY_KEY, Source.class)
                .setParameter("kind", kind).setParameter("name", name).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** How to connect a tool of this kind, in one sentence (the console shows it beside a new secret). */
    public String howTo(SourceKind kind) {
        return kinds.protocol(kind).howTo();
    }
}
