package dev.osk.render.diff;

import java.util.List;
import java.util.Map;

/**
 * What happened to one object: added, removed, or changed. {@code description} names it as osk does everywhere
 * ({@code apps/v1 Deployment openstack/keystone-api}, with the new apiVersion when both sides have it). For a
 * changed object, {@code oldObject} and {@code newObject} are the two versions as compared (ignored fields left
 * out, Secret values hidden unless asked for, maps in one shared key order), and {@code fields} lists what
 * differs; for an added or removed object they are null and empty.
 */
public record Change(Type type, ObjectKey key, String apiVersion, String description, List<FieldChange> fields,
        Map<String, Object> oldObject, Map<String, Object> newObject) {

    public enum Type {
        ADDED("added", '+'), REMOVED("removed", '-'), CHANGED("changed", '~');

        private final String id;
        private final char sign;

        Type(String id, char sign) {
            this.id = id;
            this.sign = sign;
        }

        public String id() {
            return id;
        }

        /** The mark before the object in text output. */
        public char sign() {
            return sign;
        }
    }
}
