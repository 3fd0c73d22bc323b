package io.opssight.platform.control;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.security.AccessController;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * The JMX plumbing behind {@code platform.boundary.Management}: MXBeans registered under one domain
 * in the platform MBean server and removed again, and the two things every call from a JMX client
 * needs (the application's class loader on an RMI thread, exceptions a client can deserialize).
 */
public final class JmxBeans {

    private static final System.Logger LOGGER = System.getLogger(JmxBeans.class.getName());

    private final String domain;
    private final List<ObjectName> registered = new ArrayList<>();

    public JmxBeans(String domain) {
        this.domain = domain;
    }

    /** Registers {@code bean} as {@code <domain>:type=<type>}, replacing one a redeploy in the same JVM left. */
    public <T> void register(String type, T bean, Class<T> mxbean) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(domain, "type", type);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new StandardMBean(bean, mxbean, true), name);
            registered.add(name);
        } catch (JMException e) {
            LOGGER.log(Level.WARNING, "MBean {0} not registered: {1}", type, e.getMessage());
        }
    }

    public void unregisterAll() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOGGER.log(Level.DEBUG, "MBean {0} already gone", name);
            }
        }
        registered.clear();
    }

    /** The authenticated remote JMX user, or "local" for an in-process or attach-API client. */
    @SuppressWarnings("removal")
    public static String user() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (JMXPrincipal principal : subject.getPrincipals(JMXPrincipal.class)) {
                return principal.getName();
            }
        }
        return "local";
    }

    /**
     * Runs {@code work} with the application's class loader (an RMI thread carries the JDK's) and
     * turns container exceptions into plain ones a JMX client can deserialize.
     */
    public static <T> T call(ClassLoader loader, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(cause.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static void run(ClassLoader loader, Runnable work) {
        call(loader, () -> {
            work.run();
            return null;
        });
    }
}
