package dev.osk.render.graph;

import dev.osk.render.manifest.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who waits for whom in a render: every workload whose pods carry a kubernetes-entrypoint init container
 * ({@code DEPENDENCY_SERVICE}, {@code DEPENDENCY_JOBS}, {@code DEPENDENCY_DAEMONSET}) waits for the named Services,
 * Jobs and DaemonSets, and ({@code DEPENDENCY_POD_JSON}) for the workloads whose pod templates carry the labels
 * (on its own node when requireSameNode); a Service is ready when the workloads it selects are. Built from rendered objects only.
 */
public final class DependencyGraph {
    /** A node: kind and name (namespace is not part of kubernetes-entrypoint's names). */
    public record Node(String kind, String name) implements Comparable<Node> {
        public String id() {
            return kind.toLowerCase() + "/" + name;
        }

        @Override
        public int compareTo(Node o) {
            return id().compareTo(o.id());
        }
    }

    /** An edge: {@code from} waits for {@code to}; {@code via} says how (waits-for or served-by). */
    public record Edge(Node from, Node to, String via) {
    }

    /** A name an init container waits for that the render does not contain. */
    public record Dangling(Node waiter, String kind, String name) {
    }

    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
            "ReplicaSet", "Pod");

    private final Set<Node> nodes = new LinkedHashSet<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Dangling> dangling = new ArrayList<>();

    public static DependencyGraph of(List<Manifest> manifests) {
        DependencyGraph g = new DependencyGraph();
        g.build(manifests);
        return g;
    }

    public Set<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** Dependencies that name no object of the render. */
    public List<Dangling> dangling() {
        return dangling;
    }

    private void build(List<Manifest> manifests) {
        Map<String, Node> services = new TreeMap<>();
        Map<String, Node> jobs = new TreeMap<>();
        Map<String, Node> daemonsets = new TreeMap<>();
        Map<Node, Map<String, Object>> podTemplates = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            String kind = m.kind();
            if (m.name() == null) {
                continue;
            }
            Node n = new Node(kind, m.name());
            switch (kind) {
                case "Service" -> services.put(m.name(), n);
                case "Job" -> jobs.put(m.name(), n);
                case "DaemonSet" -> daemonsets.put(m.name(), n);
                default -> {
                }
            }
            if (WORKLOADS.contains(kind) || kind.equals("Service")) {
                nodes.add(n);
            }
            Map<String, Object> pod = PodTemplates.podSpecOwner(m.object(), kind);
            if (pod != null) {
                podTemplates.put(n, pod);
            }
        }
        for (Map.Entry<Node, Map<String, Object>> e : podTemplates.entrySet()) {
            Node waiter = e.getKey();
            Map<String, String> env = PodTemplates.initEnv(e.getValue());
            link(waiter, env.get("DEPENDENCY_SERVICE"), "Service", services);
            link(waiter, env.get("DEPENDENCY_JOBS"), "Job", jobs);
            link(waiter, env.get("DEPENDENCY_DAEMONSET"), "DaemonSet", daemonsets);
            linkPods(waiter, env.get("DEPENDENCY_POD_JSON"), podTemplates);
        }
        for (Manifest m : manifests) {
            if (!m.kind().equals("Service") || m.name() == null) {
                continue;
            }
            Map<String, Object> selector = PodTemplates.map(PodTemplates.map(m.object().get("spec")).get("selector"));
            if (selector.isEmpty()) {
                continue;
            }
            for (Map.Entry<Node, Map<String, Object>> e : podTemplates.entrySet()) {
                Map<String, Object> labels = PodTemplates.podLabels(e.getValue());
                if (labels.entrySet().containsAll(selector.entrySet())) {
                    edges.add(new Edge(services.get(m.name()), e.getKey(), "served-by"));
                }
            }
        }
    }

    /** DEPENDENCY_POD_JSON: the waiter waits for every workload whose pod template carries the labels. */
    private void linkPods(Node waiter, String json, Map<Node, Map<String, Object>> podTemplates) {
        if (json == null || json.isBlank()) {
            return;
        }
        List<PodTemplates.PodDependency> deps;
        try {
            deps = PodTemplates.podDependencies(json);
        } catch (IllegalArgumentException e) {
            dangling.add(new Dangling(waiter, "Pod", "DEPENDENCY_POD_JSON " + e.getMessage()));
            return;
        }
        for (PodTemplates.PodDependency d : deps) {
            boolean found = false;
            for (Map.Entry<Node, Map<String, Object>> e : podTemplates.entrySet()) {
                if (!e.getKey().equals(waiter) && d.matches(PodTemplates.podLabels(e.getValue()))) {
                    edges.add(new Edge(waiter, e.getKey(), "waits-for"));
                    found = true;
                }
            }
            if (!found) {
                dangling.add(new Dangling(waiter, "Pod", d.selector()));
            }
        }
    }

    private void link(Node waiter, String list, String kind, Map<String, Node> targets) {
        if (list == null || list.isBlank()) {
            return;
        }
        for (String raw : list.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            int colon = name.indexOf(':');
            if (colon >= 0) {
                name = name.substring(colon + 1);
            }
            Node target = targets.get(name);
            if (target == null) {
                dangling.add(new Dangling(waiter, kind, name));
            } else {
                edges.add(new Edge(waiter, target, "waits-for"));
            }
        }
    }
}
