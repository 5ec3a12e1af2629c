package io.corral.client.shell;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How {@code get} shows node data: UTF-8 text (default), base64 ({@code -b}) or a hex dump ({@code -x}). */
public enum DataFormat {
    PLAIN,
    BASE64,
    HEX;

    public String format(byte[] data) {
        return switch (this) {
            case PLAIN -> new String(data, StandardCharsets.UTF_8);
            case BASE64 -> Base64.getEncoder().encodeToString(data);
            case HEX -> hexDump(data);
        };
    }

    private static final String RULE = "+--------+-------------------------------------------------+----------------+";

    /** A boxed dump: offset, 16 bytes in hex, the printable ones as text (others as '.'). */
    static String hexDump(byte[] data) {
        if (data.length == 0) {
            return "";
        }
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append("         +-------------------------------------------------+").append(nl);
        text.append("         |  0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f |").append(nl);
        text.append(RULE);
        for (int row = 0; row < data.length; row += 16) {
            text.append(nl).append('|').append(String.format("%08x", row)).append('|');
            StringBuilder ascii = new StringBuilder(16);
            for (int i = row; i < row + 16; i++) {
                if (i < data.length) {
                    int b = data[i] & 0xff;
                    text.append(' ').append(String.format("%02x", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    text.append("   ");
                    ascii.append(' ');
                }
            }
            text.append(" |").append(ascii).append('|');
        }
        return text.append(nl).append(RULE).toString();
    }
}
