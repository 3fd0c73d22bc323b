package io.opssight.platform.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import fish.payara.micro.PayaraMicro;

/**
 * {@code java -jar server-config/target/opssight.jar}: starts Payara Micro in this JVM with the
 * OpsSight WAR at the root context. It turns the environment contract into Payara Micro options:
 * <ul>
 * <li>{@code OPSSIGHT_HTTP_PORT} (default 8080) → {@code --port};</li>
 * <li>{@code OPSSIGHT_MICRO_ARGS} → appended as further Payara Micro options, e.g. {@code --nocluster}
 * or {@code --clustermode kubernetes:ns,svc} (the Helm chart sets it);</li>
 * <li>command-line arguments → appended last, so they win.</li>
 * </ul>
 * The database settings ({@code OPSSIGHT_DB_*}) are read by the application itself.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // Metro (SOAP): its endpoint monitoring fails on Java 17's module checks (STACK.md), and
        // faults never carry a stack trace.
        System.setProperty("com.sun.xml.ws.monitoring.endpoint", System.getProperty("com.sun.xml.ws.monitoring.endpoint", "false"));
        System.setProperty("com.sun.xml.ws.fault.SOAPFaultBuilder.captureStackTrace", "false");
        Path home = home();
        Path war = home.resolve("lib/opssight.war");
        Path preBoot = home.resolve("lib/pre-boot-commands.asadmin");
        Path postBoot = home.resolve("lib/post-boot-commands.asadmin");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("OpsSight WAR not found at " + war + "; build with 'mvn package' first");
        }
        List<String> options = new ArrayList<>(List.of(
                "--deploy", war.toString(),
                "--contextroot", "/",
                "--port", port(System.getenv("OPSSIGHT_HTTP_PORT")),
                "--prebootcommandfile", preBoot.toString(),
                "--postbootcommandfile", postBoot.toString()));
        String extra = System.getenv("OPSSIGHT_MICRO_ARGS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        options.addAll(Arrays.asList(args));
        PayaraMicro.main(options.toArray(String[]::new));
    }

    static String port(String configured) {
        if (configured == null || configured.isBlank()) {
            return "8080";
        }
        try {
            int port = Integer.parseInt(configured.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return String.valueOf(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OPSSIGHT_HTTP_PORT must be a port number, got '" + configured + "'");
        }
    }

    private static Path home() throws URISyntaxException, IOException {
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return (Files.isDirectory(jar) ? jar : jar.getParent()).toRealPath();
    }
}
