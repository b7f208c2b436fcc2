package dev.osk.render.diff;

/**
 * One field that differs inside a changed object: {@code add} (only the new object has it), {@code remove} (only
 * the old one), {@code replace} (both, with different values). The JSON pointer points into the new object,
 * except for a removal, which points into the old one. A redacted change (a Secret's data) carries no values.
 */
public record FieldChange(Op op, String path, Object oldValue, Object newValue, boolean redacted) {
    public enum Op {
        ADD("add"), REMOVE("remove"), REPLACE("replace");

        private final String id;

        Op(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
