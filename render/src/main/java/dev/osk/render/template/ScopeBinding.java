package dev.osk.render.template;

import com.github.mustachejava.Binding;
import dev.osk.render.Location;
import dev.osk.render.values.ValueOrigin;
import dev.osk.render.values.ValuePath;
import dev.osk.render.values.Values;
import java.util.List;

/**
 * Resolves one name of a template against the scope stack: enclosing section items first, then the scope
 * ladder. A whole dotted path is looked up in each scope in turn (not segment by segment), and a name that no
 * scope holds is an error at the template's file, line and column, unless it ends with {@code ?}.
 */
final class ScopeBinding implements Binding {
    private final String name;
    private final List<String> path;
    private final boolean optional;
    private final boolean builtin;
    private final Location location;

    ScopeBinding(String rawName, Location location) {
        this.optional = rawName.endsWith("?");
        this.name = optional ? rawName.substring(0, rawName.length() - 1) : rawName;
        this.path = ValuePath.parse(name);
        this.builtin = path.size() > 1 && path.get(0).equals("osk");
        this.location = location;
    }

    @Override
    public Object get(List<Object> scopes) {
        if (builtin) {
            ScopeLadder ladder = ladder(scopes);
            if (ladder != null) {
                Object v;
                try {
                    v = ladder.builtins().resolve(path.subList(1, path.size()), p -> lookup(scopes, p));
                } catch (Builtins.HelperException e) {
                    throw new MissingValueException(location, e.getMessage());
                }
                if (v != Values.ABSENT) {
                    return v;
                }
                if (optional) {
                    return null;
                }
                throw new MissingValueException(location, "unknown helper '" + name + "'");
            }
        }
        Object v = lookup(scopes, path);
        if (v != Values.ABSENT) {
            return v;
        }
        if (optional) {
            return null;
        }
        ScopeLadder ladder = ladder(scopes);
        String where = ladder == null ? "" : " (looked in " + ladder.describe()
                + (scopes.size() > 1 ? ", after the enclosing sections" : "") + ")";
        throw new MissingValueException(location, "no value for '" + name + "'" + where);
    }

    private static ScopeLadder ladder(List<Object> scopes) {
        for (Object s : scopes) {
            if (s instanceof ScopeLadder l) {
                return l;
            }
        }
        return null;
    }

    /**
     * Where the value {@code rawName} resolves to was set, when it comes from the scope ladder of a render that
     * tracks origins; null otherwise (untracked, a builtin, or an enclosing section item holds it).
     */
    static ValueOrigin origin(List<Object> scopes, String rawName) {
        ScopeLadder ladder = ladder(scopes);
        if (ladder == null || !ladder.tracksOrigins()) {
            return null;
        }
        String name = rawName.endsWith("?") ? rawName.substring(0, rawName.length() - 1) : rawName;
        List<String> path = ValuePath.parse(name);
        if (path.size() > 1 && path.get(0).equals("osk")) {
            return null;
        }
        for (int i = scopes.size() - 1; i >= 0; i--) {
            Object s = scopes.get(i);
            if (s instanceof ScopeLadder l) {
                return l.originOf(path);
            }
            if (Values.lookup(s, path) != Values.ABSENT) {
                return null;
            }
        }
        return null;
    }

    static Object lookup(List<Object> scopes, List<String> path) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            Object s = scopes.get(i);
            Object v = s instanceof ScopeLadder l ? l.lookup(path) : Values.lookup(s, path);
            if (v != Values.ABSENT) {
                return v;
            }
        }
        return Values.ABSENT;
    }
}
