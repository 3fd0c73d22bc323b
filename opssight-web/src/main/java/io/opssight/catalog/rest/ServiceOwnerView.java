package io.opssight.catalog.rest;

import io.opssight.catalog.entity.Service;

/** A service and the team that owns it (null: none). */
public record ServiceOwnerView(String service, String repository, String team) {

    public static ServiceOwnerView from(Service s) {
        return new ServiceOwnerView(s.getName(), s.getRepository(), s.getTeam() == null ? null : s.getTeam().getName());
    }
}
