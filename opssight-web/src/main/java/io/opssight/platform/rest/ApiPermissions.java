package io.opssight.platform.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Every REST operation states the permission it needs once, as {@code @RolesAllowed} on its resource
 * method (alternatives: any one suffices). {@link PermissionGate} enforces it before the body is read,
 * and {@link ApiDocumentFilter} derives from it what the document says: the {@code x-opssight-permission}
 * extension, the "Permission:" sentence of the description and the 401 and 403 answers.
 * {@link #NONE} marks the webhook receivers in the document, which each source authenticates with its
 * own secret; they are a servlet, so no JAX-RS method is open (a JAX-RS method without
 * {@code @RolesAllowed} holds no permission anyone has).
 */
public final class ApiPermissions {

    public static final String EXTENSION = "x-opssight-permission";
    public static final String NONE = "none";

    /**
     * The permissions of the operations described in {@code META-INF/openapi.yaml} rather than by
     * annotations (the webhook receivers, a servlet), by operationId.
     */
    private static final Map<String, List<String>> OF_DESCRIBED_OPERATIONS = Map.of("receiveWebhook", List.of(NONE));

    private ApiPermissions() {
    }

    /** The permissions a resource method declares (any one suffices), empty when undeclared. */
    public static List<String> of(Method method) {
        RolesAllowed declared = method.getAnnotation(RolesAllowed.class);
        return declared == null ? List.of() : List.of(declared.value());
    }

    static List<String> of(ResourceInfo info) {
        return info.getResourceMethod() == null ? List.of() : of(info.getResourceMethod());
    }

    /**
     * The permissions of every operation of the document by operationId: the resource methods'
     * (found in this module's {@code rest} packages, where every resource lives) and the described ones'.
     */
    static Map<String, List<String>> byOperationId() {
        Map<String, List<String>> permissions = new HashMap<>(OF_DESCRIBED_OPERATIONS);
        for (Class<?> resource : resourceClasses()) {
            for (Method method : resource.getDeclaredMethods()) {
                Operation operation = method.getAnnotation(Operation.class);
                if (operation != null && !operation.operationId().isEmpty() && !of(method).isEmpty()) {
                    permissions.put(operation.operationId(), of(method));
                }
            }
        }
        return Collections.unmodifiableMap(permissions);
    }

    /**
     * The {@code @Path} classes of the {@code io.opssight.<feature>.rest} packages beside this class
     * (in the deployed WAR, or the web module's classes jar the contract tests read).
     */
    public static List<Class<?>> resourceClasses() {
        String self = ApiPermissions.class.getName().replace('.', '/') + ".class";
        URL location = ApiPermissions.class.getClassLoader().getResource(self);
        List<String> names = new ArrayList<>();
        try {
            if (location == null) {
                return List.of();
            } else if (location.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) location.openConnection();
                connection.setUseCaches(false); // our own copy to close, not the class loader's
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream().map(JarEntry::getName).forEach(names::add);
                }
            } else {
                // qualified: jakarta.ws.rs.Path is the annotation here
                java.nio.file.Path root = Paths.get(location.toURI());
                for (int depth = self.split("/").length; depth > 0; depth--) {
                    root = root.getParent();
                }
                // qualified: jakarta.ws.rs.Path is the annotation here
                java.nio.file.Path classes = root;
                try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
                    files.map(f -> classes.relativize(f).toString().replace('\\', '/')).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> resources = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("io/opssight/") && name.contains("/rest/") && name.endsWith(".class") && !name.contains("$")) {
                try {
                    Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                            ApiPermissions.class.getClassLoader());
                    if (type.isAnnotationPresent(Path.class)) {
                        resources.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable here: not a resource this application deploys
                }
            }
        }
        return resources;
    }
}
