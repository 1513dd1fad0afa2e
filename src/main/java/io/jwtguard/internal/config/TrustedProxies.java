package io.jwtguard.internal.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reverse proxies whose forwarded headers JwtGuard believes ({@code jwtguard.trusted-proxies}): addresses and
 * CIDR ranges, IPv4 or IPv6. Only literal addresses are read, so no setting and no request ever makes a DNS lookup.
 * Immutable and thread-safe.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** The ranges written in {@code entries}; each one that is no address or range is a {@code problem}. */
    static TrustedProxies parse(List<String> entries, Consumer<String> problem) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            Range range = Range.parse(entry);
            if (range == null) {
                problem.accept("'" + entry + "' is no IP address or CIDR range (10.0.0.0/8, 192.168.1.10, ::1, fd00::/8);"
                        + " host names are not accepted");
            } else {
                ranges.add(range);
            }
        }
        return new TrustedProxies(ranges);
    }

    public boolean none() {
        return ranges.isEmpty();
    }

    /** Whether the peer at {@code address} (a request's remote address, a literal) is a trusted proxy. */
    public boolean trusts(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }

    /**
     * The bytes of an IPv4 or IPv6 literal (an IPv6 zone is dropped), or null for anything else: the JDK reads a
     * literal without a lookup, and anything that is not one is refused before it is asked.
     */
    static byte[] literal(String text) {
        String address = text.strip();
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]{2,45}");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 && isMappedIpv4(bytes) ? java.util.Arrays.copyOfRange(bytes, 12, 16) : bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isMappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private record Range(byte[] network, int prefix, String text) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (network == null) {
                return null;
            }
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1).strip());
                } catch (NumberFormatException e) {
                    return null;
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    return null;
                }
            }
            return new Range(network, prefix, entry.strip());
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
