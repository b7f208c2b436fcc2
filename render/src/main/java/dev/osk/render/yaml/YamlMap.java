package dev.osk.render.yaml;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A YAML mapping as the reader builds it: keys in the order the document wrote them, as {@code LinkedHashMap}
 * keeps them, in a fraction of its memory. A rendered object is mostly small mappings (labels, selectors, ports,
 * resources), and a render holds every object until it is written: a {@code LinkedHashMap} spends about 200 bytes
 * on a mapping of two keys (the map, its table, an entry object per key, a cached entry set), this one about 80
 * (two arrays). Lookups scan the keys while a mapping is small and use a hash index once it is large, so a
 * ConfigMap of 40,000 keys is not searched from the start for each.
 *
 * <p>The JDK has no insertion-ordered map that is compact, and the collection libraries' array maps search
 * linearly at any size; hence this class.
 */
public final class YamlMap extends AbstractMap<String, Object> {
    /** From this many keys on, lookups go through {@link #index}. */
    private static final int INDEXED = 12;
    private static final String[] NO_KEYS = {};
    private static final Object[] NO_VALUES = {};

    private String[] keys;
    private Object[] values;
    private int size;
    /** Key to position, kept while the map has {@link #INDEXED} keys or more; else null. */
    private HashMap<String, Integer> index;
    private int modifications;

    public YamlMap() {
        keys = NO_KEYS;
        values = NO_VALUES;
    }

    /** @param capacity how many keys the map will hold */
    public YamlMap(int capacity) {
        keys = capacity == 0 ? NO_KEYS : new String[capacity];
        values = capacity == 0 ? NO_VALUES : new Object[capacity];
    }

    private int find(Object key) {
        if (index != null) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < size; i++) {
            if (key.equals(keys[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int at = find(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public Object put(String key, Object value) {
        if (key == null) {
            throw new NullPointerException("a YAML mapping key is never null");
        }
        int at = find(key);
        if (at >= 0) {
            Object old = values[at];
            values[at] = value;
            return old;
        }
        if (size == keys.length) {
            int grown = Math.max(4, size + (size >> 1) + 1);
            keys = Arrays.copyOf(keys, grown);
            values = Arrays.copyOf(values, grown);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        modifications++;
        if (index != null) {
            index.put(key, size - 1);
        } else if (size >= INDEXED) {
            reindex();
        }
        return null;
    }

    @Override
    public Object remove(Object key) {
        int at = find(key);
        if (at < 0) {
            return null;
        }
        Object old = values[at];
        removeAt(at);
        return old;
    }

    private void removeAt(int at) {
        System.arraycopy(keys, at + 1, keys, at, size - at - 1);
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        keys[size] = null;
        values[size] = null;
        modifications++;
        index = null;
        if (size >= INDEXED) {
            reindex();
        }
    }

    private void reindex() {
        index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            index.put(keys[i], i);
        }
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        index = null;
        modifications++;
    }

    /** Gives back the room the arrays kept for keys that never came (the reader calls it when a mapping ends). */
    public void trim() {
        if (keys.length > size) {
            keys = size == 0 ? NO_KEYS : Arrays.copyOf(keys, size);
            values = size == 0 ? NO_VALUES : Arrays.copyOf(values, size);
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Entries();
            }
        };
    }

    /** The entries in order; each writes through to the map, and {@link #remove} removes the last one given. */
    private final class Entries implements Iterator<Map.Entry<String, Object>> {
        private int next;
        private int last = -1;
        private int expected = modifications;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Map.Entry<String, Object> next() {
            if (expected != modifications) {
                throw new ConcurrentModificationException();
            }
            if (next >= size) {
                throw new NoSuchElementException();
            }
            last = next++;
            return new Entry(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (expected != modifications) {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expected = modifications;
        }
    }

    private final class Entry implements Map.Entry<String, Object> {
        private final int at;
        private final String key;

        Entry(int at) {
            this.at = at;
            this.key = keys[at];
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            return at < size && keys[at] == key ? values[at] : get(key);
        }

        @Override
        public Object setValue(Object value) {
            int i = at < size && keys[at] == key ? at : find(key);
            if (i < 0) {
                throw new IllegalStateException("the entry was removed");
            }
            Object old = values[i];
            values[i] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey())
                    && java.util.Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ java.util.Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
