package io.opssight.audit.boundary;

import io.opssight.audit.control.AuditWriter;
import io.opssight.audit.entity.AuditEntry;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBContext;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.annotation.Resource;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** The {@link Audited} interceptor. */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

    @Inject
    AuditWriter writer;

    @EJB
    AuditTrail trail;

    @Resource
    EJBContext context;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    Object record(InvocationContext invocation) throws Exception {
        String action = invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
        String target = target(invocation.getParameters());
        String actor = context.getCallerPrincipal() == null ? "anonymous" : context.getCallerPrincipal().getName();
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception e) {
            trail.recordApart(actor, action, target, AuditEntry.FAILURE, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            throw e;
        }
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            writer.append(actor, action, target, AuditEntry.SUCCESS, null);
        } else {
            // A boundary without a transaction of its own (it commits piece by piece): record apart.
            trail.recordApart(actor, action, target, AuditEntry.SUCCESS, null);
        }
        return result;
    }

    /** The first simple argument (an id, a kind, a name); never values that could be secrets. */
    static String target(Object[] parameters) {
        if (parameters == null) {
            return null;
        }
        for (Object p : parameters) {
            if (p instanceof Number || p instanceof Enum<?>) {
                return p.toString();
            }
            if (p instanceof String s) {
                return s.length() > 200 ? s.substring(0, 200) : s;
            }
        }
        return null;
    }
}
