package io.opssight.platform.soap;

import com.sun.xml.ws.developer.ValidationErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Checks every call against the WSDL's schema and remembers the first mismatch for the endpoint,
 * which answers it with a VALIDATION fault like any other bad input. Without this, JAXB would
 * quietly read a malformed value (say, a from of "yesterday") as absent and widen a query.
 */
public class SchemaErrors extends ValidationErrorHandler {

    static final String FIRST_ERROR = "io.opssight.soap.schema-error";

    @Override
    public void warning(SAXParseException e) {
        // Warnings do not make a message invalid.
    }

    @Override
    public void error(SAXParseException e) {
        remember(e);
    }

    @Override
    public void fatalError(SAXParseException e) {
        remember(e);
    }

    private void remember(SAXParseException e) {
        packet.invocationProperties.putIfAbsent(FIRST_ERROR, e.getMessage());
    }
}
