package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server rejects beyond field types, for one object: its metadata (ObjectMetaRules), then the
 * rules of its kind, grouped as the server groups them, by API group: PodRules (core pod specs, with
 * SchedulingRules, EnvRules and ResourceRules; LabelSelectors are apimachinery's), CoreRules (Service,
 * PersistentVolumeClaim, ConfigMap, Secret, Namespace, Endpoints), PersistentVolumeRules, PodTemplateRules
 * (ReplicationController, PodTemplate), QuotaRules, AppsRules (with ControllerRevision), BatchRules, RbacRules, PolicyRules,
 * NetworkingRules, AutoscalingRules, StorageRules (StorageClass, CSIDriver, CSINode, VolumeAttachment), SchedulingClassRules
 * (PriorityClass, RuntimeClass), CoordinationRules (Lease), AdmissionRules (webhook configurations), NodeRules
 * (Node), CertificatesRules (CertificateSigningRequest), ApiRegistrationRules (APIService), ApiExtensionsRules
 * (CustomResourceDefinition; its schemas are validate/crd's), EventRules (Event, whose metadata rules depend on
 * the apiVersion it is sent as, so it checks its metadata itself). Each rule
 * names the function of kubernetes' pkg/apis/GROUP/validation/validation.go (or of apimachinery) that it
 * follows; test-fixtures/validate/rules.md lists them with the corpus case of each.
 */
final class ApiRules {
    /** Where a rule reports what it finds: the check, the RFC 6901 pointer of the field, a message. */
    interface Sink {
        void report(Check check, String pointer, String message);

        /** An enum the server checks with a supported-values list; an absent value is left to defaulting. */
        default void oneOf(Object v, String ptr, String... allowed) {
            if (v == null) {
                return;
            }
            for (String a : allowed) {
                if (a.equals(v)) {
                    return;
                }
            }
            report(Check.API_RULES, ptr, "unsupported value '" + v + "': must be one of " + String.join(", ", allowed));
        }

        /**
         * An enum whose empty value the server's defaulting replaces before validation (SetDefaults_* of the
         * group's v1 package), so "" is accepted as absent.
         */
        default void oneOfDefaulted(Object v, String ptr, String... allowed) {
            if (!"".equals(v)) {
                oneOf(v, ptr, allowed);
            }
        }
    }

    private ApiRules() {
    }

    static void check(Map<String, Object> obj, KubeVersion version, Sink sink) {
        String kind = String.valueOf(obj.get("kind"));
        if (kind.equals("Event")) {
            EventRules.event(obj, sink);
            return;
        }
        ObjectMetaRules.metadata(obj, kind, sink);
        switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> AppsRules.workload(obj, kind, version, sink);
            case "Job" -> BatchRules.job(obj, version, sink);
            case "CronJob" -> BatchRules.cronJob(obj, version, sink);
            case "Pod" -> PodRules.podSpec(map(obj.get("spec")), "/spec", "Pod", Set.of(), version, sink);
            case "Service" -> CoreRules.service(obj, sink);
            case "PersistentVolumeClaim" -> CoreRules.pvcSpec(map(obj.get("spec")), "/spec", sink);
            case "ConfigMap" -> CoreRules.configMap(obj, sink);
            case "LimitRange" -> QuotaRules.limitRange(obj, sink);
            case "ResourceQuota" -> QuotaRules.resourceQuota(obj, sink);
            case "Secret" -> CoreRules.secret(obj, sink);
            case "RoleBinding", "ClusterRoleBinding" -> RbacRules.binding(obj, kind, sink);
            case "Role", "ClusterRole" -> RbacRules.role(obj, kind, sink);
            case "PodDisruptionBudget" -> PolicyRules.pdb(obj, sink);
            case "Ingress" -> NetworkingRules.ingress(obj, sink);
            case "IngressClass" -> NetworkingRules.ingressClass(obj, sink);
            case "NetworkPolicy" -> NetworkingRules.networkPolicy(obj, sink);
            case "Namespace" -> CoreRules.namespace(obj, sink);
            case "Endpoints" -> CoreRules.endpoints(obj, sink);
            case "PersistentVolume" -> PersistentVolumeRules.persistentVolume(obj, version, sink);
            case "ReplicationController" -> PodTemplateRules.replicationController(obj, version, sink);
            case "PodTemplate" -> PodTemplateRules.podTemplate(obj, version, sink);
            case "HorizontalPodAutoscaler" -> AutoscalingRules.horizontalPodAutoscaler(obj, sink);
            case "StorageClass" -> StorageRules.storageClass(obj, sink);
            case "CSIDriver" -> StorageRules.csiDriver(obj, sink);
            case "PriorityClass" -> SchedulingClassRules.priorityClass(obj, sink);
            case "RuntimeClass" -> SchedulingClassRules.runtimeClass(obj, sink);
            case "Lease" -> CoordinationRules.lease(obj, sink);
            case "ValidatingWebhookConfiguration" -> AdmissionRules.webhookConfiguration(obj, false, sink);
            case "MutatingWebhookConfiguration" -> AdmissionRules.webhookConfiguration(obj, true, sink);
            case "Node" -> NodeRules.node(obj, sink);
            case "CSINode" -> StorageRules.csiNode(obj, sink);
            case "VolumeAttachment" -> StorageRules.volumeAttachment(obj, sink);
            case "ControllerRevision" -> AppsRules.controllerRevision(obj, sink);
            case "CertificateSigningRequest" -> CertificatesRules.certificateSigningRequest(obj, sink);
            case "APIService" -> ApiRegistrationRules.apiService(obj, sink);
            case "CustomResourceDefinition" -> ApiExtensionsRules.customResourceDefinition(obj, sink);
            default -> {
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : new LinkedHashMap<>();
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }
}
