package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.Map;

/**
 * Which Kubernetes version serves which apiVersion of a kind, for the API versions whose availability changed
 * (source: the Kubernetes "Deprecated API Migration Guide",
 * https://kubernetes.io/docs/reference/using-api/deprecation-guide/, and each API's release notes).
 * Versions not listed are served by every version the bundled model knows.
 */
final class ApiSurface {
    /** First and last (inclusive) minor versions of 1.x that serve {@code group/version kind}; 0 = unbounded. */
    private record Window(int since, int until) {
    }

    private static final Map<String, Window> WINDOWS = Map.ofEntries(
            Map.entry("batch/v1 CronJob", new Window(21, 0)),
            Map.entry("batch/v1beta1 CronJob", new Window(0, 24)),
            Map.entry("policy/v1 PodDisruptionBudget", new Window(21, 0)),
            Map.entry("policy/v1beta1 PodDisruptionBudget", new Window(0, 24)),
            Map.entry("policy/v1beta1 PodSecurityPolicy", new Window(0, 24)),
            Map.entry("policy/v1 Eviction", new Window(22, 0)),
            Map.entry("discovery.k8s.io/v1 EndpointSlice", new Window(21, 0)),
            Map.entry("discovery.k8s.io/v1beta1 EndpointSlice", new Window(0, 24)),
            Map.entry("events.k8s.io/v1 Event", new Window(19, 0)),
            Map.entry("events.k8s.io/v1beta1 Event", new Window(0, 24)),
            Map.entry("networking.k8s.io/v1 Ingress", new Window(19, 0)),
            Map.entry("networking.k8s.io/v1 IngressClass", new Window(19, 0)),
            Map.entry("networking.k8s.io/v1beta1 Ingress", new Window(0, 21)),
            Map.entry("networking.k8s.io/v1beta1 IngressClass", new Window(0, 21)),
            Map.entry("extensions/v1beta1 Ingress", new Window(0, 21)),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", new Window(23, 0)),
            Map.entry("autoscaling/v2beta1 HorizontalPodAutoscaler", new Window(0, 24)),
            Map.entry("autoscaling/v2beta2 HorizontalPodAutoscaler", new Window(0, 25)),
            Map.entry("rbac.authorization.k8s.io/v1beta1 Role", new Window(0, 21)),
            Map.entry("rbac.authorization.k8s.io/v1beta1 RoleBinding", new Window(0, 21)),
            Map.entry("rbac.authorization.k8s.io/v1beta1 ClusterRole", new Window(0, 21)),
            Map.entry("rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding", new Window(0, 21)),
            Map.entry("apiextensions.k8s.io/v1beta1 CustomResourceDefinition", new Window(0, 21)),
            Map.entry("admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration", new Window(0, 21)),
            Map.entry("admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration", new Window(0, 21)),
            Map.entry("admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy", new Window(30, 0)),
            Map.entry("admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding", new Window(30, 0)),
            Map.entry("storage.k8s.io/v1beta1 CSIDriver", new Window(0, 21)),
            Map.entry("storage.k8s.io/v1beta1 CSINode", new Window(0, 21)),
            Map.entry("storage.k8s.io/v1beta1 StorageClass", new Window(0, 21)),
            Map.entry("storage.k8s.io/v1beta1 VolumeAttachment", new Window(0, 21)),
            Map.entry("storage.k8s.io/v1beta1 CSIStorageCapacity", new Window(0, 26)),
            Map.entry("storage.k8s.io/v1 CSIStorageCapacity", new Window(24, 0)),
            Map.entry("scheduling.k8s.io/v1beta1 PriorityClass", new Window(0, 21)),
            Map.entry("coordination.k8s.io/v1beta1 Lease", new Window(0, 21)),
            Map.entry("certificates.k8s.io/v1 CertificateSigningRequest", new Window(19, 0)),
            Map.entry("certificates.k8s.io/v1beta1 CertificateSigningRequest", new Window(0, 21)),
            Map.entry("node.k8s.io/v1 RuntimeClass", new Window(20, 0)),
            Map.entry("node.k8s.io/v1beta1 RuntimeClass", new Window(0, 24)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1 FlowSchema", new Window(29, 0)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration", new Window(29, 0)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema", new Window(0, 25)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration", new Window(0, 25)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema", new Window(0, 28)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta2 PriorityLevelConfiguration", new Window(0, 28)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema", new Window(26, 31)),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration", new Window(26, 31)),
            Map.entry("resource.k8s.io/v1 ResourceClaim", new Window(34, 0)),
            Map.entry("resource.k8s.io/v1 ResourceClaimTemplate", new Window(34, 0)),
            Map.entry("resource.k8s.io/v1 DeviceClass", new Window(34, 0)),
            Map.entry("resource.k8s.io/v1 ResourceSlice", new Window(34, 0)),
            Map.entry("apps/v1beta1 Deployment", new Window(0, 15)),
            Map.entry("apps/v1beta2 Deployment", new Window(0, 15)),
            Map.entry("extensions/v1beta1 Deployment", new Window(0, 15)),
            Map.entry("extensions/v1beta1 DaemonSet", new Window(0, 15)),
            Map.entry("extensions/v1beta1 ReplicaSet", new Window(0, 15)),
            Map.entry("extensions/v1beta1 NetworkPolicy", new Window(0, 15)),
            Map.entry("extensions/v1beta1 PodSecurityPolicy", new Window(0, 15)),
            Map.entry("apps/v1beta1 StatefulSet", new Window(0, 15)),
            Map.entry("apps/v1beta2 StatefulSet", new Window(0, 15)),
            Map.entry("apps/v1beta2 DaemonSet", new Window(0, 15)),
            Map.entry("apps/v1beta2 ReplicaSet", new Window(0, 15)));

    private ApiSurface() {
    }

    /** Null when {@code apiVersion kind} is served by {@code v}, else the reason it is not. */
    static String unavailable(String apiVersion, String kind, KubeVersion v) {
        Window w = WINDOWS.get(apiVersion + " " + kind);
        if (w == null || v.major() != 1) {
            return null;
        }
        if (w.since() > 0 && v.minor() < w.since()) {
            return apiVersion + " " + kind + " is served from Kubernetes 1." + w.since() + " on, not by " + v;
        }
        if (w.until() > 0 && v.minor() > w.until()) {
            return apiVersion + " " + kind + " was removed in Kubernetes 1." + (w.until() + 1) + " (target " + v + ")";
        }
        return null;
    }

    /** True when the table knows {@code apiVersion kind} (so it is a real API even if the model lacks it). */
    static boolean known(String apiVersion, String kind) {
        return WINDOWS.containsKey(apiVersion + " " + kind);
    }
}
