package io.corral.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Flat JSON objects (string and number values only) for the results file: one object per line.
 *
 * <p>Written by hand because the results format is this small and the bench classpath should not grow a JSON
 * library only for it. run.sh also writes lines of this shape with printf, so the reader accepts any flat object.
 */
public final class Json {

    private Json() {
    }

    public static String write(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, field.getKey());
            out.append(':');
            Object value = field.getValue();
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                out.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value == null) {
                out.append("null");
            } else {
                quote(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    /** Reads one flat object; numbers come back as Double, null as null, strings and booleans as String. */
    public static Map<String, Object> read(String line) {
        Cursor c = new Cursor(line.trim());
        Map<String, Object> fields = new LinkedHashMap<>();
        c.expect('{');
        if (c.peek() == '}') {
            return fields;
        }
        char end;
        do {
            String key = c.string();
            c.expect(':');
            fields.put(key, c.value());
            end = c.next();
        } while (end == ',');
        if (end != '}') {
            throw new IllegalArgumentException("expected , or } in " + line);
        }
        return fields;
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
            }
        }
        out.append('"');
    }

    /** A position in the text being read; skips whitespace between tokens. */
    private static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unexpected end of " + text);
            }
            return text.charAt(pos);
        }

        char next() {
            char ch = peek();
            pos++;
            return ch;
        }

        void expect(char wanted) {
            char got = next();
            if (got != wanted) {
                throw new IllegalArgumentException("expected " + wanted + " at " + (pos - 1) + " in " + text);
            }
        }

        Object value() {
            char ch = peek();
            if (ch == '"') {
                return string();
            }
            int start = pos;
            while (pos < text.length() && ",}".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String token = text.substring(start, pos).trim();
            if (token.equals("null")) {
                return null;
            }
            return token.equals("true") || token.equals("false") ? token : Double.valueOf(token);
        }

        String string() {
            expect('"');
            StringBuilder s = new StringBuilder();
            while (true) {
                char ch = text.charAt(pos++);
                if (ch == '"') {
                    return s.toString();
                }
                if (ch != '\\') {
                    s.append(ch);
                    continue;
                }
                char esc = text.charAt(pos++);
                switch (esc) {
                    case 'n': s.append('\n'); break;
                    case 'r': s.append('\r'); break;
                    case 't': s.append('\t'); break;
                    case 'u': s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16)); pos += 4; break;
                    default: s.append(esc);
                }
            }
        }
    }
}
