package dev.osk.render.template;

/**
 * A helper used as a section, {@code {{#osk.base64}}...{{/osk.base64}}}: it receives the rendered body and
 * returns a string value, which is inserted YAML-safely like {@code {{name}}}.
 */
@FunctionalInterface
public interface SectionHelper {
    String apply(String renderedBody);
}
