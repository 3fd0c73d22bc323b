package io.opssight.catalog.control;

import io.opssight.catalog.entity.Cluster;
import io.opssight.catalog.entity.Environment;
import io.opssight.catalog.entity.Service;
import io.opssight.catalog.entity.Team;
import io.opssight.catalog.entity.Workload;
import io.opssight.dora.control.DoraDirtyDays;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Finds or creates catalogue entries on first sight. Runs in the caller's transaction; two
 * deliveries creating the same entry at once collide on the unique name, and the loser's
 * transaction is retried by ingestion (it then finds the entry).
 */
@Dependent
public class Catalog {

    @PersistenceContext
    EntityManager em;

    @Inject
    DoraDirtyDays dirtyDays;

    /** The service a repository deploys: by repository first, then by name, else a new one. */
    public Service serviceForRepository(String repositoryFullName, String repositoryName, Instant now) {
        if (repositoryFullName == null) {
            return serviceNamedOrCreate(repositoryName, now);
        }
        Choice choice = chooseForRepository(repositoryFullName, repositoryName);
        if (choice.existing() != null) {
            if (choice.adoptsRepository()) {
                // Seen by name first (an incident, an alert): now its repository is known, so its
                // deployments can ship commits whatever order the events arrived in.
                choice.existing().deploysFrom(repositoryFullName);
            }
            return choice.existing();
        }
        Service created = new Service(choice.newName(), repositoryFullName, now);
        em.persist(created);
        return created;
    }

    /**
     * The service {@link #serviceForRepository} would pick, without creating or changing anything;
     * null when it would create one. What a push would land on, for the push scope check.
     */
    public Service existingServiceForRepository(String repositoryFullName, String repositoryName) {
        return repositoryFullName == null ? existingServiceNamed(repositoryName)
                : chooseForRepository(repositoryFullName, repositoryName).existing();
    }

    /** An existing service to use (and whether it now learns its repository), or the name of a new one. */
    private record Choice(Service existing, boolean adoptsRepository, String newName) {
    }

    private Choice chooseForRepository(String repositoryFullName, String repositoryName) {
        List<Service> byRepository = em.createNamedQuery(Service.FIND_BY_REPOSITORY, Service.class)
                .setParameter("repository", repositoryFullName).setMaxResults(1).getResultList();
        if (!byRepository.isEmpty()) {
            return new Choice(byRepository.get(0), false, null);
        }
        String name = repositoryName != null ? repositoryName : repositoryFullName;
        Service existing = serviceNamed(name);
        if (existing == null) {
            return new Choice(null, false, name);
        }
        if (existing.getRepository() == null || existing.getRepository().equals(repositoryFullName)) {
            return new Choice(existing, true, null);
        }
        // Same short name, different repository (acme/shop vs other/shop): keep them apart.
        Service namedByRepository = serviceNamed(repositoryFullName);
        return new Choice(namedByRepository, false, repositoryFullName);
    }

    /**
     * The service a source names directly (Argo CD app, PagerDuty service, alert label): by name,
     * else by repository (owner/name), else a new service with that name.
     */
    public Service serviceNamedOrCreate(String name, Instant now) {
        Service existing = existingServiceNamed(name);
        if (existing != null) {
            return existing;
        }
        Service created = new Service(name, null, now);
        em.persist(created);
        return created;
    }

    /** The service {@link #serviceNamedOrCreate} would pick, without creating one; null when it would. */
    public Service existingServiceNamed(String name) {
        Service existing = serviceNamed(name);
        if (existing != null || !name.contains("/")) {
            return existing;
        }
        List<Service> byRepository = em.createNamedQuery(Service.FIND_BY_REPOSITORY, Service.class)
                .setParameter("repository", name).setMaxResults(1).getResultList();
        return byRepository.isEmpty() ? null : byRepository.get(0);
    }

    /** The team with this name, created on first sight. */
    public Team team(String name, Instant now) {
        List<Team> found = em.createNamedQuery(Team.FIND_BY_NAME, Team.class).setParameter("name", name)
                .setMaxResults(1).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Team created = new Team(name, now);
        em.persist(created);
        return created;
    }

    /** The cluster with this name (Argo CD's destination name or server URL), created on first sight. */
    public Cluster cluster(String name, String server, Instant now) {
        List<Cluster> found = em.createNamedQuery(Cluster.FIND_BY_NAME, Cluster.class).setParameter("name", name)
                .setMaxResults(1).getResultList();
        Cluster cluster;
        if (found.isEmpty()) {
            cluster = new Cluster(name, server, now);
            em.persist(cluster);
        } else {
            cluster = found.get(0);
            cluster.seen(now);
        }
        return cluster;
    }

    /** The workload (cluster, namespace, name), created on first sight. */
    public Workload workload(Cluster cluster, String namespace, String name, Service service, Instant now) {
        List<Workload> found = em.createNamedQuery(Workload.FIND_BY_KEY, Workload.class).setParameter("cluster", cluster)
                .setParameter("namespace", namespace).setParameter("name", name).setMaxResults(1).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Workload created = new Workload(cluster, namespace, name, service, now);
        em.persist(created);
        return created;
    }

    public Service serviceNamed(String name) {
        List<Service> found = em.createNamedQuery(Service.FIND_BY_NAME, Service.class).setParameter("name", name)
                .setMaxResults(1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The environment with this name; created on first sight as production when the source says so
     * or the name looks like it. A later explicit production flag upgrades an existing entry.
     */
    public Environment environment(String name, Boolean productionHint) {
        List<Environment> found = em.createNamedQuery(Environment.FIND_BY_NAME, Environment.class)
                .setParameter("name", name).setMaxResults(1).getResultList();
        if (!found.isEmpty()) {
            Environment environment = found.get(0);
            if (Boolean.TRUE.equals(productionHint) && environment.markProduction()) {
                dirtyDays.environmentBecameProduction(environment);
            }
            return environment;
        }
        boolean production = Boolean.TRUE.equals(productionHint)
                || (productionHint == null && Environment.looksLikeProduction(name));
        Environment created = new Environment(name, production);
        em.persist(created);
        return created;
    }
}
