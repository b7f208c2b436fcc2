package dev.osk.render.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * osk's own gzip writer: whatever it writes, the JDK's inflater (zlib) reads back to the same bytes; the header
 * carries no time, name or OS; repetitive data really is compressed; Huffman codes stay within DEFLATE's limits.
 */
class GzipEncoderTest {

    static Stream<byte[]> inputs() throws IOException {
        Random random = new Random(42);
        byte[] noise = new byte[200_000];
        random.nextBytes(noise);
        byte[] text = Files.readAllBytes(Path.of(System.getProperty("osk.repo", "..")).resolve("README.md"));
        // the same 1 KiB of noise again 31 KiB later: a match at nearly the largest distance DEFLATE allows
        byte[] far = new byte[70_000];
        random.nextBytes(far);
        System.arraycopy(far, 0, far, 32_767, 1024);
        // a text whose letters are skewed like Fibonacci numbers: the plain Huffman tree is deeper than 15
        StringBuilder skewed = new StringBuilder();
        long a = 1;
        long b = 1;
        for (char c = 'a'; c <= 'z' && skewed.length() < 3_000_000; c++) {
            skewed.append(String.valueOf(c).repeat((int) Math.min(a, 1_000_000)));
            long next = a + b;
            a = b;
            b = next;
        }
        char[] shuffled = skewed.toString().toCharArray();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        return Stream.of(new byte[0], new byte[] {7}, "abc".repeat(10_000).getBytes(StandardCharsets.US_ASCII),
                new byte[1 << 20], noise, text, far, new String(shuffled).getBytes(StandardCharsets.US_ASCII),
                concat(text, noise, text));
    }

    static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void theJdkInflaterReadsBackTheSameBytes(byte[] data) throws IOException {
        assertThat(gunzip(GzipEncoder.gzip(data))).isEqualTo(data);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void rawDeflateDataEndsExactlyWhereTheInflaterSaysItEnds(byte[] data) throws Exception {
        byte[] raw = GzipEncoder.deflate(data);
        Inflater inflater = new Inflater(true);
        inflater.setInput(raw);
        byte[] out = new byte[data.length + 1];
        int n = inflater.inflate(out);
        assertThat(inflater.finished()).isTrue();
        assertThat(inflater.getRemaining()).isZero();
        assertThat(Arrays.copyOf(out, n)).isEqualTo(data);
    }

    @Test
    void theHeaderHasNoTimeNoNameAndAnUnknownOperatingSystem() {
        byte[] gz = GzipEncoder.gzip("hello\n".getBytes(StandardCharsets.US_ASCII));
        // ID1 ID2, CM=8 (deflate), FLG=0 (no name, comment, extra), MTIME=0, XFL=0, OS=255 (unknown)
        assertThat(Arrays.copyOf(gz, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
    }

    @Test
    void theTrailerHoldsTheCrcAndTheLength() {
        byte[] data = "hello\n".getBytes(StandardCharsets.US_ASCII);
        byte[] gz = GzipEncoder.gzip(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        int n = gz.length;
        long storedCrc = (gz[n - 8] & 0xffL) | (gz[n - 7] & 0xffL) << 8 | (gz[n - 6] & 0xffL) << 16
                | (gz[n - 5] & 0xffL) << 24;
        int storedLen = (gz[n - 4] & 0xff) | (gz[n - 3] & 0xff) << 8 | (gz[n - 2] & 0xff) << 16 | (gz[n - 1] & 0xff) << 24;
        assertThat(storedCrc).isEqualTo(crc.getValue());
        assertThat(storedLen).isEqualTo(6);
    }

    @Test
    void repetitiveDataShrinksAndNoiseGrowsOnlyByTheStoredBlockOverhead() {
        // 1 MiB of zeros is one literal and matches of 258 bytes: about 4,000 matches of a couple of bits each
        assertThat(GzipEncoder.gzip(new byte[1 << 20]).length).isLessThan(2_000);
        byte[] noise = new byte[100_000];
        new Random(7).nextBytes(noise);
        // stored blocks: 5 bytes per 64 KiB block, plus the 18 bytes of gzip header and trailer
        assertThat(GzipEncoder.gzip(noise).length).isLessThanOrEqualTo(100_000 + 18 + 5 * 7 + 2);
    }

    @Test
    void codeLengthsStayWithinTheLimitAndFormACompleteCode() {
        int[] freq = new int[286];
        long a = 1;
        long b = 1;
        for (int s = 0; s < 40; s++) {
            freq[s] = (int) Math.min(a, Integer.MAX_VALUE / 4);
            long next = a + b;
            a = b;
            b = next;
        }
        for (int limit : new int[] {7, 15}) {
            int[] len = GzipEncoder.Huffman.lengths(Arrays.copyOf(freq, limit == 7 ? 19 : 286), limit);
            double kraft = 0;
            for (int l : len) {
                assertThat(l).isBetween(0, limit);
                if (l > 0) {
                    kraft += Math.pow(2, -l);
                }
            }
            assertThat(kraft).isEqualTo(1.0);
        }
    }

    @Test
    void aSingleUsedSymbolStillGetsATwoSymbolCode() {
        int[] freq = new int[30];
        freq[5] = 100;
        int[] len = GzipEncoder.Huffman.lengths(freq, 15);
        assertThat(Arrays.stream(len).filter(l -> l > 0).count()).isEqualTo(2);
        assertThat(len[5]).isEqualTo(1);
    }
}
