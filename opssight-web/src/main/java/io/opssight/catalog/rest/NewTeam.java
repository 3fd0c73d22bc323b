package io.opssight.catalog.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A team to create. A class for the reason given on NewSource. */
public class NewTeam {

    @NotBlank(message = "name is required")
    @Size(max = 200, message = "name is at most 200 characters")
    @Pattern(regexp = "[^\\p{Cntrl}]+", message = "name must not contain control characters")
    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
