package io.corral.auth;

/**
 * Parses numeric IPv4 and IPv6 addresses without name lookups (InetAddress.getByName would resolve a host
 * name written in an ACL, which must never happen on an ACL check).
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /** The address bytes, or null when {@code text} is not a numeric address. */
    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    /** Dotted decimal; like ZooKeeper's parser, leading zeros are fine ({@code 010} is ten, not octal eight). */
    static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = parseNumber(parts[i], 10, 9);
            if (v < 0 || v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String text) {
        int percent = text.indexOf('%');
        if (percent >= 0) {
            text = text.substring(0, percent);
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(out, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(out, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return out;
    }

    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        int[] out = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            out[i] = parseNumber(texts[i], 16, 4);
            if (out[i] < 0) {
                return null;
            }
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[group * 2] = (byte) (value >> 8);
        out[group * 2 + 1] = (byte) value;
    }

    private static int parseNumber(String s, int radix, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
        }
        return v;
    }

    /** The prefix length, or -1 when it is not a number in [0, 8 * addressBytes]. */
    static int prefixBits(String text, int addressBytes) {
        int bits = parseNumber(text, 10, 9);
        return bits <= addressBytes * 8 ? bits : -1;
    }

    static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }
}
