package io.opssight.platform.control;

import io.opssight.platform.entity.Cidr;
import io.opssight.platform.entity.ProblemType;
import io.opssight.platform.entity.OpsSightException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which URLs OpsSight may call out to (notification webhooks and the like), against server-side
 * request forgery: http or https only, no user info, and every address the host resolves to must
 * be a public unicast address, unless it lies in {@code opssight.outbound.allowed-cidrs}. Refused:
 * loopback, unspecified, link-local (with the cloud metadata address 169.254.169.254), private
 * (RFC 1918), shared/CGNAT (100.64/10, Alibaba's metadata 100.100.100.200), IETF protocol and
 * documentation ranges, benchmarking, multicast, reserved and broadcast; in IPv6 also unique-local
 * fc00::/7 (AWS metadata fd00:ec2::254), site-local, documentation, discard, and IPv4 embedded in
 * IPv6 (mapped, compatible, NAT64, 6to4) is judged as the IPv4 address it carries. The caller
 * should connect to one of the returned addresses, not resolve the name again (DNS rebinding).
 */
@ApplicationScoped
public class OutboundPolicy {

    /** Resolves a host name to all of its addresses; replaced in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** An outbound URL that is not allowed; a 400 when it comes from a user's input. */
    public static class OutboundRefused extends OpsSightException {
        public OutboundRefused(String detail) {
            super(ProblemType.VALIDATION, detail);
        }
    }

    static final List<Cidr> BLOCKED_V4 = Cidr.parseList(String.join(",",
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4"));
    static final List<Cidr> BLOCKED_V6 = Cidr.parseList(String.join(",",
            "::/128", "::1/128", "100::/64", "2001:db8::/32", "2001::/23", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"));

    @Inject
    @ConfigProperty(name = "opssight.outbound.allowed-cidrs", defaultValue = " ")
    String allowedSetting;

    private List<Cidr> allowed = List.of();
    private Resolver resolver = InetAddress::getAllByName;

    public OutboundPolicy() {
    }

    OutboundPolicy(List<Cidr> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    @PostConstruct
    void configure() {
        allowed = Cidr.parseList(allowedSetting);
    }

    /**
     * Checks a URL and returns the addresses its host resolves to (all of them allowed); refuses
     * with {@link OutboundRefused} otherwise.
     */
    public List<InetAddress> check(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
            throw new OutboundRefused("Not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundRefused("Only http and https URLs are allowed.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefused("URLs with user info (user:password@) are not allowed; use the channel's credentials.");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new OutboundRefused("The URL has no host.");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new OutboundRefused("The host " + host + " does not resolve.");
        }
        if (addresses == null || addresses.length == 0) {
            throw new OutboundRefused("The host " + host + " does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw new OutboundRefused("The host " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback, private, link-local or otherwise internal address; allow it in "
                        + "opssight.outbound.allowed-cidrs if this is intended.");
            }
        }
        return Arrays.asList(addresses);
    }

    /** Whether OpsSight may connect to this address. */
    public boolean allowed(InetAddress address) {
        for (Cidr range : allowed) {
            if (range.contains(address)) {
                return true;
            }
        }
        return isPublic(address.getAddress());
    }

    static boolean isPublic(byte[] address) {
        if (address.length == 4) {
            return !blocked(BLOCKED_V4, address) && !(address[0] == (byte) 255 && address[1] == (byte) 255
                    && address[2] == (byte) 255 && address[3] == (byte) 255);
        }
        byte[] embedded = embeddedIpv4(address);
        if (embedded != null) {
            return isPublic(embedded);
        }
        return !blocked(BLOCKED_V6, address);
    }

    /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    static byte[] embeddedIpv4(byte[] v6) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= v6[i] == 0;
        }
        if (zeroPrefix && ((v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) || (v6[10] == 0 && v6[11] == 0 && !allZeroOrOne(v6)))) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b) {
            boolean zeros = true;
            for (int i = 4; i < 12; i++) {
                zeros &= v6[i] == 0;
            }
            if (zeros) {
                return Arrays.copyOfRange(v6, 12, 16);
            }
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    /** :: and ::1 are themselves (unspecified, loopback), not IPv4-compatible addresses. */
    private static boolean allZeroOrOne(byte[] v6) {
        for (int i = 0; i < 15; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[15] == 0 || v6[15] == 1;
    }

    private static boolean blocked(List<Cidr> ranges, byte[] address) {
        InetAddress inet;
        try {
            inet = InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            return true;
        }
        for (Cidr range : ranges) {
            if (range.contains(inet)) {
                return true;
            }
        }
        return false;
    }
}
