package dev.osk.render.validate.crd;

import dev.osk.render.validate.GoBase64;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string formats the API server checks in custom resources: those of go-openapi's strfmt registry that
 * apiextensions-apiserver validates with (the list in the API reference of JSONSchemaProps' {@code format}).
 * Names are compared as strfmt compares them, in lower case and without '-' or '_' ({@code date-time} is
 * {@code datetime}). Formats not listed here ({@code int32}, {@code int64}, {@code float}, {@code double},
 * {@code password}, and any name the server does not know) are not checked; neither are isbn, isbn10, isbn13 and
 * creditcard, whose check digits osk does not compute.
 */
final class Formats {
    private static final Pattern HEX24 = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Pattern EMAIL = Pattern.compile("(?:[^<>@\\s]+@[^<>@\\s]+|[^<>]*<[^<>@\\s]+@[^<>@\\s]+>)");
    private static final Pattern HOSTNAME = Pattern.compile("([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)"
            + "|([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}"
            + "([a-zA-Z\\p{L}]){2,63})");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}"
            + "((\\1[0-9a-fA-F]{2}){2}((\\1[0-9a-fA-F]{2}){12})?)?"
            + "|[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}((\\.[0-9a-fA-F]{4})(\\.[0-9a-fA-F]{4}){4})?");
    private static final Pattern UUID = Pattern.compile(
            "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
    private static final Pattern UUID3 = Pattern.compile(
            "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}");
    private static final Pattern UUID4 = Pattern.compile(
            "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}");
    private static final Pattern UUID5 = Pattern.compile(
            "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}");
    private static final Pattern SSN = Pattern.compile("\\d{3}[- ]?\\d{2}[- ]?\\d{4}");
    private static final Pattern HEXCOLOR = Pattern.compile("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final String BYTE_RANGE = "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*";
    private static final Pattern RGBCOLOR = Pattern.compile("rgb\\(" + BYTE_RANGE + "," + BYTE_RANGE + ","
            + BYTE_RANGE + "\\)");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?(z|[+-]\\d{2}:\\d{2})");
    private static final Pattern GO_DURATION = Pattern.compile("[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)");
    private static final Pattern UNIT_DURATION = Pattern.compile("\\d+\\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?"
            + "|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)", Pattern.CASE_INSENSITIVE);

    private static final Map<String, Predicate<String>> CHECKS = Map.ofEntries(
            Map.entry("bsonobjectid", s -> HEX24.matcher(s).matches()),
            Map.entry("uri", Formats::requestUri),
            Map.entry("email", s -> EMAIL.matcher(s).matches()),
            Map.entry("hostname", s -> s.length() <= 255 && HOSTNAME.matcher(s).matches()),
            Map.entry("ipv4", s -> GoIp.parse(s) && s.contains(".")),
            Map.entry("ipv6", s -> GoIp.parse(s) && s.contains(":")),
            Map.entry("cidr", GoIp::cidr),
            Map.entry("mac", s -> MAC.matcher(s).matches()),
            Map.entry("uuid", s -> UUID.matcher(s).matches()),
            Map.entry("uuid3", s -> UUID3.matcher(s).matches()),
            Map.entry("uuid4", s -> UUID4.matcher(s).matches()),
            Map.entry("uuid5", s -> UUID5.matcher(s).matches()),
            Map.entry("ssn", s -> SSN.matcher(s).matches()),
            Map.entry("hexcolor", s -> HEXCOLOR.matcher(s).matches()),
            Map.entry("rgbcolor", s -> RGBCOLOR.matcher(s).matches()),
            Map.entry("byte", GoBase64::isValid),
            Map.entry("date", Formats::date),
            Map.entry("datetime", Formats::dateTime),
            Map.entry("duration", s -> GO_DURATION.matcher(s).matches() || UNIT_DURATION.matcher(s).matches()));

    private static final Map<String, String> EXAMPLES = Map.of(
            "datetime", " (RFC 3339, like 2006-01-02T15:04:05Z)",
            "date", " (RFC 3339 full-date, like 2006-01-02)",
            "duration", " (like 1h30m or 3 days)",
            "uuid", " (like 123e4567-e89b-12d3-a456-426614174000)",
            "byte", " (base64)");

    private Formats() {
    }

    /** Whether {@code value} has format {@code format}; true for formats that are not checked. */
    static boolean valid(String format, String value) {
        Predicate<String> check = CHECKS.get(normal(format));
        return check == null || check.test(value);
    }

    /** What a value of the format looks like, for a message: {@code " (like 2006-01-02)"}, or nothing. */
    static String example(String format) {
        return EXAMPLES.getOrDefault(normal(format), "");
    }

    private static String normal(String format) {
        return format.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Go's url.ParseRequestURI: an absolute URI, or an absolute path. */
    private static boolean requestUri(String s) {
        try {
            java.net.URI u = new java.net.URI(s);
            return u.isAbsolute() || s.startsWith("/");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean date(String s) {
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** strfmt's IsDateTime: a full-date, 'T' (either case), a time with seconds and a zone (Z or an offset). */
    private static boolean dateTime(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        int t = lower.indexOf('t');
        if (t < 0 || !date(lower.substring(0, t))) {
            return false;
        }
        Matcher m = TIME.matcher(lower.substring(t + 1));
        return m.matches() && Integer.parseInt(m.group(1)) < 24 && Integer.parseInt(m.group(2)) < 60
                && Integer.parseInt(m.group(3)) < 60;
    }
}
