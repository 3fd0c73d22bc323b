package io.opssight.dora.boundary;

import io.opssight.access.entity.Permission;
import io.opssight.change.entity.DeploymentChange;
import io.opssight.dora.control.DoraCalculator;
import io.opssight.dora.control.DoraOrgFigures;
import io.opssight.dora.control.DoraQueries;
import io.opssight.dora.control.DoraQueryMetrics;
import io.opssight.dora.control.ScopeResolver;
import io.opssight.dora.entity.Benchmark;
import io.opssight.dora.entity.CountedDeployment;
import io.opssight.dora.entity.DoraPage;
import io.opssight.dora.entity.DoraReport;
import io.opssight.dora.entity.IncidentMeasure;
import io.opssight.dora.entity.Scope;
import io.opssight.dora.entity.ScopedIncident;
import io.opssight.dora.entity.Window;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.opssight.access.control.CallerTeams;

/**
 * The DORA four keys per organisation, team, service and production environment, and the events
 * behind every figure. A team's or a service's figures are computed when asked for, from the
 * deployments, shipped changes and incident links ingestion keeps current; the whole organisation's
 * are added up from the daily roll-up ({@link DoraRollups}) plus whatever changed since (read like a
 * team's). Either way they are current as soon as an event is committed and do not depend on the
 * order events arrived in. Read-only: each call runs in one transaction,
 * so a report is one consistent snapshot. Definitions: {@link DoraCalculator}, docs/DORA.md. A
 * team-scoped caller gets figures of its own teams only ({@link ScopeResolver#resolveWithin}).
 */
@Stateless
@RolesAllowed(Permission.DORA_READ)
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class DoraMetrics {

    public static final int MAX_PAGE = 500;

    @Inject
    ScopeResolver scopes;

    @Inject
    CallerTeams callerTeams;

    @Inject
    DoraQueries queries;

    @Inject
    DoraOrgFigures organisation;

    @Inject
    DoraQueryMetrics metrics;

    /** The four keys with their tiers, the counts behind them and a trend per ISO week. */
    public DoraReport report(DoraQuery query) {
        Benchmark benchmark = Benchmark.parse(query.benchmark());
        return timed("report", query, (scope, window) -> {
            if (scope.empty()) {
                return DoraCalculator.report(scope, window, benchmark, List.of(), List.of(), List.of(), List.of());
            }
            if (scope.teamId() == null && scope.serviceId() == null) {
                Optional<DoraReport> rolledUp = organisation.report(scope, window, benchmark);
                if (rolledUp.isPresent()) {
                    return rolledUp.get();
                }
            }
            return DoraCalculator.report(scope, window, benchmark, queries.days(scope, window),
                    queries.leadTimes(scope, window), queries.recoveries(scope, window), queries.restores(scope, window));
        });
    }

    /** The deployments counted (successful, production, finished in the window), newest first. */
    public DoraPage<CountedDeployment> deployments(DoraQuery query, int offset, int limit) {
        checkPage(offset, limit);
        return timed("deployments", query, (scope, window) -> scope.empty() ? new DoraPage<>(List.of(), 0, offset, limit)
                : queries.deployments(scope, window, offset, limit));
    }

    /** The changes those deployments shipped, each with its lead time. */
    public DoraPage<DeploymentChange> changes(DoraQuery query, int offset, int limit) {
        checkPage(offset, limit);
        return timed("changes", query, (scope, window) -> scope.empty() ? new DoraPage<>(List.of(), 0, offset, limit)
                : queries.changes(scope, window, offset, limit));
    }

    /**
     * The incidents behind change failure rate and recovery times, each with the deployment it is
     * linked to, why, and which figures it counts for; {@code measure} narrows to one figure's.
     */
    public DoraPage<ScopedIncident> incidents(DoraQuery query, String measure, int offset, int limit) {
        checkPage(offset, limit);
        IncidentMeasure parsed = IncidentMeasure.parse(measure);
        return timed("incidents", query, (scope, window) -> scope.empty() ? new DoraPage<>(List.of(), 0, offset, limit)
                : queries.incidents(scope, window, parsed, offset, limit));
    }

    private interface Question<T> {
        T answer(Scope scope, Window window);
    }

    private <T> T timed(String name, DoraQuery query, Question<T> question) {
        long start = System.nanoTime();
        Window window = Window.of(query.from(), query.to(), Instant.now());
        Scope scope = scopes.resolveWithin(query.team(), query.service(), query.environment(), callerTeams);
        T answer = question.answer(scope, window);
        metrics.answered(name, scope.kind(), Duration.ofNanos(System.nanoTime() - start));
        return answer;
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0) {
            throw new ValidationProblem("offset", "offset must not be negative");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ValidationProblem("limit", "limit must be between 1 and " + MAX_PAGE);
        }
    }
}
