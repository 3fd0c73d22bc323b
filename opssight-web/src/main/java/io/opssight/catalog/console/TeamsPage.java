package io.opssight.catalog.console;

import io.opssight.catalog.boundary.Teams;
import io.opssight.catalog.entity.Service;
import io.opssight.platform.console.Pages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Admin / Teams: the teams with their services, creating a team, assigning a service to a team (or none). */
@Named
@ViewScoped
public class TeamsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The fields a refused assignment's message stands next to, by the input the boundary names. */
    private static final Map<String, String> ASSIGN_FIELDS = Map.of("service", "assign:service", "team", "assign:team");

    @EJB
    Teams teams;

    private List<TeamRow> rows = List.of();
    private String name;
    private String service;
    private String team;

    @PostConstruct
    void load() {
        rows = teams.list().stream().map(TeamRow::new).toList();
    }

    public void create() {
        try {
            String created = teams.create(name == null ? "" : name.trim()).getName();
            Pages.info(null, "Team " + created + " created.");
            name = null;
            load();
        } catch (RuntimeException e) {
            Pages.error("create:name", Pages.refusal(e));
        }
    }

    public void assign() {
        try {
            Service assigned = teams.assign(service == null ? "" : service.trim(), Pages.blankToNull(team));
            Pages.info(null, "Service " + assigned.getName() + (assigned.getTeam() == null ? " belongs to no team now."
                    : " now belongs to " + assigned.getTeam().getName() + "."));
            service = null;
            load();
        } catch (RuntimeException e) {
            Pages.refused(e, ASSIGN_FIELDS, "assign:team");
        }
    }

    /** For the service picker. */
    public List<String> completeService(String prefix) {
        return teams.serviceNames(prefix, 20);
    }

    public List<String> getTeamNames() {
        return rows.stream().map(TeamRow::getName).toList();
    }

    public List<TeamRow> getRows() {
        return rows;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }
}
