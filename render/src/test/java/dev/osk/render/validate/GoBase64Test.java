package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Base64 as Go's encoding/base64 standard encoding decodes it (Secret data, caBundle, the byte format): padding
 * required, line breaks skipped, nothing else outside the alphabet.
 */
class GoBase64Test {
    @Test
    void acceptsPaddedTextWithOrWithoutLineBreaks() {
        assertThat(GoBase64.isValid("c2VjcmV0Mg==")).isTrue();
        assertThat(GoBase64.isValid("c2VjcmV0\nMg==")).isTrue();
        assertThat(GoBase64.isValid("c2VjcmV0\r\nMg==\n")).isTrue();
        assertThat(GoBase64.isValid("")).isTrue();
    }

    @Test
    void refusesUnpaddedOrForeignText() {
        assertThat(GoBase64.isValid("c2VjcmV0Mg")).isFalse();
        assertThat(GoBase64.isValid("c2VjcmV0 Mg==")).isFalse();
        assertThat(GoBase64.isValid("c2VjcmV0-g==")).isFalse();
    }
}
