package dev.osk.render.yaml;

import dev.osk.render.Location;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One parsed YAML document: its value (maps are {@link YamlMap} (insertion-ordered), sequences
 * {@code ArrayList}, scalars String/Boolean/Long/BigInteger/BigDecimal/Double or null) and where each node
 * started, by JSON pointer ({@code ""} is the root): either a map computed while reading, or the parsed node
 * tree, searched when asked.
 */
public final class YamlDocument {
    private final Object value;
    private final Map<String, Location> locations;
    private final YamlReader.Trees trees;
    private final int index;
    private final Location rootLocation;
    private final String source;
    private final int lineOffset;

    public YamlDocument(Object value, Map<String, Location> locations) {
        this.value = value;
        this.locations = locations;
        this.trees = null;
        this.index = 0;
        this.rootLocation = null;
        this.source = null;
        this.lineOffset = 0;
    }

    /** A document located lazily: document {@code index} of the text {@code trees} composes again when asked. */
    YamlDocument(Object value, YamlReader.Trees trees, int index, Location rootLocation, String source,
            int lineOffset) {
        this.value = value;
        this.locations = null;
        this.trees = trees;
        this.index = index;
        this.rootLocation = rootLocation;
        this.source = source;
        this.lineOffset = lineOffset;
    }

    public Object value() {
        return value;
    }

    /** Every node's location by pointer (computed eagerly only for documents read with locations). */
    public Map<String, Location> locations() {
        return locations == null ? Map.of() : locations;
    }

    /** Where the node at {@code pointer} starts, or the nearest enclosing node that has a location. */
    public Location locate(String pointer) {
        if (locations == null) {
            if (trees == null) {
                return null;
            }
            return pointer.isEmpty() ? rootLocation : walk(pointer);
        }
        String p = pointer;
        while (true) {
            Location loc = locations.get(p);
            if (loc != null || p.isEmpty()) {
                return loc;
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    private Location walk(String pointer) {
        Map<String, int[]> fast = trees.positions(index);
        if (fast != null) {
            // the node itself, or the nearest enclosing one: SnakeYAML's tree below stops there too, unless the
            // enclosing node is a flow collection or an empty value, whose insides the fast reader does not record
            String p = pointer;
            while (!p.isEmpty()) {
                int[] at = fast.get(p);
                if (at != null) {
                    boolean exact = p.length() == pointer.length();
                    if (at[2] == PlainBlockReader.BLOCK || (exact && at[2] == PlainBlockReader.FLOW)) {
                        return new Location(source, at[0] + 1 + lineOffset, at[1] + 1);
                    }
                    return snakeWalk(pointer);
                }
                p = p.substring(0, p.lastIndexOf('/'));
            }
            return rootLocation;
        }
        return snakeWalk(pointer);
    }

    /** Whether the fast reader's positions locate this document's nodes. */
    boolean fastLocated() {
        return trees != null && trees.positions(index) != null;
    }

    /** {@link #locate} by SnakeYAML's parse tree of the text, composed again. */
    Location snakeWalk(String pointer) {
        Node n = trees.get(index);
        for (String seg : JsonPointer.segments(pointer)) {
            Node next = null;
            if (n instanceof MappingNode m) {
                next = trees.child(m, seg);
            } else if (n instanceof SequenceNode s) {
                List<Node> items = s.getValue();
                try {
                    int i = Integer.parseInt(seg);
                    next = i >= 0 && i < items.size() ? items.get(i) : null;
                } catch (NumberFormatException e) {
                    next = null;
                }
            }
            if (next == null) {
                break;
            }
            n = next;
        }
        return YamlReader.location(source, lineOffset, n.getStartMark());
    }
}
