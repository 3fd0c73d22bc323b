package io.opssight.access.boundary;

import io.opssight.access.control.Grants;
import io.opssight.access.control.PasswordHasher;
import io.opssight.access.entity.Permission;
import io.opssight.access.entity.Role;
import io.opssight.access.entity.RoleAssignment;
import io.opssight.access.entity.UserAccount;
import io.opssight.audit.boundary.Audited;
import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.catalog.entity.Team;
import io.opssight.platform.entity.ConflictProblem;
import io.opssight.platform.entity.NotFoundProblem;
import io.opssight.platform.entity.ValidationProblem;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Local users and the roles they hold. Every change is audited; a change of roles is also recorded
 * as the security event {@code security.roles-changed} with the new grants. Role changes apply
 * from the user's next sign-in.
 */
@Stateless
@RolesAllowed(Permission.USERS_MANAGE)
public class Users {

    private static final System.Logger LOGGER = System.getLogger(Users.class.getName());

    /** A role to grant, everywhere (team null) or for one team's services. */
    public record GrantRequest(String role, String team) {
    }

    /** A user and the roles it holds. */
    public record Account(UserAccount user, List<RoleAssignment> assignments) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Grants grants;

    @Inject
    AuditWriter audit;

    @Inject
    PasswordHasher passwords;

    @Resource
    SessionContext context;

    /** Creates a user with a password (optional: a user without one cannot sign in with a password) and roles. */
    @Audited
    public Account create(String username, String displayName, String password, List<GrantRequest> roles) {
        String name = UserAccount.newUsername(username, displayName);
        if (!em.createNamedQuery(UserAccount.FIND_BY_USERNAME, UserAccount.class).setParameter("username", name)
                .getResultList().isEmpty()) {
            throw new ConflictProblem("username", "A user named '" + name + "' exists");
        }
        List<Grants.Grant> resolved = resolve(roles);
        String hash = null;
        if (password != null) {
            String weakness = PasswordHasher.weakness(password, name);
            if (weakness != null) {
                throw new ValidationProblem("password", weakness);
            }
            hash = passwords.hash(password);
        }
        UserAccount user = new UserAccount(name, displayName, hash, Instant.now());
        em.persist(user);
        List<RoleAssignment> assignments = assign(user, resolved);
        LOGGER.log(Level.INFO, "User {0} created by {1}", name, caller());
        return new Account(user, assignments);
    }

    public List<Account> list() {
        return em.createNamedQuery(UserAccount.FIND_ALL, UserAccount.class).getResultList().stream()
                .map(u -> new Account(u, assignmentsOf(u))).toList();
    }

    public Account find(String username) {
        UserAccount user = user(username);
        return new Account(user, assignmentsOf(user));
    }

    /** Replaces the user's roles with exactly these. */
    @Audited
    public Account assignRoles(String username, List<GrantRequest> roles) {
        UserAccount user = user(username);
        List<Grants.Grant> resolved = resolve(roles);
        for (RoleAssignment old : assignmentsOf(user)) {
            em.remove(old);
        }
        em.flush();
        return new Account(user, assign(user, resolved));
    }

    @Audited
    public Account changePassword(String username, String password) {
        UserAccount user = user(username);
        String weakness = PasswordHasher.weakness(password, user.getUsername());
        if (weakness != null) {
            throw new ValidationProblem("password", weakness);
        }
        user.changePassword(passwords.hash(password));
        user.unlock();
        return new Account(user, assignmentsOf(user));
    }

    /** Enables or disables the account; nobody can disable their own. */
    @Audited
    public Account enable(String username, boolean enabled) {
        UserAccount user = user(username);
        if (!enabled && ("user:" + user.getUsername()).equals(caller())) {
            throw new ConflictProblem("You cannot disable your own account");
        }
        user.enable(enabled);
        return new Account(user, assignmentsOf(user));
    }

    /** Lifts a lock from too many failed sign-ins before it expires. */
    @Audited
    public Account unlock(String username) {
        UserAccount user = user(username);
        user.unlock();
        return new Account(user, assignmentsOf(user));
    }

    @Audited
    public void delete(String username) {
        UserAccount user = user(username);
        if (("user:" + user.getUsername()).equals(caller())) {
            throw new ConflictProblem("You cannot delete your own account");
        }
        for (RoleAssignment old : assignmentsOf(user)) {
            em.remove(old);
        }
        em.remove(user);
        LOGGER.log(Level.INFO, "User {0} deleted by {1}", user.getUsername(), caller());
    }

    private List<Grants.Grant> resolve(List<GrantRequest> roles) {
        List<Grants.Grant> resolved = new ArrayList<>();
        Set<GrantRequest> distinct = new LinkedHashSet<>(roles == null ? List.of() : roles);
        for (GrantRequest request : distinct) {
            if (request == null || request.role() == null || request.role().isBlank()) {
                throw new ValidationProblem("role", "Each role grant needs a role name");
            }
            Role role = grants.role(request.role().trim()).orElseThrow(
                    () -> new ValidationProblem("role", "Unknown role '" + request.role() + "'"));
            Team team = request.team() == null ? null : grants.team(request.team().trim()).orElseThrow(
                    () -> new ValidationProblem("team", "Unknown team '" + request.team() + "'"));
            resolved.add(new Grants.Grant(role, team));
        }
        return resolved;
    }

    private List<RoleAssignment> assign(UserAccount user, List<Grants.Grant> resolved) {
        Instant now = Instant.now();
        List<RoleAssignment> made = new ArrayList<>();
        for (Grants.Grant grant : resolved) {
            RoleAssignment assignment = new RoleAssignment(user, grant.role(), grant.team(), now);
            em.persist(assignment);
            made.add(assignment);
        }
        audit.append(caller(), "security.roles-changed", user.getUsername(), AuditEntry.SUCCESS, made.isEmpty() ? "no roles"
                : made.stream().map(a -> a.getRole().getName() + (a.getTeam() == null ? "" : "@" + a.getTeam().getName()))
                        .collect(Collectors.joining(", ")));
        return made;
    }

    private List<RoleAssignment> assignmentsOf(UserAccount user) {
        return em.createNamedQuery(RoleAssignment.FIND_BY_USER, RoleAssignment.class).setParameter("user", user).getResultList();
    }

    private UserAccount user(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return em.createNamedQuery(UserAccount.FIND_BY_USERNAME, UserAccount.class).setParameter("username", name)
                .getResultList().stream().findFirst().orElseThrow(() -> new NotFoundProblem("No user '" + username + "'"));
    }

    private String caller() {
        return context.getCallerPrincipal() == null ? "anonymous" : context.getCallerPrincipal().getName();
    }
}
