package io.opssight.platform.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SoapAccessFilterTest {

    @Test
    void findsADoctypeInUtf8AndUtf16() {
        String dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>";
        assertTrue(SoapAccessFilter.declaresDoctype(dtd.getBytes(StandardCharsets.UTF_8)));
        assertTrue(SoapAccessFilter.declaresDoctype(dtd.getBytes(StandardCharsets.UTF_16)));
        assertTrue(SoapAccessFilter.declaresDoctype(dtd.getBytes(StandardCharsets.UTF_16LE)));
    }

    @Test
    void letsAnOrdinaryMessageThrough() {
        String soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<t>&lt;!DOCTYPE is only text here</t></soap:Body></soap:Envelope>";
        assertFalse(SoapAccessFilter.declaresDoctype(soap.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsUpToTheLimitAndNoFurther() throws IOException {
        byte[] body = new byte[1000];
        assertArrayEquals(body, SoapAccessFilter.read(new ByteArrayInputStream(body), 1000));
        assertNull(SoapAccessFilter.read(new ByteArrayInputStream(body), 999));
    }
}
