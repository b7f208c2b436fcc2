package dev.osk.render.validate;

import java.util.Locale;

/** The kinds of check osk validate runs; the render-wide ones can be downgraded to warnings. */
public enum Check {
    /** Field names and types against the Kubernetes API types; required fields; kind and apiVersion. */
    SCHEMA(false),
    /** What the API server rejects beyond the schema: names, labels, enums, ports, quantities, selectors... */
    API_RULES(false),
    /** ConfigMaps, Secrets, ServiceAccounts and PVCs that pods use exist in the same set. */
    REFERENCES(true),
    /** Every Service selects the pods of some workload in the set. */
    SERVICE_SELECTORS(true),
    /** Every kubernetes-entrypoint dependency names an object of the set. */
    DEPENDENCIES(true),
    /** No two objects share kind, namespace and name. */
    DUPLICATES(true);

    private final boolean renderWide;

    Check(boolean renderWide) {
        this.renderWide = renderWide;
    }

    /** True for checks across the whole set (the ones {@code --warn-only} may downgrade). */
    public boolean renderWide() {
        return renderWide;
    }

    /** The name used on the command line and in reports: {@code api-rules}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Check parse(String id) {
        for (Check c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new dev.osk.render.InvalidRequestException("unknown check '" + id
                + "'; legal values: schema, api-rules, references, service-selectors, dependencies, duplicates");
    }
}
