package io.corral.server.monitor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Prometheus' text exposition format strictly enough for tests: every sample line is
 * {@code name{label="value",...} number}, every family is declared by a TYPE line before its samples.
 */
final class PrometheusParser {
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|summary|histogram|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** Family name to its type. */
    final Map<String, String> types = new LinkedHashMap<>();
    /** {@code name{labels}} (labels as written) to value. */
    final Map<String, Double> samples = new LinkedHashMap<>();

    static PrometheusParser parse(String text) {
        PrometheusParser p = new PrometheusParser();
        Map<String, Boolean> seenSamples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = TYPE.matcher(line);
                if (m.matches()) {
                    if (p.types.put(m.group(1), m.group(2)) != null) {
                        throw new IllegalArgumentException("family declared twice: " + line);
                    }
                    if (seenSamples.containsKey(m.group(1))) {
                        throw new IllegalArgumentException("TYPE after samples of its family: " + line);
                    }
                } else if (!line.startsWith("# HELP ")) {
                    throw new IllegalArgumentException("not a TYPE or HELP line: " + line);
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            String name = m.group(1);
            String family = family(name, p.types);
            if (family == null) {
                throw new IllegalArgumentException("sample without a TYPE line before it: " + line);
            }
            seenSamples.put(family, true);
            String labels = m.group(3) == null ? "" : m.group(3);
            Matcher l = LABEL.matcher(labels);
            while (l.find()) {
                // every label is well formed, or SAMPLE would not have matched
            }
            String v = m.group(4);
            double value = switch (v) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(v);
            };
            if (p.samples.put(name + "{" + labels + "}", value) != null) {
                throw new IllegalArgumentException("duplicate sample: " + line);
            }
        }
        return p;
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_count", "_sum", "_bucket"}) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if ("summary".equals(types.get(base)) || "histogram".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return null;
    }

    double value(String sample) {
        Double v = samples.get(sample);
        if (v == null) {
            throw new AssertionError("no sample " + sample + " among " + samples.keySet());
        }
        return v;
    }
}
