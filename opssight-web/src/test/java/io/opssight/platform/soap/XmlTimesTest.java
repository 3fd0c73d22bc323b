package io.opssight.platform.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

class XmlTimesTest {

    @Test
    void aTimeWithoutZoneIsUtc() throws Exception {
        assertEquals(Instant.parse("2026-03-02T10:04:12Z"),
                XmlTimes.instant(DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-03-02T10:04:12")));
        assertEquals(Instant.parse("2026-03-02T08:04:12Z"),
                XmlTimes.instant(DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-03-02T10:04:12+02:00")));
        assertNull(XmlTimes.instant(null));
    }

    @Test
    void instantsGoOutInUtc() {
        assertEquals("2026-03-02T10:04:12Z", XmlTimes.xml(Instant.parse("2026-03-02T10:04:12Z")).toXMLFormat());
        assertNull(XmlTimes.xml(null));
    }
}
