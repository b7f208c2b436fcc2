package dev.osk.render.validate;

/**
 * Base64 as the API server decodes {@code []byte} fields (Secret data, a webhook's caBundle) and the {@code byte}
 * format of custom resources: Go's encoding/base64 standard encoding, which requires the padding and skips line
 * breaks.
 */
public final class GoBase64 {
    private GoBase64() {
    }

    public static boolean isValid(String v) {
        String s = v.replace("\r", "").replace("\n", "");
        if (s.length() % 4 != 0) {
            return false;
        }
        try {
            java.util.Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
