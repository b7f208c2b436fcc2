package dev.osk.render;

import dev.osk.render.chart.Chart;
import dev.osk.render.chart.TemplateFile;
import dev.osk.render.template.OskMustacheFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Partial lookup: the including chart's own partials, then its library charts', breadth first. */
final class ChartPartials implements OskMustacheFactory.PartialResolver {
    private final Map<String, Chart> byDir = new HashMap<>();

    ChartPartials(ChartInstance root) {
        Map<Chart, Boolean> seen = new IdentityHashMap<>();
        for (ChartInstance i : root.walk()) {
            register(i.chart(), seen);
        }
    }

    private void register(Chart c, Map<Chart, Boolean> seen) {
        if (seen.put(c, Boolean.TRUE) != null) {
            return;
        }
        for (TemplateFile t : c.templates()) {
            byDir.put(t.file().getParent().toString() + "/", c);
        }
        for (Path p : c.partials().values()) {
            byDir.put(p.getParent().toString() + "/", c);
        }
        for (Chart d : c.dependencies()) {
            register(d, seen);
        }
    }

    private List<Chart> searchOrder(String dir) {
        Chart c = byDir.get(dir);
        List<Chart> order = new ArrayList<>();
        if (c == null) {
            return order;
        }
        Deque<Chart> queue = new ArrayDeque<>();
        queue.add(c);
        while (!queue.isEmpty()) {
            Chart x = queue.poll();
            if (order.contains(x)) {
                continue;
            }
            order.add(x);
            for (Chart d : x.dependencies()) {
                if (d.metadata().isLibrary()) {
                    queue.add(d);
                }
            }
        }
        return order;
    }

    @Override
    public String resolve(String includingDir, String name) {
        for (Chart c : searchOrder(includingDir)) {
            Path p = c.partials().get(name);
            if (p != null) {
                return p.toString();
            }
        }
        return null;
    }

    @Override
    public String searched(String includingDir, String name) {
        List<String> names = new ArrayList<>();
        for (Chart c : searchOrder(includingDir)) {
            names.add(c.name());
        }
        return names.isEmpty() ? "no chart" : "charts " + String.join(", ", names);
    }
}
