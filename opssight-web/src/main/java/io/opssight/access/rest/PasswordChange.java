package io.opssight.access.rest;

import jakarta.validation.constraints.NotNull;

/** A new password for a user. */
public class PasswordChange {

    @NotNull(message = "password is required")
    private String password;

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
