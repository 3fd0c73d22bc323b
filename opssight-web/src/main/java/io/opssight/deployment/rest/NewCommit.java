package io.opssight.deployment.rest;

import io.opssight.ingestion.entity.DeploymentPush;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** One commit a pushed deployment shipped: its commit time is what lead time is measured from. */
public class NewCommit {

    @NotBlank(message = "commit sha is required")
    @Pattern(regexp = "[0-9a-fA-F]{7,64}", message = "commit sha must be 7 to 64 hexadecimal characters")
    private String sha;

    @NotNull(message = "commit committedAt is required")
    private Instant committedAt;

    @Size(max = 10000, message = "commit message is at most 10000 characters")
    private String message;

    @Size(max = 200, message = "commit author is at most 200 characters")
    private String author;

    public String getSha() {
        return sha;
    }

    public void setSha(String sha) {
        this.sha = sha;
    }

    public Instant getCommittedAt() {
        return committedAt;
    }

    public void setCommittedAt(Instant committedAt) {
        this.committedAt = committedAt;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getAuthor() {
        return author;
    }

    public void setAuthor(String author) {
        this.author = author;
    }

    DeploymentPush.Commit push() {
        return new DeploymentPush.Commit(sha, committedAt, message, author);
    }
}
