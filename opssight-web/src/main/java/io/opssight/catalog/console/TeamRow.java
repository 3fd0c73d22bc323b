package io.opssight.catalog.console;

import io.opssight.catalog.boundary.Teams;
import io.opssight.platform.console.Format;
import java.io.Serializable;

/** One team with its services. */
public class TeamRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String services;
    private final int serviceCount;
    private final String createdAt;

    TeamRow(Teams.Owned owned) {
        this.name = owned.team().getName();
        this.services = String.join(", ", owned.services());
        this.serviceCount = owned.services().size();
        this.createdAt = Format.time(owned.team().getCreatedAt());
    }

    public String getName() {
        return name;
    }

    public String getServices() {
        return services;
    }

    public int getServiceCount() {
        return serviceCount;
    }

    public String getCreatedAt() {
        return createdAt;
    }
}
