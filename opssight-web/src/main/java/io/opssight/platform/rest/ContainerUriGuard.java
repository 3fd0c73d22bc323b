package io.opssight.platform.rest;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes Payara's HTTP layer hand the request targets it cannot take ({@link RequestTargets}) to our
 * error policy instead of answering them itself. Payara decodes and normalises the path in its
 * connector before any filter or servlet runs; for an invalid percent-escape its decoder throws, the
 * connector logs the exception and leaves the response untouched, so the client got {@code 200} with
 * an empty body (for a webhook: acknowledged, nothing stored), and for {@code %00}, a backslash,
 * non-UTF-8 escapes or {@code ..} above the root it answered an empty {@code 400 Invalid URI}.
 *
 * <p>Grizzly, under the connector, tells the probes of its {@code HttpServerFilter} about every request
 * before the connector sees it ({@code HttpServerProbe.onRequestReceiveEvent}). This listener adds such
 * a probe to every HTTP listener when the application starts (adding a probe is safe while requests are
 * served) and removes it when it stops. A request whose target {@link RequestTargets#refusal} refuses is
 * re-targeted at {@code /errors/refused-uri/<reason>}, which {@link ContainerErrors}
 * answers with a 400 problem. The connector's classes are Payara's, not an API, so they are reached by
 * reflection; where they are missing (another server) the guard logs why once and the application runs
 * without it (docs/SECURITY.md).
 */
@WebListener
public class ContainerUriGuard implements ServletContextListener {

    /** Where a refused request is sent; the reason's slug follows. */
    public static final String REFUSED_PATH = "/errors/refused-uri/";

    private static final System.Logger LOGGER = System.getLogger(ContainerUriGuard.class.getName());
    private static final String PROBE = "org.glassfish.grizzly.http.server.HttpServerProbe";
    private static final String SERVER_FILTER = "org.glassfish.grizzly.http.server.HttpServerFilter";
    private static final String MONITORING = "org.glassfish.grizzly.monitoring.MonitoringConfig";

    /** Each HTTP listener's filter and the probe added to it, to remove on stop. */
    private final List<Object[]> installed = new ArrayList<>();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            install();
            LOGGER.log(Level.INFO, "Malformed request targets are answered by the error policy on {0} HTTP listener(s)",
                    installed.size());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOGGER.log(Level.WARNING, "Cannot guard the container's handling of malformed request targets ({0}); "
                    + "the HTTP layer answers them itself", e.toString());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        for (Object[] pair : installed) {
            try {
                ClassLoader loader = pair[0].getClass().getClassLoader();
                Object config = Class.forName(SERVER_FILTER, true, loader).getMethod("getMonitoringConfig").invoke(pair[0]);
                Class.forName(MONITORING, true, loader).getMethod("removeProbes", Object[].class).invoke(config, pair[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOGGER.log(Level.DEBUG, "Could not remove the request-target probe: {0}", e.toString());
            }
        }
        installed.clear();
    }

    private void install() throws ReflectiveOperationException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, loader);
        Object locator = globals.getMethod("getDefaultBaseServiceLocator").invoke(null);
        Class<?> serviceLocator = Class.forName("org.glassfish.hk2.api.ServiceLocator", true, loader);
        Method getService = serviceLocator.getMethod("getService", Class.class, Annotation[].class);
        Method getAllServices = serviceLocator.getMethod("getAllServices", Class.class, Annotation[].class);
        Class<?> grizzlyService = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService", true, loader);
        Class<?> listenerConfig = Class.forName("org.glassfish.grizzly.config.dom.NetworkListener", true, loader);
        Class<?> serverFilter = Class.forName(SERVER_FILTER, true, loader);
        Class<?> probeType = Class.forName(PROBE, true, loader);
        Method getMonitoringConfig = serverFilter.getMethod("getMonitoringConfig");
        Method addProbes = Class.forName(MONITORING, true, loader).getMethod("addProbes", Object[].class);
        Probe probe = new Probe(Class.forName("org.glassfish.grizzly.http.server.Request", true, loader),
                Class.forName("org.glassfish.grizzly.http.HttpRequestPacket", true, loader));
        Object grizzly = getService.invoke(locator, grizzlyService, new Annotation[0]);
        Method lookup = grizzlyService.getMethod("lookupNetworkProxy", listenerConfig);
        Class<?> grizzlyProxy = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyProxy", true, loader);
        Method getUnderlyingListener = grizzlyProxy.getMethod("getUnderlyingListener");
        Class<?> genericListener = Class.forName("org.glassfish.grizzly.config.GenericGrizzlyListener", true, loader);
        Method getFilters = genericListener.getMethod("getFilters", Class.class);
        for (Object config : (List<?>) getAllServices.invoke(locator, listenerConfig, new Annotation[0])) {
            Object proxy = lookup.invoke(grizzly, config);
            if (!grizzlyProxy.isInstance(proxy)) {
                continue; // configured but not started, or not an HTTP listener of Grizzly's
            }
            Object listener = getUnderlyingListener.invoke(proxy);
            if (!genericListener.isInstance(listener)) {
                continue;
            }
            for (Object filter : (List<?>) getFilters.invoke(listener, serverFilter)) {
                Object probes = Array.newInstance(probeType, 1);
                Array.set(probes, 0, Proxy.newProxyInstance(probeType.getClassLoader(), new Class<?>[] {probeType}, probe));
                addProbes.invoke(getMonitoringConfig.invoke(filter), probes);
                installed.add(new Object[] {filter, probes});
            }
        }
        if (installed.isEmpty()) {
            throw new IllegalStateException("no HTTP listener found");
        }
    }

    /**
     * The probe: on a new request, re-targets it when its target cannot be taken as it is; every other
     * event is ignored. The Grizzly request is read through its public methods.
     */
    static final class Probe implements InvocationHandler {

        private final Method getRequest;
        private final Method getRequestUri;
        private final Method setRequestUri;

        Probe(Class<?> request, Class<?> requestPacket) throws NoSuchMethodException {
            getRequest = request.getMethod("getRequest");
            getRequestUri = requestPacket.getMethod("getRequestURI");
            setRequestUri = requestPacket.getMethod("setRequestURI", String.class);
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws ReflectiveOperationException {
            switch (method.getName()) {
                case "onRequestReceiveEvent" -> retarget(args[2]);
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                case "equals" -> {
                    return self == args[0];
                }
                case "toString" -> {
                    return "OpsSight request-target guard";
                }
                default -> {
                    // other events: nothing to do
                }
            }
            return null;
        }

        private void retarget(Object request) throws ReflectiveOperationException {
            Object packet = getRequest.invoke(request);
            String target = (String) getRequestUri.invoke(packet);
            Optional<RequestTargets.Refusal> refusal = RequestTargets.refusal(target);
            if (refusal.isPresent()) {
                setRequestUri.invoke(packet, REFUSED_PATH + refusal.get().slug());
            }
        }
    }
}
