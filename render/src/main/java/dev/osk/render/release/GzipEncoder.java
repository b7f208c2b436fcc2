package dev.osk.render.release;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.zip.CRC32;

/**
 * gzip (RFC 1952) around DEFLATE (RFC 1951), both written here rather than by {@link java.util.zip.Deflater}: a
 * JVM links whichever zlib its build chose (bundled zlib, the system's zlib, zlib-ng), and those compress the
 * same input to different bytes. This encoder is plain Java, so an archive's bytes depend only on its contents.
 * No maintained pure-Java DEFLATE encoder is on Maven Central to take its place: Commons Compress compresses
 * through {@code Deflater}, JZlib (a pure-Java zlib) has had no release since 1.1.3 in 2013, and Nayuki's DEFLATE
 * library only decompresses. Any other encoder would also change the bytes, and so the digests, of every archive
 * osk has written.
 *
 * <p>The header is fixed: no file name, modification time 0, no extra flags, operating system "unknown" (255).
 * Compression is LZ77 over a 32 KiB window (hash chains, one step of lazy matching) with, per block, the
 * smallest of a dynamic Huffman, the fixed Huffman and a stored encoding.
 */
final class GzipEncoder {
    private static final int WINDOW = 32768;
    private static final int WMASK = WINDOW - 1;
    private static final int MIN_MATCH = 3;
    private static final int MAX_MATCH = 258;
    private static final int HASH_SIZE = 1 << 15;
    private static final int MAX_CHAIN = 128;
    private static final int NICE_MATCH = 128;
    private static final int LAZY_BELOW = 32;
    private static final int BLOCK_SYMBOLS = 1 << 14;

