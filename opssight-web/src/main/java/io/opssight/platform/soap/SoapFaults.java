package io.opssight.platform.soap;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.rest.ProblemMapper;
import io.opssight.platform.soap.v1.DeliveryFault;
import io.opssight.platform.soap.v1.FaultDetail;
import jakarta.ejb.AccessLocalException;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The SOAP service's one error policy, the twin of {@code ProblemMapper}: every failure becomes a
 * {@link DeliveryFault} whose faultstring says what was wrong and whose detail carries a stable code
 * (the {@link ProblemType} name: VALIDATION, FORBIDDEN, NOT_FOUND, ...). Anything unexpected is
 * INTERNAL with an instance id that appears in the log, never a stack trace or an internal message.
 * Access denied is audited, as in REST.
 */
final class SoapFaults {

    private static final System.Logger LOGGER = System.getLogger(SoapFaults.class.getName());

    private SoapFaults() {
    }

    /** Runs one operation; {@code permission} names what it needs, for the FORBIDDEN fault's message. */
    static <T> T call(String operation, String permission, Principal caller, Supplier<T> body) throws DeliveryFault {
        try {
            return body.get();
        } catch (RuntimeException thrown) {
            throw faultFor(operation, permission, caller, ProblemMapper.unwrap(thrown));
        }
    }

    static DeliveryFault validation(String message) {
        return fault(ProblemType.VALIDATION, message, null);
    }

    private static DeliveryFault faultFor(String operation, String permission, Principal caller, Throwable e) {
        if (e instanceof OpsSightException ops) {
            LOGGER.log(Level.DEBUG, "SOAP {0} refused ({1}): {2}", operation, ops.type(), ops.getMessage());
            return fault(ops.type(), ops.getMessage(), null);
        }
        if (e instanceof ConstraintViolationException violations) {
            String message = violations.getConstraintViolations().stream().map(ConstraintViolation::getMessage).sorted()
                    .collect(Collectors.joining("; "));
            return fault(ProblemType.VALIDATION, message, null);
        }
        if (e instanceof EJBAccessException || e instanceof AccessLocalException) {
            if (caller == null) {
                return fault(ProblemType.UNAUTHENTICATED, "This service needs 'Authorization: Bearer <API token>'.", null);
            }
            String message = "Your token lacks the permission " + permission + " that " + operation + " needs.";
            auditDenied(caller, operation, message);
            return fault(ProblemType.FORBIDDEN, message, null);
        }
        if (ProblemMapper.databaseUnavailable(e)) {
            LOGGER.log(Level.WARNING, "SOAP {0} refused: database unavailable", operation);
            return fault(ProblemType.UNAVAILABLE, "The database is not reachable; retry later.", null);
        }
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOGGER.log(Level.ERROR, "SOAP " + operation + " " + instance + " failed", e);
        return fault(ProblemType.INTERNAL, "Something went wrong on our side. Quote the instance id when reporting it.",
                instance);
    }

    private static DeliveryFault fault(ProblemType type, String message, String instance) {
        FaultDetail detail = new FaultDetail();
        detail.setCode(type.name());
        detail.setMessage(message);
        detail.setInstance(instance);
        return new DeliveryFault(message, detail);
    }

    private static void auditDenied(Principal caller, String operation, String message) {
        try {
            CDI.current().select(AuditTrail.class).get().recordApart(caller.getName(), "access.denied",
                    "/soap/v1/DeliveryService#" + operation, AuditEntry.DENIED, "SOAP " + operation + ": " + message);
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "Could not record a denied access in the audit trail", e);
        }
    }
}
