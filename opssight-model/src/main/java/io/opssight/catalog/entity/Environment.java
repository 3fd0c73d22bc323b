package io.opssight.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * A place services deploy to. Natural key: its name, shared by all services ("production",
 * "production-eu", "staging"). Several environments may be production; only deployments to
 * production environments count for DORA.
 */
@Entity
@Table(name = "environment")
@NamedQuery(name = Environment.FIND_BY_NAME, query = "select e from Environment e where e.name = :name")
public class Environment {

    public static final String FIND_BY_NAME = "Environment.findByName";

    /** Words of an environment name that mean production when the source does not say so itself. */
    private static final Set<String> PRODUCTION_WORDS = Set.of("prod", "production", "live", "prd");
    /** Words that make a production-sounding name something else: pre-prod, non-prod, not-live, prod-test. */
    private static final Set<String> NOT_PRODUCTION_WORDS = Set.of("pre", "non", "not", "test",
            "staging", "stage", "stg", "qa", "dev", "uat", "sandbox", "demo", "mirror", "shadow", "canary-test");
    private static final Pattern SEPARATORS = Pattern.compile("[-_./:\\s]+");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "environment_seq")
    @SequenceGenerator(name = "environment_seq", sequenceName = "environment_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 200, unique = true)
    private String name;

    @Column(nullable = false)
    private boolean production;

    @Version
    private long version;

    protected Environment() {
        // for JPA
    }

    public Environment(String name, boolean production) {
        this.name = Objects.requireNonNull(name, "name");
        this.production = production;
    }

    /** Whether a name alone suggests production ("production", "prod-eu", "eu-prod", "live"). */
    public static boolean looksLikeProduction(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        boolean production = false;
        for (String word : SEPARATORS.split(name.toLowerCase(Locale.ROOT))) {
            if (NOT_PRODUCTION_WORDS.contains(word)) {
                return false;
            }
            production |= PRODUCTION_WORDS.contains(word);
        }
        return production;
    }

    /** A source said explicitly that this environment is production (e.g. GitHub's production_environment). */
    /** Marks this environment as production; true when that is a change (DORA then counts its deployments). */
    public boolean markProduction() {
        if (production) {
            return false;
        }
        this.production = true;
        return true;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public boolean isProduction() {
        return production;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Environment other && Objects.equals(name, other.getName()));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }
}
