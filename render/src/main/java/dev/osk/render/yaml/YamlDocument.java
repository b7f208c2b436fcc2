package dev.osk.render.yaml;

import dev.osk.render.Location;
import java.util.Map;

/**
 * One parsed YAML document: its value (maps are {@code LinkedHashMap<String,Object>}, sequences
 * {@code ArrayList}, scalars String/Boolean/Long/BigInteger/BigDecimal/Double or null) and where each node
 * started, keyed by JSON pointer ({@code ""} is the root).
 */
public record YamlDocument(Object value, Map<String, Location> locations) {

    /** Where the node at {@code pointer} starts, or the nearest enclosing node that has a location. */
    public Location locate(String pointer) {
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
}
