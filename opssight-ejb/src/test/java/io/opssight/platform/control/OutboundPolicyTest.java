package io.opssight.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opssight.platform.control.OutboundPolicy.OutboundRefused;
import io.opssight.platform.entity.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@DisplayName("#5 outbound URL policy")
class OutboundPolicyTest {

    /** A fake DNS: names map to literal addresses; anything else does not resolve. No network. */
    private static OutboundPolicy.Resolver dns(Map<String, List<String>> records) {
        return host -> {
            List<String> literals = records.get(host);
            if (literals == null) {
                if (Cidr.literal(host) != null) {
                    return new InetAddress[] {InetAddress.getByAddress(Cidr.literal(host))};
                }
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[literals.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByAddress(host, Cidr.literal(literals.get(i)));
            }
            return out;
        };
    }

    private static final Map<String, List<String>> RECORDS = Map.of(
            "hooks.slack.com", List.of("34.226.36.52", "2600:1f18:24e6:b900::1"),
            "localhost", List.of("127.0.0.1", "::1"),
            "rebind.example", List.of("93.184.216.34", "10.0.0.5"),
            "metadata.internal", List.of("169.254.169.254"),
            "chat.corp", List.of("10.20.30.40"));

    private final OutboundPolicy policy = new OutboundPolicy(List.of(), dns(RECORDS));

    @Test
    void allowsPublicHostsAndReturnsTheAddressesToConnectTo() {
        List<InetAddress> addresses = policy.check("https://hooks.slack.com/services/T000/B000/XXXX");
        assertEquals(2, addresses.size());
        policy.check("http://93.184.216.34:8080/hook");
        policy.check("https://[2606:4700:4700::1111]/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/", "http://127.1.2.3:9000/", "http://localhost:8080/admin", "http://[::1]/", "http://0.0.0.0/",
        "http://[::]/", "http://169.254.169.254/latest/meta-data/", "http://metadata.internal/", "http://[fd00:ec2::254]/",
        "http://10.0.0.1/", "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.1.1/", "http://100.64.0.1/",
        "http://100.100.100.200/", "http://192.0.0.192/", "http://198.18.0.1/", "http://192.0.2.10/", "http://203.0.113.9/",
        "http://224.0.0.1/", "http://240.0.0.1/", "http://255.255.255.255/", "http://[fe80::1]/", "http://[fc00::1]/",
        "http://[fd12:3456::1]/", "http://[fec0::1]/", "http://[ff02::1]/", "http://[2001:db8::1]/",
        "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:101::1]/",
        "http://chat.corp/hook"})
    void refusesInternalAddresses(String url) {
        assertThrows(OutboundRefused.class, () -> policy.check(url));
    }

    @Test
    void refusesWhenAnyResolvedAddressIsInternal() {
        OutboundRefused refused = assertThrows(OutboundRefused.class, () -> policy.check("https://rebind.example/"));
        assertTrue(refused.getMessage().contains("10.0.0.5"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.slack.com/", "file:///etc/passwd", "gopher://hooks.slack.com/", "hooks.slack.com/x",
        "https://user:pass@hooks.slack.com/", "https:///nohost", "http://no-such-host.invalid/", "not a url", ""})
    void refusesOtherSchemesUserInfoAndUnresolvableHosts(String url) {
        assertThrows(OutboundRefused.class, () -> policy.check(url));
    }

    @Test
    void configuredRangesAreAllowedAndNothingElse() {
        OutboundPolicy corp = new OutboundPolicy(Cidr.parseList("10.20.0.0/16"), dns(RECORDS));
        corp.check("https://chat.corp/hook");
        assertThrows(OutboundRefused.class, () -> corp.check("http://10.21.0.1/"));
        assertThrows(OutboundRefused.class, () -> corp.check("http://169.254.169.254/"));
    }

    @Test
    void judgesEmbeddedIpv4ByTheAddressItCarries() throws Exception {
        assertTrue(policy.allowed(InetAddress.getByName("::ffff:93.184.216.34")));
        assertFalse(policy.allowed(InetAddress.getByName("64:ff9b::7f00:1")));
        assertTrue(policy.allowed(InetAddress.getByName("64:ff9b::5db8:d822")));
        assertFalse(policy.allowed(InetAddress.getByName("::7f00:1")), "IPv4-compatible loopback");
    }
}
