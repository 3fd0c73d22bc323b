package io.opssight.access.console;

import io.opssight.access.boundary.ApiTokens;
import io.opssight.access.entity.ApiToken;
import io.opssight.access.entity.Permission;
import io.opssight.platform.console.Pages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admin / API tokens: list, create with permissions, optionally teams, and an expiry (the token is
 * shown once), revoke.
 */
@Named
@ViewScoped
public class TokensPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The form fields a refused creation's message stands next to, by the input the boundary names. */
    private static final Map<String, String> FIELDS = Map.of("name", "create:name", "permissions", "create:permissions",
            "teams", "create:teams", "expiresAt", "create:expires");

    @EJB
    ApiTokens tokens;

    private List<TokenRow> rows = List.of();
    private String name;
    private List<String> permissions = new ArrayList<>(List.of(Permission.CONSOLE_USE));
    private List<String> teams = new ArrayList<>();
    private List<String> allTeams = List.of();
    private LocalDate expiresOn;
    private String issuedName;
    private String issuedSecret;

    @PostConstruct
    void load() {
        Instant now = Instant.now();
        rows = tokens.list().stream().map(t -> new TokenRow(t, now)).toList();
        allTeams = tokens.teamChoices();
    }

    public void create() {
        issuedName = null;
        issuedSecret = null;
        try {
            // The token stays valid through the chosen day (UTC).
            Instant expiresAt = expiresOn == null ? null : expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            ApiTokens.Issued issued = tokens.create(name == null ? "" : name.trim(), Set.copyOf(permissions),
                    teams == null ? List.of() : List.copyOf(teams), expiresAt);
            issuedName = issued.token().getName();
            issuedSecret = issued.secret();
            Pages.info(null, "Token " + issuedName + " created. Copy it now: it is not shown again.");
            name = null;
            expiresOn = null;
            permissions = new ArrayList<>(List.of(Permission.CONSOLE_USE));
            teams = new ArrayList<>();
            load();
        } catch (RuntimeException e) {
            Pages.refused(e, FIELDS, null);
        }
    }

    public void revoke(long id) {
        issuedName = null;
        issuedSecret = null;
        try {
            ApiToken token = tokens.revoke(id);
            Pages.info(null, "Token " + token.getName() + " revoked: it is refused from now on.");
            load();
        } catch (RuntimeException e) {
            Pages.error(null, Pages.refusal(e));
        }
    }

    public List<String> getAllPermissions() {
        return Permission.all().stream().sorted().toList();
    }

    public LocalDate getTomorrow() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1);
    }

    public List<TokenRow> getRows() {
        return rows;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(List<String> permissions) {
        this.permissions = permissions;
    }

    /** The teams a new token may be limited to (a team-scoped admin: only theirs). */
    public List<String> getAllTeams() {
        return allTeams;
    }

    public List<String> getTeams() {
        return teams;
    }

    public void setTeams(List<String> teams) {
        this.teams = teams;
    }

    public LocalDate getExpiresOn() {
        return expiresOn;
    }

    public void setExpiresOn(LocalDate expiresOn) {
        this.expiresOn = expiresOn;
    }

    public String getIssuedName() {
        return issuedName;
    }

    public String getIssuedSecret() {
        return issuedSecret;
    }
}
