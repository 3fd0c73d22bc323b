package io.opssight.platform.entity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare
 * address is a range of one. Parses literals only, never names, so building one never touches DNS.
 * An IPv4 range also matches the same addresses written as IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}).
 */
public final class Cidr {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses {@code address[/prefix]}; throws IllegalArgumentException when it is not one. */
    public static Cidr parse(String value) {
        Objects.requireNonNull(value, "value");
        String trimmed = value.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: '" + value + "'");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a CIDR prefix length in '" + value + "'");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("CIDR prefix length out of range in '" + value + "'");
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, trimmed);
    }

    /** Parses a comma-separated list; blank entries are skipped. */
    public static List<Cidr> parseList(String values) {
        List<Cidr> list = new ArrayList<>();
        if (values != null) {
            for (String part : values.split(",")) {
                if (!part.isBlank()) {
                    list.add(parse(part));
                }
            }
        }
        return List.copyOf(list);
    }

    /** The address bytes of an IP literal (4 or 16), or null when the text is not one. */
    public static byte[] literal(String address) {
        if (address == null || address.isEmpty() || address.length() > 100 || !LITERAL.matcher(address).matches()
                || !(address.indexOf(':') >= 0 || address.chars().filter(c -> c == '.').count() == 3)) {
            return null;
        }
        try {
            // Only literals reach here (digits, hex, dots, colons), so this never resolves a name.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    public boolean contains(InetAddress address) {
        return address != null && contains(address.getAddress());
    }

    /** Whether the address (IP literal) is in the range; false for anything that is not an IP literal. */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && contains(bytes);
    }

    private boolean contains(byte[] address) {
        byte[] candidate = address;
        if (network.length == 4 && address.length == 16 && isIpv4Mapped(address)) {
            candidate = new byte[] {address[12], address[13], address[14], address[15]};
        }
        if (candidate.length != network.length) {
            return false;
        }
        byte[] masked = mask(candidate, prefix);
        for (int i = 0; i < masked.length; i++) {
            if (masked[i] != network[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (bits == 0 ? 0 : (0xff << (8 - bits)) & 0xff));
        }
        return out;
    }

    public static boolean anyContains(List<Cidr> ranges, String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
