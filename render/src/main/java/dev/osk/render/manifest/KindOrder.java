package dev.osk.render.manifest;

import java.util.List;
import java.util.Set;

/** Kubernetes kinds: Helm's install order, and which kinds are cluster-scoped. */
public final class KindOrder {
    /** Helm's install order; kinds not listed sort after these, alphabetically. */
    public static final List<String> INSTALL_ORDER = List.of("PriorityClass", "Namespace", "NetworkPolicy",
            "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret",
            "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
            "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
            "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet",
            "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet",
            "Job", "CronJob", "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume",
            "ClusterRole", "ClusterRoleBinding", "StorageClass", "CustomResourceDefinition", "PriorityClass",
            "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "CSIDriver", "CSINode", "RuntimeClass",
            "IngressClass", "VolumeAttachment", "ComponentStatus", "CertificateSigningRequest", "PodSecurityPolicy",
            "FlowSchema", "PriorityLevelConfiguration", "TokenReview", "SubjectAccessReview",
            "SelfSubjectAccessReview", "SelfSubjectRulesReview", "ClusterTrustBundle", "DeviceClass",
            "ResourceSlice", "StorageVersionMigration", "VolumeAttributesClass", "IPAddress", "ServiceCIDR");

    private KindOrder() {
    }

    /** Position in the install order; unknown kinds get {@code INSTALL_ORDER.size()}. */
    public static int rank(String kind) {
        int i = INSTALL_ORDER.indexOf(kind);
        return i < 0 ? INSTALL_ORDER.size() : i;
    }

    public static boolean isClusterScoped(String kind) {
        return CLUSTER_SCOPED.contains(kind);
    }
}
