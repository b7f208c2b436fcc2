package dev.osk.render.validate.crd;

/**
 * IP addresses as Go's net.ParseIP reads them (the ipv4, ipv6 and cidr formats): dotted IPv4 without leading
 * zeros (Go 1.17 on), IPv6 with at most one {@code ::} and an optional dotted IPv4 tail, no zone.
 */
final class GoIp {
    private GoIp() {
    }

    /** net.ParseIP(s) != nil. */
    static boolean parse(String s) {
        return s.indexOf(':') >= 0 ? v6(s) : v4(s);
    }

    /** net.ParseCIDR: an address, '/', a prefix length within the address's bits. */
    static boolean cidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (!parse(ip) || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(bits) <= (ip.indexOf(':') >= 0 ? 128 : 32);
    }

    private static boolean v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean v6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        int groups = 0;
        String[] halves = dbl >= 0 ? new String[] {s.substring(0, dbl), s.substring(dbl + 2)} : new String[] {s};
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && p.indexOf('.') >= 0) {
                    if (!v4(p)) {
                        return false;
                    }
                    groups += 2;
                } else if (p.isEmpty() || p.length() > 4 || !hex(p)) {
                    return false;
                } else {
                    groups++;
                }
            }
        }
        return dbl >= 0 ? groups < 8 : groups == 8;
    }

    private static boolean hex(String p) {
        return p.chars().allMatch(c -> "0123456789abcdefABCDEF".indexOf(c) >= 0);
    }
}
