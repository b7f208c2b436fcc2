package dev.osk.render.validate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CronJob schedule as the API server parses it: validateScheduleFormat (pkg/apis/batch/validation) calls
 * cron.ParseStandard of github.com/robfig/cron v1 (parser.go, spec.go): five fields (minute, hour, day of month,
 * month, day of week), each a comma-separated list of '*', '?', N, N-M, with an optional '/step', months and
 * weekdays also by their three-letter names; or a descriptor (@yearly, @annually, @monthly, @weekly, @daily,
 * @midnight, @hourly, '@every DURATION'). The messages are the parser's own. No Maven Central library parses
 * exactly this dialect (cron-utils and Quartz accept other forms and word their errors differently), so it is
 * written out here.
 */
final class CronSchedule {
    private record Bounds(long min, long max, Map<String, Long> names) {
    }

    private static final List<Bounds> FIELDS = List.of(
            new Bounds(0, 59, Map.of()),
            new Bounds(0, 23, Map.of()),
            new Bounds(1, 31, Map.of()),
            new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1L), Map.entry("feb", 2L), Map.entry("mar", 3L),
                    Map.entry("apr", 4L), Map.entry("may", 5L), Map.entry("jun", 6L), Map.entry("jul", 7L),
                    Map.entry("aug", 8L), Map.entry("sep", 9L), Map.entry("oct", 10L), Map.entry("nov", 11L),
                    Map.entry("dec", 12L))),
            new Bounds(0, 6, Map.of("sun", 0L, "mon", 1L, "tue", 2L, "wed", 3L, "thu", 4L, "fri", 5L, "sat", 6L)));
    private static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    /** Go's time.ParseDuration: an optional sign, then numbers with units, or a bare 0. */
    private static final Pattern DURATION = Pattern.compile(
            "[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)");

    private CronSchedule() {
    }

    /** The parser's error for a schedule it refuses, or empty when it parses. */
    static Optional<String> error(String spec) {
        if (spec.isEmpty()) {
            return Optional.of("Empty spec string");
        }
        if (spec.charAt(0) == '@') {
            return descriptor(spec);
        }
        String trimmed = spec.strip();
        String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (fields.length != 5) {
            return Optional.of("Expected exactly 5 fields, found " + fields.length + ": " + spec);
        }
        for (int i = 0; i < 5; i++) {
            for (String expr : fields[i].split(",")) {
                if (expr.isEmpty()) {
                    continue; // strings.FieldsFunc drops empty items
                }
                Optional<String> err = range(expr, FIELDS.get(i));
                if (err.isPresent()) {
                    return err;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> descriptor(String spec) {
        if (DESCRIPTORS.contains(spec)) {
            return Optional.empty();
        }
        if (spec.startsWith("@every ")) {
            String d = spec.substring("@every ".length());
            return DURATION.matcher(d).matches() ? Optional.empty()
                    : Optional.of("Failed to parse duration " + spec + ": time: invalid duration " + d);
        }
        return Optional.of("Unrecognized descriptor: " + spec);
    }

    /** getRange: number | number "-" number [ "/" number ], or '*' / '?' [ "/" number ]. */
    private static Optional<String> range(String expr, Bounds r) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        long start;
        long end;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = r.min();
            end = r.max();
        } else {
            Number s = intOrName(lowAndHigh[0], r);
            if (s == null) {
                return Optional.of(intError(lowAndHigh[0]));
            }
            start = s.longValue();
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                Number e = intOrName(lowAndHigh[1], r);
                if (e == null) {
                    return Optional.of(intError(lowAndHigh[1]));
                }
                end = e.longValue();
            } else {
                return Optional.of("Too many hyphens: " + expr);
            }
        }
        long step;
        if (rangeAndStep.length == 1) {
            step = 1;
        } else if (rangeAndStep.length == 2) {
            Long s = nonNegativeInt(rangeAndStep[1]);
            if (s == null) {
                return Optional.of(intError(rangeAndStep[1]));
            }
            step = s;
            if (lowAndHigh.length == 1) {
                end = r.max(); // "N/step" means "N-max/step"
            }
        } else {
            return Optional.of("Too many slashes: " + expr);
        }
        if (start < r.min()) {
            return Optional.of("Beginning of range (" + start + ") below minimum (" + r.min() + "): " + expr);
        }
        if (end > r.max()) {
            return Optional.of("End of range (" + end + ") above maximum (" + r.max() + "): " + expr);
        }
        if (start > end) {
            return Optional.of("Beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            return Optional.of("Step of range should be a positive number: " + expr);
        }
        return Optional.empty();
    }

    private static Number intOrName(String expr, Bounds r) {
        Long named = r.names().get(expr.toLowerCase(java.util.Locale.ROOT));
        return named != null ? named : nonNegativeInt(expr);
    }

    /** mustParseInt: strconv.Atoi, then not negative; null when either fails. */
    private static Long nonNegativeInt(String expr) {
        try {
            long n = Long.parseLong(expr);
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String intError(String expr) {
        try {
            long n = Long.parseLong(expr);
            return "Negative number (" + n + ") not allowed: " + expr;
        } catch (NumberFormatException e) {
            return "Failed to parse int from " + expr + ": strconv.Atoi: parsing \"" + expr + "\": invalid syntax";
        }
    }
}
