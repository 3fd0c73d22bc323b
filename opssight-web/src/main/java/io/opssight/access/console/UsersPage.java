package io.opssight.access.console;

import io.opssight.access.boundary.Roles;
import io.opssight.access.boundary.Users;
import io.opssight.access.entity.Permission;
import io.opssight.access.entity.Role;
import io.opssight.catalog.boundary.Teams;
import io.opssight.platform.console.Pages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Admin / Users: local users with their roles; create, grant and take roles (optionally for one
 * team), enable/disable, unlock, set a password, delete. Every change goes through {@link Users},
 * which checks and audits it.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The form fields a refused creation's message stands next to, by the input the boundary names. */
    private static final Map<String, String> FIELDS = Map.of("username", "create:username", "displayName", "create:displayName",
            "password", "create:password", "role", "create:role", "team", "create:team");

    @EJB
    Users users;

    @EJB
    Roles roles;

    @EJB
    Teams teams;

    private List<UserRow> rows = List.of();
    private List<String> roleNames = List.of();
    private List<String> teamNames = List.of();

    private String username;
    private String displayName;
    private String password;
    private String role = "viewer";
    private String team;

    private String selected;
    private String grantRole;
    private String grantTeam;
    private String newPassword;

    @PostConstruct
    void init() {
        roleNames = roles.list().stream().map(Role::getName).toList();
        // The team picker needs teams:read; without it roles are granted everywhere only.
        if (FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Permission.TEAMS_READ)) {
            teamNames = teams.list().stream().map(o -> o.team().getName()).toList();
        }
        load();
    }

    private void load() {
        Instant now = Instant.now();
        rows = users.list().stream().map(a -> new UserRow(a, now)).toList();
    }

    public void create() {
        try {
            String team = Pages.blankToNull(this.team);
            List<Users.GrantRequest> grants = Pages.blankToNull(role) == null ? List.of()
                    : List.of(new Users.GrantRequest(role, team));
            String made = users.create(username == null ? "" : username, Pages.blankToNull(displayName),
                    password == null || password.isEmpty() ? null : password, grants).user().getUsername();
            Pages.info(null, "User " + made + " created.");
            username = null;
            displayName = null;
            password = null;
            team = null;
            load();
        } catch (RuntimeException e) {
            Pages.refused(e, FIELDS, null);
        }
    }

    /** Opens the panel to change one user's roles and password. */
    public void select(String name) {
        selected = name;
        grantRole = null;
        grantTeam = null;
        newPassword = null;
    }

    public void close() {
        selected = null;
    }

    public void grant() {
        UserRow user = selectedRow();
        if (user == null || Pages.blankToNull(grantRole) == null) {
            Pages.error("manage:grantRole", "Choose a role to grant.");
            return;
        }
        List<Users.GrantRequest> wanted = new ArrayList<>(user.getGrants().stream().map(UserRow.Grant::request).toList());
        wanted.add(new Users.GrantRequest(grantRole, Pages.blankToNull(grantTeam)));
        assign(user, wanted, "granted " + grantRole + (Pages.blankToNull(grantTeam) == null ? "" : " for team " + grantTeam));
    }

    public void revoke(String role, String team) {
        UserRow user = selectedRow();
        if (user == null) {
            return;
        }
        List<Users.GrantRequest> wanted = new ArrayList<>(user.getGrants().stream().map(UserRow.Grant::request).toList());
        wanted.remove(new Users.GrantRequest(role, Pages.blankToNull(team)));
        assign(user, wanted, "no longer holds " + role + (Pages.blankToNull(team) == null ? "" : " for team " + team));
    }

    private void assign(UserRow user, List<Users.GrantRequest> wanted, String what) {
        try {
            users.assignRoles(user.getUsername(), wanted);
            Pages.info(null, user.getUsername() + " " + what + " (from the next sign-in).");
            grantRole = null;
            grantTeam = null;
            load();
        } catch (RuntimeException e) {
            Pages.error("manage:grantRole", Pages.refusal(e));
        }
    }

    public void changePassword() {
        try {
            users.changePassword(selected, newPassword == null ? "" : newPassword);
            Pages.info(null, "Password of " + selected + " set; the account is unlocked.");
            newPassword = null;
            load();
        } catch (RuntimeException e) {
            Pages.error("manage:newPassword", Pages.refusal(e));
        }
    }

    public void enable(String name, boolean on) {
        act(() -> users.enable(name, on), name + (on ? " enabled." : " disabled: it cannot sign in."));
    }

    public void unlock(String name) {
        act(() -> users.unlock(name), name + " unlocked.");
    }

    public void delete(String name) {
        act(() -> users.delete(name), "User " + name + " deleted.");
        if (name.equals(selected)) {
            selected = null;
        }
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Pages.info(null, done);
            load();
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    public UserRow selectedRow() {
        return selected == null ? null : rows.stream().filter(r -> r.getUsername().equals(selected)).findFirst().orElse(null);
    }

    public List<UserRow> getRows() {
        return rows;
    }

    public List<String> getRoleNames() {
        return roleNames;
    }

    public List<String> getTeamNames() {
        return teamNames;
    }

    public UserRow getSelectedRow() {
        return selectedRow();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getGrantRole() {
        return grantRole;
    }

    public void setGrantRole(String grantRole) {
        this.grantRole = grantRole;
    }

    public String getGrantTeam() {
        return grantTeam;
    }

    public void setGrantTeam(String grantTeam) {
        this.grantTeam = grantTeam;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }
}
