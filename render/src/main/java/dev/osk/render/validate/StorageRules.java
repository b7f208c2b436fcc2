package dev.osk.render.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * storage.k8s.io/v1 StorageClass, CSIDriver, CSINode and VolumeAttachment: ValidateStorageClass, ValidateCSIDriver,
 * ValidateCSINode, ValidateVolumeAttachment and the functions they call in
 * pkg/apis/storage/validation/validation.go, with ValidateTopologySelectorTerm of pkg/apis/core/validation. The
 * server's SetDefaults_StorageClass and SetDefaults_CSIDriver (pkg/apis/storage/v1) fill an absent reclaimPolicy
 * (Delete), volumeBindingMode (Immediate), attachRequired, podInfoOnMount, fsGroupPolicy and volumeLifecycleModes
 * before validation.
 */
final class StorageRules {
    private StorageRules() {
    }

    /**
     * ValidateStorageClass: validateProvisioner (required, a qualified name once lower-cased), validateParameters
     * (no empty key, 256 KiB in all), validateReclaimPolicy (Delete or Retain, "" left alone),
     * validateVolumeBindingMode (Immediate or WaitForFirstConsumer), validateAllowedTopologies.
     */
    static void storageClass(Map<String, Object> obj, ApiRules.Sink sink) {
        if (obj.get("provisioner") instanceof String p) {
            if (p.isEmpty()) {
                sink.report(Check.API_RULES, "/provisioner", "provisioner is required");
            } else {
                ObjectMetaRules.qualifiedKey(p.toLowerCase(java.util.Locale.ROOT), "/provisioner", "provisioner", sink);
            }
        }
        if (obj.get("parameters") instanceof Map<?, ?> params) {
            long size = 0;
            for (Map.Entry<?, ?> e : params.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.isEmpty()) {
                    sink.report(Check.API_RULES, "/parameters", "a parameter key can not be empty");
                }
                size += k.length() + String.valueOf(e.getValue()).length();
            }
            if (size > 256 * 1024) {
                sink.report(Check.API_RULES, "/parameters", "parameters total " + size + " bytes, more than 262144");
            }
        }
        sink.oneOfDefaulted(obj.get("reclaimPolicy"), "/reclaimPolicy", "Delete", "Retain");
        sink.oneOf(obj.get("volumeBindingMode"), "/volumeBindingMode", "Immediate", "WaitForFirstConsumer");
        allowedTopologies(ApiRules.list(obj.get("allowedTopologies")), "/allowedTopologies", sink);
    }

    /**
     * validateCSIDriverSpec: validateFSGroupPolicy (ReadWriteOnceWithFSType, File or None; "" is refused) and
     * validateVolumeLifecycleModes (each Persistent or Ephemeral). A 1.20 server takes a name of more than 63
     * characters (only the DNS-1123 subdomain of every object's metadata), so none is checked here.
     */
    static void csiDriver(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        sink.oneOf(spec.get("fsGroupPolicy"), "/spec/fsGroupPolicy", "File", "None", "ReadWriteOnceWithFSType");
        List<Object> modes = ApiRules.list(spec.get("volumeLifecycleModes"));
        for (int i = 0; i < modes.size(); i++) {
            sink.oneOf(modes.get(i), "/spec/volumeLifecycleModes/" + i, "Persistent", "Ephemeral");
        }
    }

    /**
     * validateAllowedTopologies: each term valid (ValidateTopologySelectorTerm) and no term twice. The server
     * compares each term with a list that starts with as many empty terms as there are terms, so a term without
     * expressions always counts as a duplicate.
     */
    private static void allowedTopologies(List<Object> terms, String ptr, ApiRules.Sink sink) {
        List<Map<String, Set<String>>> seen = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            seen.add(Map.of());
        }
        for (int i = 0; i < terms.size(); i++) {
            String p = ptr + "/" + i;
            Map<String, Set<String>> term = topologySelectorTerm(ApiRules.map(terms.get(i)), p, sink);
            if (seen.contains(term)) {
                sink.report(Check.API_RULES, p + "/matchLabelExpressions", "duplicate topology term");
            }
            seen.add(term);
        }
    }

    /**
     * ValidateTopologySelectorTerm (core validation): each requirement's key a qualified name given once in the
     * term, its values required and unique. Returns the term as key to values.
     */
    static Map<String, Set<String>> topologySelectorTerm(Map<String, Object> term, String ptr, ApiRules.Sink sink) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        List<Object> exprs = ApiRules.list(term.get("matchLabelExpressions"));
        for (int i = 0; i < exprs.size(); i++) {
            Map<String, Object> r = ApiRules.map(exprs.get(i));
            String p = ptr + "/matchLabelExpressions/" + i;
            LabelSelectors.key(r.get("key"), p + "/key", sink);
            List<Object> values = ApiRules.list(r.get("values"));
            if (values.isEmpty()) {
                sink.report(Check.API_RULES, p + "/values", "at least one value is required");
            }
            Set<String> set = new HashSet<>();
            for (int j = 0; j < values.size(); j++) {
                if (!set.add(String.valueOf(values.get(j)))) {
                    sink.report(Check.API_RULES, p + "/values/" + j, "duplicate value '" + values.get(j) + "'");
                }
            }
            String key = String.valueOf(r.get("key"));
            if (out.containsKey(key)) {
                sink.report(Check.API_RULES, p + "/key", "duplicate key '" + key + "' in the term");
            }
            out.put(key, set);
        }
        return out;
    }

    /** The length limit of a CSINode driver's nodeID (csiNodeIDMaxLength). */
    private static final int NODE_ID_MAX = 192;

    /**
     * ValidateCSINode's validateCSINodeDrivers: each driver's name a CSI driver name, given once; its nodeID
     * required and at most 192 characters; its topology keys qualified names, each once; allocatable.count
     * not negative.
     */
    static void csiNode(Map<String, Object> obj, ApiRules.Sink sink) {
        List<Object> drivers = ApiRules.list(ApiRules.map(obj.get("spec")).get("drivers"));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < drivers.size(); i++) {
            Map<String, Object> d = ApiRules.map(drivers.get(i));
            String p = "/spec/drivers/" + i;
            String name = d.get("name") instanceof String n ? n : "";
            csiDriverName(name, p + "/name", sink);
            if (!names.add(name)) {
                sink.report(Check.API_RULES, p + "/name", "driver '" + name + "' is listed twice");
            }
            String nodeId = d.get("nodeID") instanceof String n ? n : "";
            if (nodeId.isEmpty()) {
                sink.report(Check.API_RULES, p + "/nodeID", "nodeID is required");
            } else if (nodeId.length() > NODE_ID_MAX) {
                sink.report(Check.API_RULES, p + "/nodeID", "nodeID must be at most " + NODE_ID_MAX + " characters");
            }
            List<Object> keys = ApiRules.list(d.get("topologyKeys"));
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < keys.size(); k++) {
                String key = String.valueOf(keys.get(k));
                String kp = p + "/topologyKeys/" + k;
                if (key.isEmpty()) {
                    sink.report(Check.API_RULES, kp, "a topology key can not be empty");
                } else if (!seen.add(key)) {
                    sink.report(Check.API_RULES, kp, "topology key '" + key + "' is listed twice");
                } else {
                    ObjectMetaRules.qualifiedKey(key, kp, "topology key", sink);
                }
            }
            if (ApiRules.map(d.get("allocatable")).get("count") instanceof Number c && c.longValue() < 0) {
                sink.report(Check.API_RULES, p + "/allocatable/count", "must be greater than or equal to 0");
            }
        }
    }

    /**
     * ValidateVolumeAttachment: the attacher a CSI driver name, the node name a DNS-1123 subdomain, and
     * exactly one source: a persistentVolumeName (a DNS-1123 subdomain) or an inlineVolumeSpec (a CSI volume).
     */
    static void volumeAttachment(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        csiDriverName(spec.get("attacher") instanceof String a ? a : "", "/spec/attacher", sink);
        if (spec.get("nodeName") instanceof String n) {
            Names.subdomain(n, "/spec/nodeName", "node name", sink);
        }
        Map<String, Object> source = ApiRules.map(spec.get("source"));
        Object pv = source.get("persistentVolumeName");
        boolean inline = source.get("inlineVolumeSpec") != null;
        if ((pv == null) == !inline) {
            sink.report(Check.API_RULES, "/spec/source", "must specify exactly one of inlineVolumeSpec and"
                    + " persistentVolumeName");
        } else if (inline) {
            inlineVolumeSpec(ApiRules.map(source.get("inlineVolumeSpec")), "/spec/source/inlineVolumeSpec", sink);
        } else if (pv instanceof String name) {
            if (name.isEmpty()) {
                sink.report(Check.API_RULES, "/spec/source/persistentVolumeName",
                        "must specify a non-empty persistentVolumeName");
            } else {
                Names.subdomain(name, "/spec/source/persistentVolumeName", "persistentVolumeName", sink);
            }
        }
    }

    /**
     * ValidatePersistentVolumeSpec of an inline volume (validateInlinePersistentVolumeSpec): a csi source, no
     * other, no capacity and no claimRef; access modes required and known.
     */
    private static void inlineVolumeSpec(Map<String, Object> spec, String ptr, ApiRules.Sink sink) {
        List<Object> modes = ApiRules.list(spec.get("accessModes"));
        if (modes.isEmpty()) {
            sink.report(Check.API_RULES, ptr + "/accessModes", "at least one access mode is required");
        }
        for (int i = 0; i < modes.size(); i++) {
            sink.oneOf(modes.get(i), ptr + "/accessModes/" + i, "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce");
        }
        for (String f : List.of("capacity", "claimRef")) {
            if (spec.get(f) != null) {
                sink.report(Check.API_RULES, ptr + "/" + f, f + " may not be specified for an inline volume");
            }
        }
        if (spec.get("csi") == null) {
            sink.report(Check.API_RULES, ptr + "/csi", "an inline volume needs a csi source");
        } else {
            for (String other : PersistentVolumeRules.SOURCES) {
                if (!other.equals("csi") && spec.containsKey(other)) {
                    sink.report(Check.API_RULES, ptr + "/" + other, "may not specify more than 1 volume type");
                }
            }
        }
    }

    /** validateCSIDriverName: required, at most 63 characters, a DNS-1123 subdomain once lower-cased. */
    private static void csiDriverName(String name, String ptr, ApiRules.Sink sink) {
        if (name.isEmpty()) {
            sink.report(Check.API_RULES, ptr, "a CSI driver name is required");
        } else if (name.length() > 63) {
            sink.report(Check.API_RULES, ptr, "CSI driver name '" + name + "' must be at most 63 characters");
        } else {
            Names.subdomain(name.toLowerCase(java.util.Locale.ROOT), ptr, "CSI driver name", sink);
        }
    }
}
