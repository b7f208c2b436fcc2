package dev.osk.render.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stable name of every pod of a StatefulSet, for clients that must list each member themselves (memcached
 * clients hash keys over the servers they are given; one Service address in front of independent caches would
 * spread one client's keys over all of them). In a values map that a config-file helper renders
 * ({@code osk.ini}, {@code osk.yaml}, {@code osk.json}, {@code osk.join}), the map
 *
 * <pre>
 * {type: statefulset-hosts, chart: memcached/server-statefulset, port: 11211}
 * </pre>
 *
 * becomes {@code memcached-0.memcached:11211,memcached-1.memcached:11211,...}: the StatefulSet that the chart at
 * {@code chart} (aliases from the top of the render, separated by {@code /}) renders gives the pod names
 * ({@code metadata.name}), the headless Service that names them ({@code spec.serviceName}) and their number
 * ({@code spec.replicas}), so the list always has exactly one entry per replica. When that chart is not part of
 * the render (a service chart rendered on its own, or the chart switched off), the text under {@code otherwise}
 * is used, and without one that is an error.
 */
public final class StatefulSetHosts {
    /** The objects the chart at a path from the top of the render renders, in template order. */
    public interface RenderedObjects {
        List<Map<String, Object>> of(String chartPath);
    }

    static final String TYPE = "statefulset-hosts";
    private static final Set<String> KEYS = Set.of("type", "chart", "port", "otherwise");

    private final RenderedObjects objects;

    public StatefulSetHosts(RenderedObjects objects) {
        this.objects = objects;
    }

    /**
     * {@code value} with every host-list map in it (at any depth) replaced by its text; the same object when it
     * holds none. {@code where} names the value in messages.
     */
    public Object expand(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            if (TYPE.equals(m.get("type"))) {
                return hosts(m, where);
            }
            Map<Object, Object> copy = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object v = e.getValue();
                Object x = expand(v, where + "." + e.getKey());
                if (x != v && copy == null) {
                    copy = new LinkedHashMap<>(m);
                }
                if (copy != null) {
                    copy.put(e.getKey(), x);
                }
            }
            return copy == null ? value : copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = null;
            for (int i = 0; i < l.size(); i++) {
                Object v = l.get(i);
                Object x = expand(v, where + "[" + i + "]");
                if (x != v && copy == null) {
                    copy = new ArrayList<>(l);
                }
                if (copy != null) {
                    copy.set(i, x);
                }
            }
            return copy == null ? value : copy;
        }
        return value;
    }

    private String hosts(Map<?, ?> spec, String where) {
        for (Object k : spec.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new Builtins.HelperException("'" + where + "': unknown key '" + k + "' in a " + TYPE
                        + " value (it takes chart, port and otherwise)");
            }
        }
        if (!(spec.get("chart") instanceof String chart) || chart.isEmpty()) {
            throw new Builtins.HelperException("'" + where + "': a " + TYPE + " value needs chart: the path of the"
                    + " chart that renders the StatefulSet, as in memcached/server-statefulset");
        }
        long port = port(spec.get("port"), where);
        Object otherwise = spec.get("otherwise");
        if (otherwise instanceof Map<?, ?> || otherwise instanceof List<?>) {
            throw new Builtins.HelperException("'" + where + "': otherwise in a " + TYPE + " value is the text to"
                    + " use when the chart is not in the render, not a map or list");
        }
        List<Map<String, Object>> rendered;
        try {
            rendered = objects.of(chart);
        } catch (Builtins.HelperException e) {
            if (otherwise != null) {
                return ValueText.of(otherwise);
            }
            throw new Builtins.HelperException("'" + where + "': " + e.getMessage());
        }
        Map<?, ?> sts = statefulSet(rendered, chart, where);
        Map<?, ?> meta = sts.get("metadata") instanceof Map<?, ?> mm ? mm : Map.of();
        Map<?, ?> stsSpec = sts.get("spec") instanceof Map<?, ?> ss ? ss : Map.of();
        Object name = meta.get("name");
        Object service = stsSpec.get("serviceName");
        if (!(name instanceof String) || !(service instanceof String) || ((String) service).isEmpty()) {
            throw new Builtins.HelperException("'" + where + "': the StatefulSet of chart '" + chart
                    + "' has no metadata.name or spec.serviceName to name its pods by");
        }
        // an absent replicas field means one pod, as the API server defaults it
        Object r = stsSpec.containsKey("replicas") ? stsSpec.get("replicas") : 1L;
        long replicas = r instanceof Number n && new BigInteger(n.toString()).bitLength() < 32 ? n.longValue() : -1;
        if (replicas < 1) {
            throw new Builtins.HelperException("'" + where + "': the StatefulSet " + name + " of chart '" + chart
                    + "' has replicas " + r + "; a host list needs at least one pod");
        }
        return list((String) name, (String) service, replicas, port);
    }

    /** {@code NAME-0.SERVICE:PORT,...,NAME-(replicas-1).SERVICE:PORT}. */
    static String list(String statefulSet, String service, long replicas, long port) {
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < replicas; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(statefulSet).append('-').append(i).append('.').append(service).append(':').append(port);
        }
        return sb.toString();
    }

    private static long port(Object p, String where) {
        if (p instanceof Long || p instanceof Integer) {
            long port = ((Number) p).longValue();
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new Builtins.HelperException("'" + where + "': a " + TYPE
                + " value needs port: a number from 1 to 65535, not "
                + (p == null ? "nothing" : "'" + ValueText.of(p) + "'"));
    }

    private static Map<?, ?> statefulSet(List<Map<String, Object>> rendered, String chart, String where) {
        Map<?, ?> found = null;
        for (Map<String, Object> o : rendered) {
            if ("StatefulSet".equals(o.get("kind"))) {
                if (found != null) {
                    throw new Builtins.HelperException("'" + where + "': chart '" + chart
                            + "' renders more than one StatefulSet; a " + TYPE
                            + " value needs a chart that renders one");
                }
                found = o;
            }
        }
        if (found == null) {
            throw new Builtins.HelperException("'" + where + "': chart '" + chart + "' renders no StatefulSet");
        }
        return found;
    }
}
