package io.opssight.platform.soap;

import java.time.Instant;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** xs:dateTime ↔ Instant. A time without a zone is taken as UTC, like the REST API's ISO-8601 times. */
final class XmlTimes {

    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private XmlTimes() {
    }

    static Instant instant(XMLGregorianCalendar time) {
        if (time == null) {
            return null;
        }
        XMLGregorianCalendar zoned = time;
        if (time.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            zoned = (XMLGregorianCalendar) time.clone();
            zoned.setTimezone(0);
        }
        return zoned.toGregorianCalendar().toInstant();
    }

    static XMLGregorianCalendar xml(Instant time) {
        return time == null ? null : FACTORY.newXMLGregorianCalendar(time.toString());
    }
}
