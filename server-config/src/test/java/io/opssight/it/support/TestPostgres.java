package io.opssight.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL the tests run against (127.0.0.1:5432, user postgres, trust auth on CI machines;
 * override with -Dopssight.it.pg.*). Every database a test run creates has a fresh random name and
 * is dropped when the run ends, so no run depends on what an earlier one left.
 */
public final class TestPostgres {

    private static final List<String> CREATED = new ArrayList<>();

    private TestPostgres() {
    }

    public static String host() {
        return System.getProperty("opssight.it.pg.host", "127.0.0.1");
    }

    public static String port() {
        return System.getProperty("opssight.it.pg.port", "5432");
    }

    public static String user() {
        return System.getProperty("opssight.it.pg.user", "postgres");
    }

    public static String password() {
        return System.getProperty("opssight.it.pg.password", "");
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates a new, empty database and returns its name. */
    public static synchronized String createDatabase(String purpose) {
        String name = ("opssight_it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on PostgreSQL at " + host() + ":" + port()
                    + " as " + user() + ". The tests need a running PostgreSQL (on CI machines it listens on "
                    + "127.0.0.1:5432 with trust auth; .ci/run starts it if it is installed). Cause: " + e.getMessage(), e);
        }
        CREATED.add(name);
        return name;
    }

    public static synchronized void dropAll() {
        for (String name : CREATED) {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            } catch (SQLException e) {
                System.err.println("Could not drop test database " + name + ": " + e.getMessage());
            }
        }
        CREATED.clear();
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user(), password());
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(url("postgres"), user(), password());
    }
}
