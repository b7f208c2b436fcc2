package dev.osk.render.validate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP addresses and CIDRs as the server reads them: IsValidIP (apimachinery util/validation, on Go's
 * net.ParseIP) and ValidateCIDR (pkg/apis/core/validation, on net.ParseCIDR). Written out because the JDK
 * parses only through InetAddress, which looks names up; here an IPv4 address is read by hand and only a
 * string that can be nothing but an IPv6 literal is handed to it, so nothing is ever looked up.
 */
final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** A network: its address bytes (4 or 16) with the host bits cleared, and its prefix length. */
    record Network(byte[] address, int prefix) {
        /** net.IPNet.Contains of another network's address, with a longer prefix: a strict subset. */
        boolean strictlyContains(Network other) {
            if (other.address.length != address.length || other.prefix <= prefix) {
                return false;
            }
            return masked(other.address, prefix).equals(masked(address, prefix));
        }
    }

    private IpAddresses() {
    }

    /** The bytes of an IPv4 (4) or IPv6 (16) address, or null when it is neither. */
    static byte[] parse(String s) {
        var v4 = IPV4.matcher(s);
        if (v4.matches()) {
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                out[i] = (byte) octet;
            }
            return out;
        }
        // hex digits, ':' and '.', with a ':', not starting with '.': InetAddress reads that as a literal and
        // looks nothing up
        if (s.indexOf(':') < 0 || !IPV6_CHARS.matcher(s).matches() || s.charAt(0) == '.') {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(s).getAddress();
            if (b.length == 4) {
                // an IPv4-mapped literal (::ffff:a.b.c.d), which Go keeps as 16 bytes
                byte[] out = new byte[16];
                out[10] = (byte) 0xff;
                out[11] = (byte) 0xff;
                System.arraycopy(b, 0, out, 12, 4);
                return out;
            }
            return b;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isIp(String s) {
        return parse(s) != null;
    }

    /** net.ParseCIDR: ADDRESS/PREFIX, the prefix 0-32 or 0-128; null when malformed. */
    static Network cidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return null;
        }
        byte[] addr = parse(s.substring(0, slash));
        String bits = s.substring(slash + 1);
        if (addr == null || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int prefix = Integer.parseInt(bits);
        if (prefix > addr.length * 8) {
            return null;
        }
        return new Network(masked(addr, prefix).bytes, prefix);
    }

    private record Bytes(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && java.util.Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    private static Bytes masked(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return new Bytes(out);
    }
}