    private static final int[] LEN_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LEN_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};
    /** The order code length code lengths are sent in. */
    private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    /** Length 3..258 to its index in LEN_BASE (the length symbol minus 257). */
    private static final int[] LEN_CODE = new int[MAX_MATCH + 1];
    /** Distance 1..32768 to its distance symbol. */
    private static final int[] DIST_CODE = new int[WINDOW + 1];
    private static final int[] FIXED_LIT_LEN = new int[288];
    private static final int[] FIXED_DIST_LEN = new int[30];
    private static final int[] FIXED_LIT_CODE;
    private static final int[] FIXED_DIST_CODE;

    static {
        for (int c = 0; c < 28; c++) {
            for (int e = 0; e < 1 << LEN_EXTRA[c] && LEN_BASE[c] + e < MAX_MATCH; e++) {
                LEN_CODE[LEN_BASE[c] + e] = c;
            }
        }
        LEN_CODE[MAX_MATCH] = 28;
        for (int c = 0; c < 30; c++) {
            for (int e = 0; e < 1 << DIST_EXTRA[c] && DIST_BASE[c] + e <= WINDOW; e++) {
                DIST_CODE[DIST_BASE[c] + e] = c;
            }
        }
        for (int s = 0; s < 288; s++) {
            FIXED_LIT_LEN[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
        }
        Arrays.fill(FIXED_DIST_LEN, 5);
        FIXED_LIT_CODE = Huffman.codes(FIXED_LIT_LEN);
        FIXED_DIST_CODE = Huffman.codes(FIXED_DIST_LEN);
    }

    private GzipEncoder() {
    }

    /** {@code data} as a gzip member; the same bytes in always give the same bytes out. */
    static byte[] gzip(byte[] data) {
        BitWriter out = new BitWriter(data.length / 3 + 64);
        out.bytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255});
        new Deflate(data, out).run();
        out.align();
        CRC32 crc = new CRC32();
        crc.update(data);
        out.intLE((int) crc.getValue());
        out.intLE(data.length);
        return out.toByteArray();
    }

    /** Raw DEFLATE data for {@code data} (no gzip wrapper). */
    static byte[] deflate(byte[] data) {
        BitWriter out = new BitWriter(data.length / 3 + 64);
        new Deflate(data, out).run();
        out.align();
        return out.toByteArray();
    }

    /** One compression run: LZ77 into symbol blocks, each block written as it fills. */
    private static final class Deflate {
        private final byte[] in;
        private final int n;
        private final BitWriter out;
        private final int[] head = new int[HASH_SIZE];
        private final int[] prev = new int[WINDOW];
        private int inserted;
        /** Literal byte (0..255) or match length (3..258) of each symbol of the current block. */
        private final int[] symValue = new int[BLOCK_SYMBOLS];
        /** 0 for a literal, the match distance otherwise. */
        private final int[] symDist = new int[BLOCK_SYMBOLS];
        private int symbols;
        private int blockStart;
        private int matchLen;
        private int matchDist;

        Deflate(byte[] in, BitWriter out) {
            this.in = in;
            this.n = in.length;
            this.out = out;
            Arrays.fill(head, -1);
        }

        void run() {
            int i = 0;
            int cachedAt = -1;
            int cachedLen = 0;
            int cachedDist = 0;
            while (i < n) {
                int len;
                int dist;
                if (cachedAt == i) {
                    len = cachedLen;
                    dist = cachedDist;
                } else {
                    longestMatch(i);
                    len = matchLen;
                    dist = matchDist;
                }
                if (len >= MIN_MATCH && len < LAZY_BELOW && i + 1 < n) {
                    longestMatch(i + 1);
                    if (matchLen > len) {
                        cachedAt = i + 1;
                        cachedLen = matchLen;
                        cachedDist = matchDist;
                        literal(i);
                        i++;
                        continue;
                    }
                }
                if (len >= MIN_MATCH) {
                    match(len, dist, i);
                    i += len;
                } else {
                    literal(i);
                    i++;
                }
            }
            flush(n, true);
        }

        private int hash(int p) {
            int v = (in[p] & 0xff) << 16 | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff);
            return (v * 0x9E3779B1) >>> 17;
        }

        /** Puts every position before {@code p} (that starts three bytes) on its hash chain. */
        private void insertUpTo(int p) {
            while (inserted < p && inserted + MIN_MATCH <= n) {
                int h = hash(inserted);
                prev[inserted & WMASK] = head[h];
                head[h] = inserted;
                inserted++;
            }
            if (inserted < p) {
                inserted = p;
            }
        }

        /** The longest earlier match for the bytes at {@code i}, into matchLen and matchDist (0 when none). */
        private void longestMatch(int i) {
            matchLen = 0;
            matchDist = 0;
            if (i + MIN_MATCH > n) {
                return;
            }
            insertUpTo(i);
            int max = Math.min(MAX_MATCH, n - i);
            int cand = head[hash(i)];
            int chain = MAX_CHAIN;
            int best = 0;
            while (cand >= 0 && i - cand <= WINDOW && chain-- > 0) {
                if (in[cand + best] == in[i + best]) {
                    int l = 0;
                    while (l < max && in[cand + l] == in[i + l]) {
                        l++;
                    }
                    if (l > best) {
                        best = l;
                        matchDist = i - cand;
                        if (l >= max || l >= NICE_MATCH) {
                            break;
                        }
                    }
                }
                cand = prev[cand & WMASK];
            }
            matchLen = best >= MIN_MATCH ? best : 0;
            if (matchLen == 0) {
                matchDist = 0;
            }
        }

        private void literal(int i) {
            symValue[symbols] = in[i] & 0xff;
            symDist[symbols] = 0;
            add(i + 1);
        }

        private void match(int len, int dist, int i) {
            symValue[symbols] = len;
            symDist[symbols] = dist;
            add(i + len);
        }

        private void add(int end) {
            symbols++;
            if (symbols == BLOCK_SYMBOLS) {
                flush(end, false);
            }
        }

        /** Writes the current block (covering input up to {@code end}) in its cheapest form. */
        private void flush(int end, boolean last) {
            int[] litFreq = new int[286];
            int[] distFreq = new int[30];
            long extraBits = 0;
            for (int s = 0; s < symbols; s++) {
                if (symDist[s] == 0) {
                    litFreq[symValue[s]]++;
                } else {
                    int lc = LEN_CODE[symValue[s]];
                    int dc = DIST_CODE[symDist[s]];
                    litFreq[257 + lc]++;
                    distFreq[dc]++;
                    extraBits += LEN_EXTRA[lc] + DIST_EXTRA[dc];
                }
            }
            litFreq[256] = 1;
            int[] litLen = Huffman.lengths(litFreq, 15);
            int[] distLen = Huffman.lengths(distFreq, 15);
            DynamicHeader header = new DynamicHeader(litLen, distLen);
            long dynamicBits = 3 + header.bits() + cost(litFreq, litLen) + cost(distFreq, distLen) + extraBits;
            long fixedBits = 3 + cost(litFreq, FIXED_LIT_LEN) + cost(distFreq, FIXED_DIST_LEN) + extraBits;
            int raw = end - blockStart;
            long storedBits = (long) Math.max(1, (raw + 65534) / 65535) * (3 + 7 + 32) + 8L * raw;
            if (storedBits < Math.min(dynamicBits, fixedBits)) {
                stored(blockStart, end, last);
            } else if (fixedBits <= dynamicBits) {
                out.bits(last ? 1 : 0, 1);
                out.bits(1, 2);
                symbols(FIXED_LIT_CODE, FIXED_LIT_LEN, FIXED_DIST_CODE, FIXED_DIST_LEN);
            } else {
                out.bits(last ? 1 : 0, 1);
                out.bits(2, 2);
                header.write(out);
                symbols(Huffman.codes(litLen), litLen, Huffman.codes(distLen), distLen);
            }
            symbols = 0;
            blockStart = end;
        }

        private static long cost(int[] freq, int[] len) {
            long bits = 0;
            for (int s = 0; s < freq.length; s++) {
                bits += (long) freq[s] * len[s];
            }
            return bits;
        }

        private void symbols(int[] litCode, int[] litLen, int[] distCode, int[] distLen) {
            for (int s = 0; s < symbols; s++) {
                if (symDist[s] == 0) {
                    out.bits(litCode[symValue[s]], litLen[symValue[s]]);
                } else {
                    int len = symValue[s];
                    int lc = LEN_CODE[len];
                    out.bits(litCode[257 + lc], litLen[257 + lc]);
                    out.bits(len - LEN_BASE[lc], LEN_EXTRA[lc]);
                    int dist = symDist[s];
                    int dc = DIST_CODE[dist];
                    out.bits(distCode[dc], distLen[dc]);
                    out.bits(dist - DIST_BASE[dc], DIST_EXTRA[dc]);
                }
            }
            out.bits(litCode[256], litLen[256]);
        }

        private void stored(int from, int to, boolean last) {
            int p = from;
            do {
                int len = Math.min(65535, to - p);
                boolean final_ = last && p + len == to;
                out.bits(final_ ? 1 : 0, 1);
                out.bits(0, 2);
                out.align();
                out.shortLE(len);
                out.shortLE(~len & 0xffff);
                out.bytes(in, p, len);
                p += len;
            } while (p < to);
        }
    }

    /** The code lengths of a dynamic block, run-length coded with the code length alphabet. */
    private static final class DynamicHeader {
        private final int hlit;
        private final int hdist;
        private final int hclen;
        private final int[] clLen;
        private final int[] clCode;
        /** Code length symbols (0..18) and, for 16, 17 and 18, their repeat counts. */
        private final int[] rle;
        private final int[] rleExtra;
        private final int rleCount;

        DynamicHeader(int[] litLen, int[] distLen) {
            int hl = 286;
            while (hl > 257 && litLen[hl - 1] == 0) {
                hl--;
            }
            int hd = 30;
            while (hd > 1 && distLen[hd - 1] == 0) {
                hd--;
            }
            hlit = hl;
            hdist = hd;
            int[] all = new int[hl + hd];
            System.arraycopy(litLen, 0, all, 0, hl);
            System.arraycopy(distLen, 0, all, hl, hd);
            rle = new int[all.length];
            rleExtra = new int[all.length];
            int count = 0;
            for (int i = 0; i < all.length;) {
                int v = all[i];
                int run = 1;
                while (i + run < all.length && all[i + run] == v) {
                    run++;
                }
                i += run;
                if (v == 0) {
                    while (run >= 11) {
                        int k = Math.min(run, 138);
                        rle[count] = 18;
                        rleExtra[count++] = k - 11;
                        run -= k;
                    }
                    if (run >= 3) {
                        rle[count] = 17;
                        rleExtra[count++] = run - 3;
                        run = 0;
                    }
                } else {
                    rle[count++] = v;
                    run--;
                    while (run >= 3) {
                        int k = Math.min(run, 6);
                        rle[count] = 16;
                        rleExtra[count++] = k - 3;
                        run -= k;
                    }
                }
                while (run-- > 0) {
                    rle[count++] = v;
                }
            }
            rleCount = count;
            int[] clFreq = new int[19];
            for (int i = 0; i < count; i++) {
                clFreq[rle[i]]++;
            }
            clLen = Huffman.lengths(clFreq, 7);
            clCode = Huffman.codes(clLen);
            int hc = 19;
            while (hc > 4 && clLen[CL_ORDER[hc - 1]] == 0) {
                hc--;
            }
            hclen = hc;
        }

        long bits() {
            long b = 5 + 5 + 4 + 3L * hclen;
            for (int i = 0; i < rleCount; i++) {
                b += clLen[rle[i]] + extraBits(rle[i]);
            }
            return b;
        }

        private static int extraBits(int sym) {
            return sym == 16 ? 2 : sym == 17 ? 3 : sym == 18 ? 7 : 0;
        }

        void write(BitWriter out) {
            out.bits(hlit - 257, 5);
            out.bits(hdist - 1, 5);
            out.bits(hclen - 4, 4);
            for (int i = 0; i < hclen; i++) {
                out.bits(clLen[CL_ORDER[i]], 3);
            }
            for (int i = 0; i < rleCount; i++) {
                out.bits(clCode[rle[i]], clLen[rle[i]]);
                out.bits(rleExtra[i], extraBits(rle[i]));
            }
        }
    }

    /** Length-limited canonical Huffman codes. */
    static final class Huffman {
        private Huffman() {
        }

        /**
         * Code lengths for {@code freq}, none longer than {@code limit}. At least two symbols always get a code
         * (unused ones are added from the lowest symbol up), as inflaters expect of a complete code. Over-long
         * codes are avoided by halving the frequencies (keeping them above zero) until the tree is shallow enough.
         */
        static int[] lengths(int[] freq, int limit) {
            int[] f = freq.clone();
            int used = 0;
            for (int x : f) {
                if (x > 0) {
                    used++;
                }
            }
            for (int s = 0; used < 2 && s < f.length; s++) {
                if (f[s] == 0) {
                    f[s] = 1;
                    used++;
                }
            }
            while (true) {
                int[] len = tree(f);
                int max = 0;
                for (int l : len) {
                    max = Math.max(max, l);
                }
                if (max <= limit) {
                    return len;
                }
                for (int s = 0; s < f.length; s++) {
                    if (f[s] > 0) {
                        f[s] = Math.max(1, f[s] >>> 1);
                    }
                }
            }
        }

        /** Depths of a Huffman tree; ties are broken by node number, so the result is always the same. */
        private static int[] tree(int[] f) {
            int n = f.length;
            int[] parent = new int[2 * n];
            PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                    : Long.compare(a[1], b[1]));
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    queue.add(new long[] {f[s], s});
                }
            }
            int next = n;
            while (queue.size() > 1) {
                long[] a = queue.poll();
                long[] b = queue.poll();
                parent[(int) a[1]] = next;
                parent[(int) b[1]] = next;
                queue.add(new long[] {a[0] + b[0], next});
                next++;
            }
            int root = next - 1;
            int[] depth = new int[2 * n];
            for (int id = root - 1; id >= n; id--) {
                depth[id] = depth[parent[id]] + 1;
            }
            int[] len = new int[n];
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    len[s] = depth[parent[s]] + 1;
                }
            }
            return len;
        }

        /** Canonical codes (RFC 1951, 3.2.2) for {@code len}, bit-reversed for LSB-first output. */
        static int[] codes(int[] len) {
            int[] count = new int[16];
            for (int l : len) {
                if (l > 0) {
                    count[l]++;
                }
            }
            int[] next = new int[16];
            int code = 0;
            for (int bits = 1; bits < 16; bits++) {
                code = (code + count[bits - 1]) << 1;
                next[bits] = code;
            }
            int[] codes = new int[len.length];
            for (int s = 0; s < len.length; s++) {
                if (len[s] > 0) {
                    codes[s] = Integer.reverse(next[len[s]]++) >>> (32 - len[s]);
                }
            }
            return codes;
        }
    }

    /** Bits least significant first, as DEFLATE packs them. */
    private static final class BitWriter {
        private byte[] buf;
        private int size;
        private long acc;
        private int accBits;

        BitWriter(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        void bits(int value, int count) {
            acc |= (long) value << accBits;
            accBits += count;
            while (accBits >= 8) {
                put((byte) acc);
                acc >>>= 8;
                accBits -= 8;
            }
        }

        void align() {
            if (accBits > 0) {
                put((byte) acc);
                acc = 0;
                accBits = 0;
            }
        }

        void shortLE(int v) {
            put((byte) v);
            put((byte) (v >>> 8));
        }

        void intLE(int v) {
            shortLE(v);
            shortLE(v >>> 16);
        }

        void bytes(byte[] b) {
            bytes(b, 0, b.length);
        }

        void bytes(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void put(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
