package io.opssight.ingestion.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Objects;
import io.opssight.platform.entity.SealedSecret;

/**
 * A connected webhook sender: one GitHub organisation, one GitLab instance, one Alertmanager...
 * Natural key: (kind, name), which is also the ingest URL {@code /api/v1/ingest/{kind}/{name}}.
 * The secret authenticates deliveries in the way the kind prescribes (HMAC key, shared token).
 */
@Entity
@Table(name = "source")
@NamedQuery(name = Source.FIND_BY_KEY, query = "select s from Source s where s.kind = :kind and s.name = :name")
@NamedQuery(name = Source.FIND_ALL, query = "select s from Source s "
        + "where s.kind <> io.opssight.ingestion.entity.SourceKind.PUSH order by s.kind, s.name")
public class Source {

    public static final String FIND_BY_KEY = "Source.findByKey";
    public static final String FIND_ALL = "Source.findAll";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "source_seq")
    @SequenceGenerator(name = "source_seq", sequenceName = "source_seq", allocationSize = 50)
    private Long id;

    @NotNull(message = "Source kind is required.")
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private SourceKind kind;

    @NotBlank(message = "Source name is required.")
    @Size(max = 64, message = "Source name is at most 64 characters.")
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "Source name may contain letters, digits, '.', '_' and '-'.")
    @Column(nullable = false, length = 64)
    private String name;

    /** Encrypted at rest (AES-256-GCM, see SecretBox); the entity holds the plaintext. */
    @NotBlank(message = "Source secret is required.")
    @Convert(converter = SealedSecret.class)
    @Column(nullable = false, length = 1024)
    private String secret;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "secret_rotated_at")
    private Instant secretRotatedAt;

    @Version
    private long version;

    protected Source() {
        // for JPA
    }

    public Source(SourceKind kind, String name, String secret, Instant createdAt) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Replaces the secret; deliveries signed with the old one are refused from now on. */
    public void rotateSecret(String newSecret, Instant at) {
        this.secret = Objects.requireNonNull(newSecret, "newSecret");
        this.secretRotatedAt = at;
    }

    public void disable() {
        this.enabled = false;
    }

    public void enable() {
        this.enabled = true;
    }

    public Long getId() {
        return id;
    }

    public SourceKind getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    /** The secret in clear; only verifiers and the secret rotation read it. */
    public String getSecret() {
        return secret;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSecretRotatedAt() {
        return secretRotatedAt;
    }

    public long getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Source other
                && Objects.equals(kind, other.getKind()) && Objects.equals(name, other.getName()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name);
    }
}
