package io.opssight.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void matchesIpv4Ranges() {
        Cidr range = Cidr.parse("10.0.0.0/8");
        assertTrue(range.contains("10.1.2.3"));
        assertTrue(range.contains("10.255.255.255"));
        assertFalse(range.contains("11.0.0.1"));
        assertTrue(Cidr.parse("192.168.1.0/24").contains("192.168.1.77"));
        assertFalse(Cidr.parse("192.168.1.0/24").contains("192.168.2.1"));
        assertTrue(Cidr.parse("172.16.0.0/12").contains("172.31.255.1"));
        assertFalse(Cidr.parse("172.16.0.0/12").contains("172.32.0.1"));
    }

    @Test
    void aBareAddressIsARangeOfOne() {
        Cidr one = Cidr.parse("127.0.0.1");
        assertTrue(one.contains("127.0.0.1"));
        assertFalse(one.contains("127.0.0.2"));
    }

    @Test
    void zeroPrefixMatchesEverythingOfItsFamily() {
        assertTrue(Cidr.parse("0.0.0.0/0").contains("8.8.8.8"));
        assertFalse(Cidr.parse("0.0.0.0/0").contains("2001:db8::1"));
        assertTrue(Cidr.parse("::/0").contains("2001:db8::1"));
    }

    @Test
    void matchesIpv6AndIpv4MappedAddresses() {
        assertTrue(Cidr.parse("fd00::/8").contains("fd12:3456::1"));
        assertFalse(Cidr.parse("fd00::/8").contains("fe80::1"));
        assertTrue(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1"));
        assertTrue(Cidr.parse("10.0.0.0/8").contains("::ffff:10.0.0.5"));
    }

    @Test
    void neverTreatsNamesAsAddresses() {
        assertNull(Cidr.literal("localhost"));
        assertNull(Cidr.literal("example.com"));
        assertNull(Cidr.literal("1.2.3"));
        assertNull(Cidr.literal(""));
        assertFalse(Cidr.parse("127.0.0.0/8").contains("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("proxy.internal"));
    }

    @Test
    void refusesBadPrefixes() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("::/129"));
    }

    @Test
    void parsesLists() {
        List<Cidr> list = Cidr.parseList(" 10.0.0.0/8, ,::1 ");
        assertEquals(2, list.size());
        assertTrue(Cidr.anyContains(list, "::1"));
        assertFalse(Cidr.anyContains(list, "192.168.0.1"));
        assertTrue(Cidr.parseList(null).isEmpty());
    }
}
