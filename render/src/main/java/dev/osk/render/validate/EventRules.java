package dev.osk.render.validate;

import java.util.Map;

/**
 * Event, core v1 and events.k8s.io (v1beta1, v1): ValidateEventCreate in pkg/apis/core/validation/events.go, and the
 * decoding of its MicroTimes before it. The rules depend on the apiVersion the Event is sent as: every version gets
 * legacyValidateEvent; only events.k8s.io/v1 gets the strict rules (its metadata, series, type, and no deprecated
 * field). The events.k8s.io versions name the fields differently: regarding (involvedObject), note (message),
 * reportingController (v1's reportingComponent), deprecatedSource, deprecatedFirstTimestamp,
 * deprecatedLastTimestamp and deprecatedCount.
 *
 * <p>The server compares involvedObject.namespace with the namespace the Event goes to. An Event that names its
 * namespace is checked against it; one that does not is taken to go to a namespace that is neither default nor
 * kube-system, and an involvedObject namespace that it names is not compared.
 */
final class EventRules {
    private static final int REPORTING_INSTANCE_LENGTH_LIMIT = 128;
    private static final int ACTION_LENGTH_LIMIT = 128;
    private static final int REASON_LENGTH_LIMIT = 128;
    private static final int NOTE_LENGTH_LIMIT = 1024;

    private EventRules() {
    }

    /**
     * ValidateEventCreate: legacyValidateEvent for every version; for events.k8s.io/v1 also ValidateObjectMeta
     * (NameIsDNSSubdomain), validateV1EventSeries, a type of Normal or Warning and the deprecated fields unset. The
     * other versions' names are only checked as path segments (rest.BeforeCreate's ValidateObjectMetaAccessor).
     */
    static void event(Map<String, Object> obj, ApiRules.Sink sink) {
        boolean core = "v1".equals(obj.get("apiVersion"));
        boolean strict = "events.k8s.io/v1".equals(obj.get("apiVersion"));
        if (strict) {
            ObjectMetaRules.metadata(obj, "Event", sink);
        } else {
            ObjectMetaRules.metadataWithPathSegmentName(obj, sink);
        }
        microTime(obj.get("eventTime"), "/eventTime", sink);
        Map<String, Object> series = ApiRules.map(obj.get("series"));
        microTime(series.get("lastObservedTime"), "/series/lastObservedTime", sink);
        legacy(obj, core, sink);
        if (strict) {
            v1Event(obj, sink);
        }
    }

    /**
     * legacyValidateEvent: an Event without eventTime is in its involvedObject's namespace (default or none when
     * the object has none); one with an eventTime names a namespaced involvedObject's namespace (unless it is in
     * default or kube-system) and has a reportingController (a qualified name), a reportingInstance, an action and a
     * reason, the last three and the message of limited length.
     */
    private static void legacy(Map<String, Object> obj, boolean core, ApiRules.Sink sink) {
        String regarding = core ? "involvedObject" : "regarding";
        Object ns = ApiRules.map(obj.get("metadata")).get("namespace");
        String namespace = ns instanceof String s ? s : null;
        String involved = text(ApiRules.map(obj.get(regarding)).get("namespace"));
        String ptr = "/" + regarding + "/namespace";
        if (obj.get("eventTime") == null) {
            // an unknown namespace (null) counts as neither none nor default
            boolean mismatch = involved.isEmpty() ? !"".equals(namespace) && !"default".equals(namespace)
                    : namespace != null && !namespace.equals(involved);
            if (mismatch) {
                sink.report(Check.API_RULES, ptr, "an Event without eventTime must be in the namespace of its "
                        + regarding + " ('" + involved + "'; default when it has none)");
            }
            return;
        }
        if (involved.isEmpty() && !"default".equals(namespace) && !"kube-system".equals(namespace)) {
            sink.report(Check.API_RULES, ptr, regarding + " needs a namespace: an Event with an eventTime about an"
                    + " object without namespace must be in namespace default or kube-system");
        }
        String controllerField = core ? "reportingComponent" : "reportingController";
        String controller = text(obj.get(controllerField));
        if (controller.isEmpty()) {
            sink.report(Check.API_RULES, "/" + controllerField, "required: an Event with an eventTime names its "
                    + controllerField);
        } else {
            ObjectMetaRules.qualifiedKey(controller, "/" + controllerField, controllerField, sink);
        }
        required(obj, "reportingInstance", REPORTING_INSTANCE_LENGTH_LIMIT, sink);
        required(obj, "action", ACTION_LENGTH_LIMIT, sink);
        required(obj, "reason", REASON_LENGTH_LIMIT, sink);
        String noteField = core ? "message" : "note";
        String note = text(obj.get(noteField));
        if (note.length() > NOTE_LENGTH_LIMIT) {
            sink.report(Check.API_RULES, "/" + noteField, noteField + " has " + note.length()
                    + " characters, more than the " + NOTE_LENGTH_LIMIT + " allowed");
        }
    }

    /**
     * The strict part of ValidateEventCreate (events.k8s.io/v1): validateV1EventSeries (a series counts at least
     * 2), type Normal or Warning, and deprecatedFirstTimestamp, deprecatedLastTimestamp, deprecatedCount and
     * deprecatedSource unset.
     */
    private static void v1Event(Map<String, Object> obj, ApiRules.Sink sink) {
        if (obj.get("series") instanceof Map<?, ?> series && series.get("count") instanceof Number n
                && n.longValue() < 2) {
            sink.report(Check.API_RULES, "/series/count", "series count " + n + " should be at least 2");
        }
        Object type = obj.get("type");
        if (!"Normal".equals(type) && !"Warning".equals(type)) {
            sink.report(Check.API_RULES, "/type", "type '" + text(type) + "' must be Normal or Warning");
        }
        for (String field : new String[] {"deprecatedFirstTimestamp", "deprecatedLastTimestamp"}) {
            if (obj.get(field) != null) {
                sink.report(Check.API_RULES, "/" + field, field + " needs to be unset");
            }
        }
        if (obj.get("deprecatedCount") instanceof Number n && n.longValue() != 0) {
            sink.report(Check.API_RULES, "/deprecatedCount", "deprecatedCount needs to be unset");
        }
        Map<String, Object> source = ApiRules.map(obj.get("deprecatedSource"));
        if (!text(source.get("component")).isEmpty() || !text(source.get("host")).isEmpty()) {
            sink.report(Check.API_RULES, "/deprecatedSource", "deprecatedSource needs to be unset");
        }
    }

    /** A field legacyValidateEvent requires of an Event with an eventTime, at most {@code limit} characters. */
    private static void required(Map<String, Object> obj, String field, int limit, ApiRules.Sink sink) {
        String v = text(obj.get(field));
        if (v.isEmpty()) {
            sink.report(Check.API_RULES, "/" + field, "required: an Event with an eventTime names its " + field);
        } else if (v.length() > limit) {
            sink.report(Check.API_RULES, "/" + field, field + " has " + v.length() + " characters, more than the "
                    + limit + " allowed");
        }
    }

    /** metav1.MicroTime.UnmarshalJSON: RFC 3339 with exactly six fractional digits (RFC3339Micro), or null. */
    private static void microTime(Object v, String ptr, ApiRules.Sink sink) {
        if (v instanceof String s && !CoordinationRules.microTime(s)) {
            sink.report(Check.SCHEMA, ptr, "'" + s + "' is not a time as 2006-01-02T15:04:05.000000Z07:00 (six"
                    + " fractional digits)");
        }
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }
}
