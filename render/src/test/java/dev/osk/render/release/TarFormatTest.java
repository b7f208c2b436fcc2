package dev.osk.render.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.OskException;
import dev.osk.render.chart.TarReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ustar writer's header fields, sorting and padding, and the reader's refusals and limits. */
class TarFormatTest {
    static final long EPOCH = 1_700_000_000L;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String field(byte[] tar, int header, int off, int len) {
        String s = new String(tar, header + off, len, StandardCharsets.ISO_8859_1);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    static List<TarReader.Entry> read(byte[] tar) throws IOException {
        return new TarReader("t.tar", 100, 1 << 20).read(new ByteArrayInputStream(tar));
    }

    @Test
    void entriesAreSortedByPathWhateverTheOrderTheyWereAddedIn() throws IOException {
        byte[] tar = new TarWriter(EPOCH).add("c/z.yaml", utf8("z")).add("c/Chart.yaml", utf8("name: c\n"))
                .add("c/a/b.yaml", utf8("")).toByteArray();
        assertThat(read(tar)).extracting(TarReader.Entry::name).containsExactly("c/Chart.yaml", "c/a/b.yaml", "c/z.yaml");
        assertThat(new String(read(tar).get(0).content(), StandardCharsets.UTF_8)).isEqualTo("name: c\n");
    }

    @Test
    void headersHoldFixedModesOwnersAndTheGivenTime() {
        byte[] tar = new TarWriter(EPOCH).add("c/Chart.yaml", utf8("name: c\n")).toByteArray();
        assertThat(field(tar, 0, 0, 100)).isEqualTo("c/Chart.yaml");
        assertThat(field(tar, 0, 100, 8)).isEqualTo("0000644");
        assertThat(field(tar, 0, 108, 8)).isEqualTo("0000000");
        assertThat(field(tar, 0, 116, 8)).isEqualTo("0000000");
        assertThat(field(tar, 0, 124, 12)).isEqualTo(String.format("%011o", 8));
        assertThat(field(tar, 0, 136, 12)).isEqualTo(String.format("%011o", EPOCH));
        assertThat((char) tar[156]).isEqualTo('0');
        assertThat(new String(tar, 257, 8, StandardCharsets.ISO_8859_1)).isEqualTo("ustar\u000000");
        assertThat(field(tar, 0, 265, 32)).isEmpty();
        assertThat(field(tar, 0, 297, 32)).isEmpty();
        // checksum: the header's bytes summed with the checksum field counted as eight spaces
        byte[] h = Arrays.copyOf(tar, 512);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        assertThat(field(tar, 0, 148, 8).trim()).isEqualTo(String.format("%06o", sum));
    }

    @Test
    void theArchiveEndsWithTwoZeroBlocksAndFillsWholeTenKibRecords() {
        byte[] tar = new TarWriter(0).add("c/x", new byte[600]).toByteArray();
        assertThat(tar.length).isEqualTo(10240);
        // header, 600 bytes padded to 1024, then zeros to the end
        for (int i = 512 + 1024; i < tar.length; i++) {
            assertThat(tar[i]).isZero();
        }
    }

    @Test
    void pathsLongerThanOneHundredBytesUseThePrefixField() throws IOException {
        String dir = "chart/" + "d".repeat(120);
        String path = dir + "/templates/file.yaml";
        byte[] tar = new TarWriter(0).add(path, utf8("x")).toByteArray();
        assertThat(field(tar, 0, 345, 155)).isEqualTo(dir + "/templates");
        assertThat(field(tar, 0, 0, 100)).isEqualTo("file.yaml");
        assertThat(read(tar).get(0).name()).isEqualTo(path);
    }

    @Test
    void theWriterRefusesWhatCannotBeAPlainEntry() {
        assertThatThrownBy(() -> new TarWriter(0).add("c/../x", new byte[0])).hasMessageContaining("c/../x");
        assertThatThrownBy(() -> new TarWriter(0).add("/etc/x", new byte[0])).hasMessageContaining("/etc/x");
        assertThatThrownBy(() -> new TarWriter(0).add("c/" + "x".repeat(300), new byte[0]))
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> new TarWriter(0).add("c/a", new byte[0]).add("c/a", new byte[0]))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new TarWriter(-1)).hasMessageContaining("-1");
    }

    @Test
    void aDamagedHeaderIsNotATarArchive() {
        byte[] tar = new TarWriter(0).add("c/Chart.yaml", utf8("x")).toByteArray();
        tar[3] ^= 1;
        assertThatThrownBy(() -> read(tar)).isInstanceOf(OskException.class)
                .hasMessage("t.tar: not a tar archive (bad header checksum at header 1)");
    }

    @Test
    void aTruncatedArchiveIsReported() {
        byte[] tar = new TarWriter(0).add("c/Chart.yaml", new byte[2000]).toByteArray();
        assertThatThrownBy(() -> read(Arrays.copyOf(tar, 1024))).hasMessage("t.tar: truncated archive");
        assertThatThrownBy(() -> read(Arrays.copyOf(tar, 100)))
                .hasMessage("t.tar: not a tar archive (shorter than one header)");
        assertThatThrownBy(() -> read(new byte[0])).hasMessage("t.tar: empty archive");
    }

    @Test
    void theEntryLimitAndTheByteLimitAreEnforcedWhileReading() {
        TarWriter w = new TarWriter(0);
        for (int i = 0; i < 6; i++) {
            w.add("c/f" + i, new byte[0]);
        }
        byte[] six = w.toByteArray();
        assertThatThrownBy(() -> new TarReader("t.tar", 5, 1 << 20).read(new ByteArrayInputStream(six)))
                .hasMessage("t.tar: more than 5 entries");
        byte[] big = new TarWriter(0).add("c/big", new byte[3 << 20]).toByteArray();
        assertThatThrownBy(() -> new TarReader("t.tar", 5, 2 << 20).read(new ByteArrayInputStream(big)))
                .hasMessage("t.tar: unpacks to more than 2 MiB; refusing to read further");
    }
}
