package dev.osk.render.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * storage.k8s.io/v1 StorageClass and CSIDriver: ValidateStorageClass, ValidateCSIDriver and the functions they call
 * in pkg/apis/storage/validation/validation.go, with ValidateTopologySelectorTerm of pkg/apis/core/validation. The
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
}
