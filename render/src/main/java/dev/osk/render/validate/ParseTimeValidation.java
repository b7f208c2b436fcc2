package dev.osk.render.validate;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.validate.crd.CrdSchemas;
import java.util.List;
import java.util.Map;

/**
 * Validation of a render while it is parsed, for a render that is only written out when valid: each object is
 * checked on its own as soon as it is parsed, on the core that parsed it, so that all but the parts the checks
 * across the set read ({@link #retained}) can go before the next one is parsed; the set is checked at the end.
 * It says only whether the render is clean: at the first finding it stops ({@link Unclean}), and the caller
 * validates the whole render with {@link Validator} for the findings, their locations and their order.
 */
public final class ParseTimeValidation {
    /** Thrown at the first finding: the render is not clean. */
    public static final class Unclean extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unclean() {
            super("the render has findings", null, false, false);
        }
    }

    private static final Unclean UNCLEAN = new Unclean();

    private final Validator validator = new Validator();
    private final ValidationOptions options;
    private final CrdSchemas outside;

    public ParseTimeValidation(ValidationOptions options) {
        this.options = options;
        this.outside = CrdSchemas.of(options.definitions().stream().map(Manifest::object).toList());
    }

    /**
     * Checks {@code m} on its own (any core may call this): true when it must be kept whole for the end (a
     * definition, a custom resource, a kind no built-in type describes), false when it was found clean.
     *
     * @throws Unclean when it has a finding
     */
    public boolean keepWhole(Manifest m) {
        Boolean clean = validator.cleanAlone(m, options, outside);
        if (clean == null) {
            return true;
        }
        if (!clean) {
            throw UNCLEAN;
        }
        return false;
    }

    /**
     * Checks the set (in output order) once every object has been through {@link #keepWhole}: the report of a
     * clean render, with its notes.
     *
     * @throws Unclean when it has a finding
     */
    public ValidationReport finish(List<Manifest> manifests) {
        List<String> notes = validator.cleanSet(manifests, options);
        if (notes == null) {
            throw UNCLEAN;
        }
        return new ValidationReport(manifests.size(), List.of(), notes);
    }

    /** The parts of an object the checks across a set read, and its name in output (see {@link Manifest#written}). */
    public static Map<String, Object> retained(Map<String, Object> obj) {
        return CrossChecks.retained(obj);
    }
}
