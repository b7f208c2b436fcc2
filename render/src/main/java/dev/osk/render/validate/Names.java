package dev.osk.render.validate;

import java.util.regex.Pattern;

/**
 * The name formats the API server checks, in one place: the patterns of apimachinery's
 * staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go and the checks built on them that several
 * kinds share. https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
final class Names {
    static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    static final Pattern C_IDENTIFIER_ENV = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private Names() {
    }

    /** IsDNS1123Label (apimachinery util/validation). */
    static void label(String n, String ptr, String what, ApiRules.Sink sink) {
        if (n.length() > 63 || !DNS1123_LABEL.matcher(n).matches()) {
            sink.report(Check.API_RULES, ptr, what + " '" + n + "' must be a DNS-1123 label (lower-case letters,"
                    + " digits and '-', starting and ending with a letter or digit, at most 63 characters)");
        }
    }

    /**
     * IsDNS1123Subdomain (apimachinery util/validation), the format of a reference to a Secret, ConfigMap,
     * ServiceAccount or StorageClass by name (core ValidateSecretName, ValidateConfigMapName and friends).
     */
    static void subdomain(String n, String ptr, String what, ApiRules.Sink sink) {
        if (!isSubdomain(n)) {
            sink.report(Check.API_RULES, ptr, what + " '" + n + "' must be a DNS-1123 subdomain (lower-case letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)");
        }
    }

    /** IsDNS1123Subdomain without a message. */
    static boolean isSubdomain(String n) {
        return n.length() <= 253 && DNS1123_SUBDOMAIN.matcher(n).matches();
    }

    /**
     * IsValidPathSegmentName (apimachinery api/validation/path): not '.' or '..', no '/' or '%'; the name rule of
     * RBAC objects, PodDisruptionBudgets and typed references.
     */
    static void pathSegment(String n, String ptr, String what, ApiRules.Sink sink) {
        if (n.equals(".") || n.equals("..") || n.contains("/") || n.contains("%")) {
            sink.report(Check.API_RULES, ptr, what + " '" + n + "' may not be '.', '..' or contain '/' or '%'");
        }
    }

    /** ValidatePortName (pkg/apis/core/validation), on IsValidPortName (apimachinery util/validation). */
    static void ianaPortName(String n, String ptr, ApiRules.Sink sink) {
        boolean ok = n.length() <= 15 && IANA_SVC_NAME.matcher(n).matches() && !n.contains("--")
                && n.chars().anyMatch(Character::isLetter);
        if (!ok) {
            sink.report(Check.API_RULES, ptr, "port name '" + n + "' must be at most 15 lower-case letters, digits"
                    + " and '-' with at least one letter, no '--' and no '-' at either end");
        }
    }

    /** A map key as one token of an RFC 6901 JSON pointer. */
    static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
