package io.opssight.platform.soap;

import io.opssight.audit.boundary.AuditTrail;
import io.opssight.audit.entity.AuditEntry;
import io.opssight.platform.entity.OpsSightException;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.rest.ProblemMapper;
import jakarta.ejb.AccessLocalException;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.lang.System.Logger.Level;
import javax.xml.namespace.QName;
import java.security.Principal;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The SOAP service's one error policy, the twin of {@code ProblemMapper}: every failure becomes a
 * DeliveryFault (the WSDL's one fault) whose faultstring says what was wrong and whose detail carries a stable code
 * (the {@link ProblemType} name: VALIDATION, FORBIDDEN, NOT_FOUND, ...). Anything unexpected is
 * INTERNAL with an instance id that appears in the log, never a stack trace or an internal message.
 * Access denied is audited, as in REST.
 */
final class SoapFaults {

    private static final System.Logger LOGGER = System.getLogger(SoapFaults.class.getName());
    private static final String NS = "urn:opssight:soap:v1";

    private SoapFaults() {
    }

    /**
     * Runs one operation, unless the message did not match the WSDL's schema; {@code permission}
     * names what it needs, for the FORBIDDEN fault's message.
     */
    static <T> T call(String operation, String permission, WebServiceContext context, Supplier<T> body) {
        Principal caller = context == null ? null : context.getUserPrincipal();
        Object schemaError = context == null ? null : context.getMessageContext().get(SchemaErrors.FIRST_ERROR);
        if (schemaError != null) {
            throw validation("The message does not match the WSDL: " + schemaError);
        }
        try {
            return body.get();
        } catch (RuntimeException thrown) {
            throw faultFor(operation, permission, caller, ProblemMapper.unwrap(thrown));
        }
    }

    static SOAPFaultException validation(String message) {
        return fault(ProblemType.VALIDATION, message, null);
    }

    private static SOAPFaultException faultFor(String operation, String permission, Principal caller, Throwable e) {
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

    /**
     * The WSDL's DeliveryFault (a generated client raises it as its DeliveryFault exception), built
     * by hand so that the faultcode says whose fault it is: Client for bad input or access, Server
     * for ours. Metro would answer Server for every declared fault.
     */
    private static SOAPFaultException fault(ProblemType type, String message, String instance) {
        try {
            SOAPFault fault = SOAPFactory.newInstance().createFault(message, new QName(
                    SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, type.status() >= 500 ? "Server" : "Client"));
            SOAPElement detail = fault.addDetail().addChildElement(new QName(NS, "fault"));
            detail.addChildElement(new QName(NS, "code")).addTextNode(type.name());
            detail.addChildElement(new QName(NS, "message")).addTextNode(message);
            if (instance != null) {
                detail.addChildElement(new QName(NS, "instance")).addTextNode(instance);
            }
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new IllegalStateException("Cannot build a SOAP fault", e);
        }
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
