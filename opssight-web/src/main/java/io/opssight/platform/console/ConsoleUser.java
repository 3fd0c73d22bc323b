package io.opssight.platform.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * What the signed-in console user may see: pages hide the panels whose data needs a permission
 * the user lacks (the boundaries would refuse the call anyway).
 */
@Named
@RequestScoped
public class ConsoleUser {

    /** Whether the user holds {@code permission}, e.g. {@code #{consoleUser.can('dora:read')}}. */
    public boolean can(String permission) {
        return holds(permission);
    }

    /** The same for backing beans, which decide which boundaries to ask. */
    public static boolean holds(String permission) {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(permission);
    }

    /** Whether the user holds all of the comma-separated permissions. */
    public boolean canAll(String permissions) {
        for (String p : permissions.split(",")) {
            if (!can(p.trim())) {
                return false;
            }
        }
        return true;
    }
}
