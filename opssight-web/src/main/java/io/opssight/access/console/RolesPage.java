package io.opssight.access.console;

import io.opssight.access.boundary.Roles;
import io.opssight.access.entity.Permission;
import io.opssight.access.entity.Role;
import io.opssight.platform.console.Pages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Admin / Roles: the built-in roles (read-only) with what each permission allows, and custom
 * roles to create, change and delete through {@link Roles} (which checks and audits).
 */
@Named
@ViewScoped
public class RolesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The form fields a refused save's message stands next to, by the input the boundary names. */
    private static final Map<String, String> FIELDS = Map.of("name", "edit:name", "description", "edit:description",
            "permissions", "edit:permissions");

    /** One line per permission, as in docs/CONFIGURATION.md's permission table. */
    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(Permission.DEPLOYMENTS_READ, "list and read deployments; the deployments and infrastructure pages"),
            Map.entry(Permission.DEPLOYMENTS_WRITE, "push deployments over the API"),
            Map.entry(Permission.INCIDENTS_READ, "list and read incidents with their causing deployment"),
            Map.entry(Permission.INCIDENTS_WRITE, "push and resolve incidents"),
            Map.entry(Permission.INCIDENTS_LINK, "correct which deployment caused an incident"),
            Map.entry(Permission.PIPELINES_READ, "pipeline runs, their jobs and pipeline analytics"),
            Map.entry(Permission.PIPELINES_WRITE, "push pipeline runs over the API"),
            Map.entry(Permission.ALERTS_READ, "list and read received alerts"),
            Map.entry(Permission.ALERTS_ACKNOWLEDGE, "acknowledge a firing alert (or take it back)"),
            Map.entry(Permission.SOURCES_READ, "list webhook sources and dead letters"),
            Map.entry(Permission.SOURCES_MANAGE, "register sources, rotate secrets, disable/enable, replay dead letters"),
            Map.entry(Permission.TOKENS_MANAGE, "create, list and revoke API tokens"),
            Map.entry(Permission.CONSOLE_USE, "the console's overview page"),
            Map.entry(Permission.AUDIT_READ, "query and verify the audit trail"),
            Map.entry(Permission.AUDIT_EXPORT, "export the audit trail (CSV, JSON)"),
            Map.entry(Permission.DORA_READ, "DORA figures and their drill-downs"),
            Map.entry(Permission.TEAMS_READ, "list teams and their services"),
            Map.entry(Permission.TEAMS_MANAGE, "create teams, assign services to teams"),
            Map.entry(Permission.USERS_MANAGE, "local users, custom roles and role assignments"));

    @EJB
    Roles roles;

    private List<RoleRow> rows = List.of();
    private String editing;
    private String name;
    private String description;
    private List<String> permissions = new ArrayList<>();

    @PostConstruct
    void load() {
        rows = roles.list().stream().map(RoleRow::new).toList();
    }

    public static String describe(String permission) {
        return DESCRIPTIONS.getOrDefault(permission, "");
    }

    /** Fills the form with a custom role to change it. */
    public void edit(String role) {
        rows.stream().filter(r -> r.getName().equals(role)).findFirst().ifPresent(r -> {
            editing = r.getName();
            name = r.getName();
            description = r.getDescription();
            permissions = new ArrayList<>(r.getPermissionNames());
        });
    }

    public void cancel() {
        editing = null;
        name = null;
        description = null;
        permissions = new ArrayList<>();
    }

    public void save() {
        try {
            String text = Pages.blankToNull(description);
            Role saved = editing == null
                    ? roles.create(name == null ? "" : name.trim(), text, new LinkedHashSet<>(permissions))
                    : roles.update(editing, text, new LinkedHashSet<>(permissions));
            Pages.info(null, "Role " + saved.getName() + (editing == null ? " created."
                    : " saved (holders get it from their next sign-in)."));
            cancel();
            load();
        } catch (RuntimeException e) {
            Pages.refused(e, FIELDS, null);
        }
    }

    public void delete(String role) {
        try {
            roles.delete(role);
            Pages.info(null, "Role " + role + " deleted.");
            if (role.equals(editing)) {
                cancel();
            }
            load();
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    public List<RoleRow> getBuiltIn() {
        return rows.stream().filter(RoleRow::isBuiltIn).toList();
    }

    public List<RoleRow> getCustom() {
        return rows.stream().filter(r -> !r.isBuiltIn()).toList();
    }

    public List<RoleRow.PermissionLine> getAllPermissions() {
        return Permission.all().stream().sorted().map(p -> new RoleRow.PermissionLine(p, describe(p))).toList();
    }

    public String getEditing() {
        return editing;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(List<String> permissions) {
        this.permissions = permissions;
    }
}
