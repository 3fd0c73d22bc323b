package io.opssight.platform.rest;

import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.extensions.Extensions;

/**
 * Every REST operation declares the permission it needs with
 * {@code @Extension(name = ApiPermissions.EXTENSION, value = Permission.X)}: one annotation that both
 * appears in the OpenAPI document (as {@code x-opssight-permission}) and is enforced by
 * {@link PermissionGate}. A value lists alternatives separated by commas (any one suffices);
 * {@link #NONE} marks the webhook receivers in the document, which each source authenticates with its
 * own secret; they are a servlet, so no JAX-RS method is open (a JAX-RS method declaring "none" holds
 * no permission anyone has).
 */
public final class ApiPermissions {

    public static final String EXTENSION = "x-opssight-permission";
    public static final String NONE = "none";

    /**
     * The permissions of the operations described in {@code META-INF/openapi.yaml} rather than by
     * annotations (the webhook receivers, a servlet), by operationId: Payara's reader of that file
     * drops every {@code x-} extension, so they are declared here.
     */
    static final Map<String, String> OF_DESCRIBED_OPERATIONS = Map.of("receiveWebhook", NONE);

    private ApiPermissions() {
    }

    /** The permissions a resource method declares (any one suffices), [none] for open ones, empty when undeclared. */
    public static List<String> of(Method method) {
        for (Extension extension : extensions(method)) {
            if (EXTENSION.equals(extension.name())) {
                return Arrays.stream(extension.value().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            }
        }
        return List.of();
    }

    static List<String> of(ResourceInfo info) {
        return info.getResourceMethod() == null ? List.of() : of(info.getResourceMethod());
    }

    private static List<Extension> extensions(Method method) {
        Extensions many = method.getAnnotation(Extensions.class);
        if (many != null) {
            return List.of(many.value());
        }
        Extension one = method.getAnnotation(Extension.class);
        return one == null ? List.of() : List.of(one);
    }
}
