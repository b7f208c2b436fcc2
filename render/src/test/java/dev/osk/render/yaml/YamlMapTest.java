package dev.osk.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** YamlMap keeps a LinkedHashMap's behaviour: order, replacement in place, removal, equality, views. */
class YamlMapTest {
    @Test
    void keepsInsertionOrderAndReplacesInPlace() {
        YamlMap m = new YamlMap();
        m.put("kind", "Service");
        m.put("apiVersion", "v1");
        m.put("metadata", "x");
        assertThat(m.put("kind", "Deployment")).isEqualTo("Service");
        assertThat(m.keySet()).containsExactly("kind", "apiVersion", "metadata");
        assertThat(m.values()).containsExactly("Deployment", "v1", "x");
        assertThat(m.toString()).isEqualTo("{kind=Deployment, apiVersion=v1, metadata=x}");
    }

    @Test
    void aNullValueIsAKeyThatIsThere() {
        YamlMap m = new YamlMap(1);
        m.put("a", null);
        assertThat(m.containsKey("a")).isTrue();
        assertThat(m.get("a")).isNull();
        assertThat(m.containsKey("b")).isFalse();
        assertThat(m.containsKey(null)).isFalse();
        Map<String, Object> same = new LinkedHashMap<>();
        same.put("a", null);
        assertThat(m).isEqualTo(same).isNotEqualTo(Map.of()).isNotEqualTo(Map.of("a", "b"));
    }

    @Test
    void equalsAndHashCodeAreThoseOfAnyMap() {
        YamlMap m = new YamlMap();
        m.put("b", 1L);
        m.put("a", List.of("x"));
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("a", List.of("x"));
        other.put("b", 1L);
        assertThat(m).isEqualTo(other);
        assertThat(other).isEqualTo(m);
        assertThat(m.hashCode()).isEqualTo(other.hashCode());
    }

    @Test
    void behavesAsLinkedHashMapUnderRandomEdits() {
        // small maps are searched, large ones indexed: edits across both sizes, compared step by step
        Random random = new Random(7);
        YamlMap m = new YamlMap();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int step = 0; step < 20_000; step++) {
            String key = "k" + random.nextInt(40);
            switch (random.nextInt(5)) {
                case 0, 1, 2 -> assertThat(m.put(key, step)).isEqualTo(expected.put(key, step));
                case 3 -> assertThat(m.remove(key)).isEqualTo(expected.remove(key));
                default -> {
                    Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
                    Iterator<Map.Entry<String, Object>> ex = expected.entrySet().iterator();
                    while (it.hasNext()) {
                        Map.Entry<String, Object> e = it.next();
                        Map.Entry<String, Object> f = ex.next();
                        assertThat(e).isEqualTo(f);
                        if (e.getKey().endsWith("3")) {
                            it.remove();
                            ex.remove();
                        } else if (e.getKey().endsWith("5")) {
                            e.setValue(-step);
                            f.setValue(-step);
                        }
                    }
                    assertThat(ex.hasNext()).isFalse();
                }
            }
            assertThat(m.size()).isEqualTo(expected.size());
            assertThat(m.get(key)).isEqualTo(expected.get(key));
            assertThat(m.containsKey(key)).isEqualTo(expected.containsKey(key));
        }
        assertThat(List.copyOf(m.entrySet())).isEqualTo(List.copyOf(expected.entrySet()));
    }

    @Test
    void aLargeMappingIsFoundByKey() {
        YamlMap m = new YamlMap();
        for (int i = 0; i < 40_000; i++) {
            m.put("key-" + i, i);
        }
        m.trim();
        assertThat(m.get("key-39999")).isEqualTo(39_999);
        assertThat(m.remove("key-0")).isEqualTo(0);
        assertThat(m.get("key-1")).isEqualTo(1);
        assertThat(m.keySet().iterator().next()).isEqualTo("key-1");
        assertThat(m.get("key-0")).isNull();
    }

    @Test
    void anEditWhileIteratingIsRefused() {
        YamlMap m = new YamlMap();
        m.put("a", 1);
        m.put("b", 2);
        Iterator<String> it = m.keySet().iterator();
        it.next();
        m.put("c", 3);
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> m.put(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theReaderBuildsThem() {
        Object fast = new YamlReader(YamlSchema.KUBE).readAllLazily("a: 1\nb:\n  c: x\n", "t.yaml").get(0).value();
        Object slow = new YamlReader(YamlSchema.KUBE).readAllLazily("{a: 1, b: {c: x}}\n", "t.yaml").get(0).value();
        assertThat(fast).isInstanceOf(YamlMap.class).isEqualTo(slow);
        assertThat(slow).isInstanceOf(YamlMap.class);
        assertThat(((Map<?, ?>) fast).get("b")).isInstanceOf(YamlMap.class);
    }
}
