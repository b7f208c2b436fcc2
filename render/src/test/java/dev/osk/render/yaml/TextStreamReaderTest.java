package dev.osk.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * osk's linear-time reader must read exactly as SnakeYAML's own StreamReader does: the same code points, line and
 * column counts, and the same errors (bad characters, a lone high surrogate at a chunk's end) at the same moment,
 * with the same positions. SnakeYAML's reader is the reference; both are driven by the same random operations.
 */
class TextStreamReaderTest {
    private static final String[] PIECES = {"a", "key: value", " ", "\n", "\r\n", "\r", "é", "\u00a0", "😀", "\t",
        "\ufeff", "\u0085", "\u2028", "x".repeat(700), "ü".repeat(300), "\u0001", "\ud83d", "\ude00", "\u007f"};

    @Test
    void readsLikeSnakeYamlsReader() {
        Random random = new Random(12);
        for (int run = 0; run < 400; run++) {
            StringBuilder sb = new StringBuilder();
            int pieces = random.nextInt(60);
            for (int i = 0; i < pieces; i++) {
                // bad characters (control characters, lone surrogates) are rare, so most texts are read to the end
                String p = PIECES[random.nextInt(PIECES.length)];
                if ((p.equals("\u0001") || p.startsWith("\ud83d") || p.equals("\ude00") || p.equals("\u007f"))
                        && random.nextInt(8) != 0) {
                    continue;
                }
                sb.append(p);
            }
            String text = sb.toString();
            long seed = random.nextLong();
            assertThat(trace(new TextStreamReader(text), new Random(seed)))
                    .as("reading %d characters", text.length())
                    .isEqualTo(trace(new StreamReader(new StringReader(text)), new Random(seed)));
        }
    }

    @Test
    void aHighSurrogateThatEndsAChunkIsReadWithItsPair() {
        for (int pad = 1015; pad < 1030; pad++) {
            for (String tail : new String[] {"😀", "\ud83d", "😀 rest", "\ud83d\ud83d\ude00"}) {
                String text = "k".repeat(pad) + tail;
                assertThat(trace(new TextStreamReader(text), new Random(pad)))
                        .as("%d characters then %s", pad, tail)
                        .isEqualTo(trace(new StreamReader(new StringReader(text)), new Random(pad)));
            }
        }
    }

    /** What a reader shows under a random sequence of peeks, prefixes and moves, up to its end or its error. */
    private static List<String> trace(StreamReader r, Random ops) {
        List<String> out = new ArrayList<>();
        try {
            for (int step = 0; step < 5000; step++) {
                int k = ops.nextInt(4);
                switch (ops.nextInt(5)) {
                    case 0 -> out.add("peek " + r.peek());
                    case 1 -> out.add("peek" + k + " " + r.peek(k));
                    case 2 -> out.add("prefix" + k + " " + r.prefix(k));
                    // as the scanner does, never past what is there
                    case 3 -> {
                        String there = r.prefix(k);
                        out.add("prefixForward" + k + " " + r.prefixForward(there.codePointCount(0, there.length())));
                    }
                    default -> r.forward(k + 1);
                }
                Mark m = r.getMark();
                out.add(r.getIndex() + ":" + r.getLine() + ":" + r.getColumn() + " " + m.getIndex() + ":"
                        + m.getLine() + ":" + m.getColumn() + " " + r.getDocumentIndex());
                if (r.peek() == 0 && r.prefix(1).isEmpty()) {
                    out.add("end");
                    break;
                }
            }
        } catch (RuntimeException e) {
            // a ReaderException tells its position and code point only in toString()
            out.add(e.toString());
        }
        return out;
    }
}
