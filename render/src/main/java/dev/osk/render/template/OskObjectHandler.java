package dev.osk.render.template;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.AbstractObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Binds template names to {@link ScopeBinding}s; empty maps count as false in sections. */
final class OskObjectHandler extends AbstractObjectHandler {
    private final OskMustacheFactory factory;

    OskObjectHandler(OskMustacheFactory factory) {
        this.factory = factory;
    }

    @Override
    public Wrapper find(String name, List<Object> scopes) {
        throw new UnsupportedOperationException("osk resolves names through bindings");
    }

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
        if (name == null) {
            return scopes -> null;
        }
        return new ScopeBinding(name, factory.locate(tc, name));
    }

    @Override
    public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        if (object instanceof Map<?, ?> m && m.isEmpty()) {
            return writer;
        }
        return super.iterate(iteration, writer, object, scopes);
    }

    @Override
    public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        if (object instanceof Map<?, ?> m && m.isEmpty()) {
            return iteration.next(writer, object, scopes);
        }
        return super.falsey(iteration, writer, object, scopes);
    }

    /**
     * A null list item still gets a scope of its own ({@link #NULL_ITEM}), so that {@code {{.}}} inside the section
     * is that null and not the scope below it.
     */
    @Override
    public Object coerce(Object object) {
        Object v = super.coerce(object);
        return v == null ? NULL_ITEM : v;
    }

    /** The scope of a null list item. */
    static final Object NULL_ITEM = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    @Override
    public String stringify(Object object) {
        return ValueText.of(object);
    }
}
