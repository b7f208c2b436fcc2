package dev.osk.render.yaml;

import dev.osk.render.Location;
import dev.osk.render.OskException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML safely and strictly: duplicate keys are errors, aliases and document size are bounded, only the
 * standard tags are accepted, and numbers keep their exact value (integers as Long or BigInteger, decimals as
 * BigDecimal, never a binary float). Every node's location is kept for error messages.
 */
public final class YamlReader {
    /** Largest document, in code points. */
    public static final int MAX_DOCUMENT_CODE_POINTS = 16 * 1024 * 1024;
    /** Most nodes one document may expand to, aliases included. */
    public static final int MAX_NODES = 2_000_000;
    static final int MAX_ALIASES = 100;
    static final int MAX_DEPTH = 200;

    private final YamlSchema schema;
    /** A parser's settings per thread, built once: a resolver is reusable for one parse at a time. */
    private final ThreadLocal<Settings> parsers = ThreadLocal.withInitial(this::newSettings);

    private record Settings(LoaderOptions options, org.yaml.snakeyaml.resolver.Resolver resolver,
            Map<String, String> shared) {
        /**
         * One String for each short text this thread reads again and again (keys such as {@code apiVersion} and
         * {@code name}, values such as {@code v1}), instead of one per occurrence: most of what thousands of parsed
         * objects hold. Emptied when it grows large.
         */
        String share(String s) {
            if (s.length() > 32) {
                return s;
            }
            String known = shared.putIfAbsent(s, s);
            if (known != null) {
                return known;
            }
            if (shared.size() > 16_384) {
                shared.clear();
            }
            return s;
        }

        /** A plain scalar's value as {@link Converter} gives it; throws when it has none. */
        Object value(Tag tag, String v) {
            if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
                return share(v);
            }
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return bool(v);
            }
            if (tag.equals(Tag.INT)) {
                return integer(v);
            }
            if (tag.equals(Tag.FLOAT)) {
                return decimal(v);
            }
            throw new IllegalArgumentException(tag.getValue());
        }

        /** The documents of {@code text}, as {@code Yaml.composeAll} gives them, read in linear time. */
        Iterable<Node> composeAll(String text) {
            org.yaml.snakeyaml.composer.Composer composer = new org.yaml.snakeyaml.composer.Composer(
                    new org.yaml.snakeyaml.parser.ParserImpl(new TextStreamReader(text), options), resolver, options);
            return () -> new java.util.Iterator<Node>() {
                @Override
                public boolean hasNext() {
                    return composer.checkNode();
                }

                @Override
                public Node next() {
                    Node node = composer.getNode();
                    if (node == null) {
                        throw new java.util.NoSuchElementException("No Node is available.");
                    }
                    return node;
                }
            };
        }
    }

    public YamlReader(YamlSchema schema) {
        this.schema = schema;
    }

    /** Parses every document in {@code text}; empty documents are returned with a null value. */
    public List<YamlDocument> readAll(String text, String sourceName) {
        return readAll(text, sourceName, 0);
    }

    /**
     * Parses every document; {@code lineOffset} is added to reported lines (for text cut out of a larger file).
     */
    public List<YamlDocument> readAll(String text, String sourceName, int lineOffset) {
        return read(text, sourceName, lineOffset, true);
    }

    /**
     * Reads Kubernetes objects: like {@link #readAll(String, String)}, but node locations are looked up in the
     * parse tree when asked instead of being tabulated up front, and a mapping key with an empty value
     * ({@code key:} and nothing else) is left out rather than read as null.
     */
    public List<YamlDocument> readAllLazily(String text, String sourceName) {
        return read(text, sourceName, 0, false);
    }

    private List<YamlDocument> read(String text, String sourceName, int lineOffset, boolean eager) {
        if (text.length() > MAX_DOCUMENT_CODE_POINTS) {
            throw new OskException(Location.of(sourceName), "document is larger than " + MAX_DOCUMENT_CODE_POINTS
                    + " characters");
        }
        Settings yaml = parsers.get();
        List<YamlDocument> docs = new ArrayList<>();
        if (!eager) {
            // the plain block YAML templates render is read many times faster than SnakeYAML reads it; anything
            // else (and every error) is read by SnakeYAML below, exactly as before
            List<PlainBlockReader.Doc> fast = PlainBlockReader.read(text, yaml.resolver(), yaml::value, yaml::share);
            if (fast != null) {
                int[] roots = new int[fast.size()];
                for (int i = 0; i < roots.length; i++) {
                    roots[i] = fast.get(i).line();
                }
                Trees trees = new Trees(text, roots);
                int index = 0;
                for (PlainBlockReader.Doc d : fast) {
                    docs.add(new YamlDocument(d.value(), trees, index,
                            new Location(sourceName, d.line() + 1 + lineOffset, d.column() + 1), sourceName,
                            lineOffset));
                    index++;
                }
                return docs;
            }
        }
        // lazily located documents keep their text, not their parse tree (which is many times larger): the tree
        // is composed again, once for all documents of the text, when a location is first asked for
        Trees trees = eager ? null : new Trees(text, null);
        try {
            int index = 0;
            for (Node node : yaml.composeAll(text)) {
                Converter c = new Converter(sourceName, lineOffset, eager, yaml);
                Object value = c.convert(node, "", 0);
                docs.add(eager ? new YamlDocument(value, c.locations)
                        : new YamlDocument(value, trees, index, location(sourceName, lineOffset, node.getStartMark()),
                                sourceName, lineOffset));
                index++;
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new OskException(location(sourceName, lineOffset, m), "invalid YAML: " + oneLine(problem));
        } catch (YAMLException e) {
            throw new OskException(Location.of(sourceName), "invalid YAML: " + oneLine(e.getMessage()));
        }
        return docs;
    }

    /** The parse trees of one text's documents, composed again when first needed (they parsed before). */
    final class Trees {
        private final String text;
        /** The 0-based line of each document's root, when the fast reader read the text; else null. */
        private final int[] roots;
        private List<Node> nodes;
        private Map<Integer, Map<String, int[]>> positions;
        private PlainBlockReader.Positions lines;

        Trees(String text, int[] roots) {
            this.text = text;
            this.roots = roots;
        }

        /**
         * Where the nodes of document {@code index} start, as the fast reader records them (one pass over that
         * document, many times faster than composing the text again); null when the fast reader did not read it.
         */
        synchronized Map<String, int[]> positions(int index) {
            if (roots == null) {
                return null;
            }
            if (positions == null) {
                Settings s = parsers.get();
                lines = new PlainBlockReader.Positions(text, s.resolver(), s::value, s::share);
                positions = new HashMap<>();
            }
            return positions.computeIfAbsent(index, i -> lines.of(roots[i]));
        }

        synchronized Node get(int index) {
            if (nodes == null) {
                List<Node> all = new ArrayList<>();
                for (Node n : parsers.get().composeAll(text)) {
                    all.add(n);
                }
                nodes = all;
            }
            return nodes.get(index);
        }

        /** Mappings with many keys, by key (the first entry of a key wins), built when first searched. */
        private Map<MappingNode, Map<String, Node>> byKey;

        /** The value of the first entry of {@code map} whose key is {@code key}, or null. */
        synchronized Node child(MappingNode map, String key) {
            List<NodeTuple> tuples = map.getValue();
            if (tuples.size() <= 16) {
                for (NodeTuple t : tuples) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        return t.getValueNode();
                    }
                }
                return null;
            }
            // a finding per key of a large map (40,000 of them) would otherwise search the map once each
            if (byKey == null) {
                byKey = new java.util.IdentityHashMap<>();
            }
            return byKey.computeIfAbsent(map, m -> {
                Map<String, Node> index = new HashMap<>();
                for (NodeTuple t : tuples) {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        index.putIfAbsent(k.getValue(), t.getValueNode());
                    }
                }
                return index;
            }).get(key);
        }
    }

    /** Parses text that must hold at most one document; an empty text gives a null value. */
    public YamlDocument readOne(String text, String sourceName) {
        List<YamlDocument> docs = readAll(text, sourceName);
        if (docs.isEmpty()) {
            return new YamlDocument(null, Map.of());
        }
        if (docs.size() > 1) {
            throw new OskException(Location.of(sourceName), "expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    private Settings newSettings() {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(MAX_ALIASES);
        lo.setAllowRecursiveKeys(false);
        lo.setNestingDepthLimit(MAX_DEPTH);
        lo.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        lo.setMergeOnCompose(true);
        return new Settings(lo, schema.resolver(), new HashMap<>());
    }

    private static String oneLine(String s) {
        return s == null ? "parse error" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    static Location location(String source, int lineOffset, Mark m) {
        if (m == null) {
            return Location.of(source);
        }
        return new Location(source, m.getLine() + 1 + lineOffset, m.getColumn() + 1);
    }

    private final class Converter {
        final String source;
        final int lineOffset;
        final Map<String, Location> locations = new HashMap<>();
        final boolean eager;
        int budget = MAX_NODES;

        final Settings settings;

        Converter(String source, int lineOffset, boolean eager, Settings settings) {
            this.settings = settings;
            this.source = source;
            this.lineOffset = lineOffset;
            this.eager = eager;
        }

        Object convert(Node node, String pointer, int depth) {
            if (--budget < 0) {
                throw new OskException(loc(node), "document expands to more than " + MAX_NODES
                        + " nodes (alias bomb?)");
            }
            if (depth > MAX_DEPTH) {
                throw new OskException(loc(node), "document nests deeper than " + MAX_DEPTH + " levels");
            }
            if (eager) {
                locations.put(pointer, loc(node));
            }
            if (node instanceof ScalarNode s) {
                return scalar(s);
            }
            if (node instanceof SequenceNode seq) {
                checkTag(node, Tag.SEQ);
                List<Object> list = new ArrayList<>(seq.getValue().size());
                int i = 0;
                for (Node item : seq.getValue()) {
                    list.add(convert(item, eager ? JsonPointer.append(pointer, i) : pointer, depth + 1));
                    i++;
                }
                return list;
            }
            MappingNode map = (MappingNode) node;
            checkTag(node, Tag.MAP);
            // sized for its entries: thousands of small maps are much of a large render
            YamlMap out = new YamlMap(map.getValue().size());
            for (NodeTuple t : map.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode ks)) {
                    throw new OskException(loc(k), "mapping keys must be scalars");
                }
                Object kv = scalar(ks);
                String key = kv == null ? "null" : settings.share(keyString(kv, ks));
                if (out.containsKey(key)) {
                    throw new OskException(loc(k), "duplicate key '" + key + "'");
                }
                if (!eager && t.getValueNode() instanceof ScalarNode vs && vs.getTag().equals(Tag.NULL)
                        && vs.getValue().isEmpty()) {
                    // "key:" with nothing after it (typically a section that rendered nothing) is left out, as
                    // the API server stores it; an explicit null stays
                    continue;
                }
                String child = eager ? JsonPointer.append(pointer, key) : pointer;
                out.put(key, convert(t.getValueNode(), child, depth + 1));
            }
            out.trim();
            return out;
        }

        private String keyString(Object kv, ScalarNode ks) {
            return kv instanceof String str ? str : ks.getValue();
        }

        private void checkTag(Node node, Tag expected) {
            if (!node.getTag().equals(expected)) {
                throw new OskException(loc(node), "unsupported tag " + node.getTag().getValue());
            }
        }

        private Object scalar(ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            try {
                return settings.value(tag, v);
            } catch (NumberFormatException e) {
                throw new OskException(loc(s), "'" + v + "' is not a valid " + tag.getValue());
            } catch (IllegalArgumentException e) {
                throw new OskException(loc(s), "unsupported tag " + tag.getValue());
            }
        }

        private Location loc(Node n) {
            return location(source, lineOffset, n.getStartMark());
        }
    }

    static Boolean bool(String v) {
        String l = v.toLowerCase();
        if (l.equals("true") || l.equals("yes") || l.equals("y") || l.equals("on")) {
            return Boolean.TRUE;
        }
        if (l.equals("false") || l.equals("no") || l.equals("n") || l.equals("off")) {
            return Boolean.FALSE;
        }
        throw new NumberFormatException(v);
    }

    /** Parses YAML integer forms exactly: Long when it fits, BigInteger otherwise. */
    public static Number integer(String text) {
        String v = text.replace("_", "");
        boolean neg = v.startsWith("-");
        if (v.startsWith("-") || v.startsWith("+")) {
            v = v.substring(1);
        }
        int radix = 10;
        if (v.startsWith("0x")) {
            radix = 16;
            v = v.substring(2);
        } else if (v.startsWith("0o")) {
            radix = 8;
            v = v.substring(2);
        } else if (v.startsWith("0b")) {
            radix = 2;
            v = v.substring(2);
        } else if (v.length() > 1 && v.startsWith("0")) {
            radix = 8;
            v = v.substring(1);
        }
        BigInteger b = new BigInteger(v, radix);
        if (neg) {
            b = b.negate();
        }
        return b.bitLength() < 64 ? (Number) b.longValue() : b;
    }

    /** Parses YAML float forms exactly: BigDecimal, or Double for infinities and NaN. */
    public static Number decimal(String text) {
        String v = text.replace("_", "");
        String l = v.toLowerCase();
        if (l.endsWith(".inf")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (l.equals(".nan")) {
            return Double.NaN;
        }
        return new BigDecimal(v);
    }
}
