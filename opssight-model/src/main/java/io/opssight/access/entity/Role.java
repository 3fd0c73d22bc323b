package io.opssight.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Objects;
import java.util.Set;

/**
 * A named set of permissions that users are given through {@link RoleAssignment}s. Built-in roles
 * ({@link BuiltInRole}) cannot be changed or deleted; custom ones can. Natural key: the name.
 */
@Entity
@Table(name = "access_role")
@NamedQuery(name = Role.FIND_BY_NAME, query = "select r from Role r where r.name = :name")
@NamedQuery(name = Role.FIND_ALL, query = "select r from Role r order by r.builtIn desc, r.name")
public class Role {

    public static final String FIND_BY_NAME = "Role.findByName";
    public static final String FIND_ALL = "Role.findAll";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "access_role_seq")
    @SequenceGenerator(name = "access_role_seq", sequenceName = "access_role_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100, unique = true)
    private String name;

    @Column(length = 500)
    private String description;

    @Column(nullable = false, length = 2000)
    private String permissions;

    @Column(name = "built_in", nullable = false)
    private boolean builtIn;

    @Version
    private long version;

    protected Role() {
        // for JPA
    }

    public Role(String name, String description, Set<String> permissions, boolean builtIn) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.permissions = Permission.format(permissions);
        this.builtIn = builtIn;
    }

    /** Replaces the permissions; returns whether they changed. */
    public boolean grant(Set<String> newPermissions) {
        String formatted = Permission.format(newPermissions);
        boolean changed = !formatted.equals(permissions);
        permissions = formatted;
        return changed;
    }

    public void describe(String text) {
        this.description = text;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public Set<String> permissionSet() {
        return Permission.parse(permissions);
    }

    public boolean isBuiltIn() {
        return builtIn;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Role other && Objects.equals(name, other.getName()));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }
}
