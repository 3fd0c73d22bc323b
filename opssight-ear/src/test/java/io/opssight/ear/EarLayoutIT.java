package io.opssight.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The EAR's layout, checked without a server: what the Payara Server test relies on, and what would
 * otherwise only show as a class-loading surprise. Each jar exists once (lib/ or the web module).
 */
@DisplayName("The EAR's layout")
class EarLayoutIT {

    private static Path ear;
    private static Set<String> lib;
    private static Set<String> root;
    private static String applicationXml;

    @BeforeAll
    static void readEar() throws IOException {
        ear = Path.of(System.getProperty("opssight.it.ear", "target/opssight.ear"));
        lib = new TreeSet<>();
        root = new TreeSet<>();
        try (ZipFile zip = new ZipFile(ear.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/")).forEach(n -> {
                if (n.startsWith("lib/")) {
                    lib.add(n.substring(4));
                } else if (!n.contains("/")) {
                    root.add(n);
                }
            });
            applicationXml = new String(zip.getInputStream(zip.getEntry("META-INF/application.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("two modules at the root, the web module at context root /, lib/ as library directory")
    void modules() {
        assertEquals(Set.of("opssight-ejb.jar", "opssight-web.war"), root);
        assertTrue(applicationXml.contains("<ejb>opssight-ejb.jar</ejb>"), applicationXml);
        assertTrue(applicationXml.contains("<web-uri>opssight-web.war</web-uri>"), applicationXml);
        assertTrue(applicationXml.contains("<context-root>/</context-root>"), applicationXml);
        assertTrue(applicationXml.contains("<library-directory>lib</library-directory>"), applicationXml);
    }

    @Test
    @DisplayName("lib/ has the model (persistence unit, MicroProfile Config), Hibernate, Flyway and the drivers")
    void libraries() throws IOException {
        for (String jar : List.of("opssight-model.jar", "hibernate-core.jar", "hibernate-commons-annotations.jar",
                "jboss-logging.jar", "jandex.jar", "classmate.jar", "byte-buddy.jar", "antlr4-runtime.jar",
                "flyway-core.jar", "flyway-database-postgresql.jar", "postgresql.jar", "h2.jar")) {
            assertTrue(lib.contains(jar), "lib/" + jar + " is missing; lib/ has " + lib);
        }
        Set<String> model = entries("lib/opssight-model.jar");
        assertTrue(model.contains("META-INF/persistence.xml"), "no persistence unit in opssight-model.jar");
        assertTrue(model.contains("META-INF/microprofile-config.properties"), "no MicroProfile Config in opssight-model.jar");
        // Payara Server provides the Jakarta APIs and its own JAX-WS runtime (STACK.md).
        for (String jar : lib) {
            assertTrue(!jar.startsWith("jakarta.") && !jar.startsWith("jaxws-") && !jar.startsWith("jaxb-"),
                    "lib/" + jar + " duplicates what Payara Server provides");
        }
    }

    @Test
    @DisplayName("the web module carries only what lib/ does not (PrimeFaces), and the EJB module no libraries")
    void noDuplicates() throws IOException {
        List<String> webLib = new ArrayList<>();
        for (String entry : entries("opssight-web.war")) {
            if (entry.startsWith("WEB-INF/lib/")) {
                webLib.add(entry.substring("WEB-INF/lib/".length()));
            }
        }
        assertTrue(webLib.stream().anyMatch(j -> j.startsWith("primefaces-")), "PrimeFaces is missing from the web module: " + webLib);
        for (String jar : webLib) {
            String artifact = jar.replaceFirst("-\\d[^/]*\\.jar$", "");
            assertTrue(!lib.contains(artifact + ".jar") && !artifact.startsWith("opssight-"),
                    "WEB-INF/lib/" + jar + " is also in the EAR (lib/ or a module); web module has " + webLib);
        }
        assertTrue(entries("opssight-ejb.jar").stream().noneMatch(e -> e.endsWith(".jar")), "jars inside the EJB module");
    }

    private static Set<String> entries(String nested) throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipFile zip = new ZipFile(ear.toFile())) {
            ZipEntry entry = zip.getEntry(nested);
            assertTrue(entry != null, nested + " is missing from " + ear);
            try (InputStream in = zip.getInputStream(entry); ZipInputStream jar = new ZipInputStream(in)) {
                for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
                    names.add(e.getName());
                }
            }
        }
        return names;
    }
}
