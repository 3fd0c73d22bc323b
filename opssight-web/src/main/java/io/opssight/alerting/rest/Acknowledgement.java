package io.opssight.alerting.rest;

import jakarta.validation.constraints.Size;

/** The optional body of an acknowledgement: a note. A class, as Payara's OpenAPI needs for validated bodies. */
public class Acknowledgement {

    @Size(max = 800, message = "note is at most 800 characters")
    private String note;

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
