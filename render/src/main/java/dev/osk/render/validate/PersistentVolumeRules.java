package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * core/v1 PersistentVolume: ValidatePersistentVolume and ValidatePersistentVolumeSpec in
 * pkg/apis/core/validation/validation.go. SetDefaults_PersistentVolume (pkg/apis/core/v1) fills an empty
 * persistentVolumeReclaimPolicy (Retain) and an absent volumeMode (Filesystem) before validation.
 */
final class PersistentVolumeRules {
    /** The volume sources a PersistentVolumeSpec may hold, exactly one of them. */
    static final List<String> SOURCES = List.of("gcePersistentDisk", "awsElasticBlockStore", "hostPath",
            "glusterfs", "nfs", "rbd", "quobyte", "cinder", "cephfs", "fc", "flocker", "flexVolume", "azureFile",
            "vsphereVolume", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "local", "storageos",
            "csi", "iscsi");
    /** ReadWriteOncePod is accepted by default from 1.27 (ReadWriteOncePod feature gate beta). */
    private static final KubeVersion READ_WRITE_ONCE_POD = new KubeVersion(1, 27);

    private PersistentVolumeRules() {
    }

    /**
     * ValidatePersistentVolumeSpec: access modes required and known, capacity only storage and greater than
     * zero, the reclaim policy and volumeMode known, the class name a DNS-1123 subdomain, exactly one volume
     * source (nfs: server and an absolute path; hostPath and local: a path; local needs nodeAffinity), and
     * validateVolumeNodeAffinity.
     */
    static void persistentVolume(Map<String, Object> obj, KubeVersion version, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        List<Object> modes = ApiRules.list(spec.get("accessModes"));
        if (modes.isEmpty()) {
            sink.report(Check.API_RULES, "/spec/accessModes", "at least one access mode is required");
        }
        List<String> known = new ArrayList<>(List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce"));
        if (version.atLeast(READ_WRITE_ONCE_POD)) {
            known.add("ReadWriteOncePod");
        }
        for (int i = 0; i < modes.size(); i++) {
            sink.oneOf(modes.get(i), "/spec/accessModes/" + i, known.toArray(String[]::new));
        }
        capacity(ApiRules.map(spec.get("capacity")), sink);
        sink.oneOfDefaulted(spec.get("persistentVolumeReclaimPolicy"), "/spec/persistentVolumeReclaimPolicy",
                "Delete", "Recycle", "Retain");
        if (spec.get("storageClassName") instanceof String cls && !cls.isEmpty()) {
            Names.subdomain(cls, "/spec/storageClassName", "storageClassName", sink);
        }
        sink.oneOf(spec.get("volumeMode"), "/spec/volumeMode", "Block", "Filesystem");
        List<String> sources = SOURCES.stream().filter(spec::containsKey).toList();
        if (sources.isEmpty()) {
            sink.report(Check.API_RULES, "/spec", "must specify a volume type");
        } else if (sources.size() > 1) {
            sink.report(Check.API_RULES, "/spec/" + sources.get(1), "may not specify more than 1 volume type");
        }
        Map<String, Object> nfs = ApiRules.map(spec.get("nfs"));
        if ("".equals(nfs.get("server"))) {
            sink.report(Check.API_RULES, "/spec/nfs/server", "an NFS server is required");
        }
        if (nfs.get("path") instanceof String path && !path.startsWith("/")) {
            sink.report(Check.API_RULES, "/spec/nfs/path", "path '" + path + "' must be an absolute path");
        }
        for (String s : new String[] {"hostPath", "local"}) {
            if (spec.get(s) instanceof Map<?, ?> m && "".equals(m.get("path"))) {
                sink.report(Check.API_RULES, "/spec/" + s + "/path", "a path is required");
            }
        }
        if (spec.containsKey("local") && spec.get("nodeAffinity") == null) {
            sink.report(Check.API_RULES, "/spec/nodeAffinity", "a local volume requires node affinity");
        }
        if (spec.get("nodeAffinity") instanceof Map<?, ?> na) {
            if (!(na.get("required") instanceof Map<?, ?>)) {
                sink.report(Check.API_RULES, "/spec/nodeAffinity/required", "must specify required node constraints");
            } else {
                SchedulingRules.nodeSelector(ApiRules.map(na.get("required")), "/spec/nodeAffinity/required", sink);
            }
        }
    }

    /** The capacity: required, only storage, a quantity greater than zero. */
    private static void capacity(Map<String, Object> capacity, ApiRules.Sink sink) {
        if (capacity.isEmpty()) {
            sink.report(Check.API_RULES, "/spec/capacity", "a capacity with storage is required");
        }
        for (Map.Entry<String, Object> e : capacity.entrySet()) {
            String p = "/spec/capacity/" + Names.pointerToken(e.getKey());
            BigDecimal q = Quantities.value(e.getValue());
            if (!e.getKey().equals("storage")) {
                sink.report(Check.API_RULES, p, "unsupported capacity '" + e.getKey() + "': only storage");
            } else if (q != null && q.signum() <= 0) {
                sink.report(Check.API_RULES, p, "storage capacity " + e.getValue() + " must be greater than zero");
            }
        }
    }
}
