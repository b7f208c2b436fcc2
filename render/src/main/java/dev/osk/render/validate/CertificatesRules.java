package dev.osk.render.validate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * certificates.k8s.io/v1 CertificateSigningRequest: ValidateCertificateSigningRequestCreate and ValidateSignerName
 * in pkg/apis/certificates/validation/validation.go. The request is a []byte field: base64 the server must decode
 * ({@link GoBase64}) to a PEM block of type CERTIFICATE REQUEST holding a DER structure. The request's signature is
 * not verified here.
 */
final class CertificatesRules {
    private static final List<String> USAGES = List.of("signing", "digital signature", "content commitment",
            "key encipherment", "key agreement", "data encipherment", "cert sign", "crl sign", "encipher only",
            "decipher only", "any", "server auth", "client auth", "code signing", "email protection", "s/mime",
            "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing", "microsoft sgc",
            "netscape sgc");
    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE REQUEST-----";
    private static final String PEM_END = "-----END CERTIFICATE REQUEST-----";

    private CertificatesRules() {
    }

    /** ValidateCertificateSigningRequestCreate: the request, the usages, the signer name. */
    static void certificateSigningRequest(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        if (spec.get("request") instanceof String req) {
            request(req, sink);
        }
        List<Object> usages = ApiRules.list(spec.get("usages"));
        if (usages.isEmpty()) {
            sink.report(Check.API_RULES, "/spec/usages", "usages must be provided");
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < usages.size(); i++) {
            String p = "/spec/usages/" + i;
            sink.oneOf(usages.get(i), p, USAGES.toArray(String[]::new));
            if (!seen.add(usages.get(i))) {
                sink.report(Check.API_RULES, p, "usage '" + usages.get(i) + "' is listed twice");
            }
        }
        Object signer = spec.get("signerName");
        boolean v1 = "certificates.k8s.io/v1".equals(obj.get("apiVersion"));
        if (v1 || (signer instanceof String s && !s.isEmpty())) {
            // v1beta1 fills in an absent signer (SetDefaults_CertificateSigningRequestSpec) and takes the legacy one
            if (signer == null || signer instanceof String) {
                signerName(signer == null ? "" : (String) signer, v1, sink);
            }
        }
    }

    /** The request: base64 of a PEM block of type CERTIFICATE REQUEST whose body is a DER SEQUENCE. */
    private static void request(String req, ApiRules.Sink sink) {
        if (!GoBase64.isValid(req)) {
            sink.report(Check.SCHEMA, "/spec/request", "must be base64 (a []byte field): the server cannot decode it");
            return;
        }
        String pem = new String(Base64.getDecoder().decode(req.replace("\r", "").replace("\n", "")),
                StandardCharsets.ISO_8859_1);
        int begin = pem.indexOf(PEM_BEGIN);
        int end = pem.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            sink.report(Check.API_RULES, "/spec/request", "must hold a PEM block of type CERTIFICATE REQUEST");
            return;
        }
        String body = pem.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            der = new byte[0];
        }
        if (der.length < 2 || der[0] != 0x30) {
            sink.report(Check.API_RULES, "/spec/request", "the PEM block is not a certificate request (x509 DER)");
        }
    }

    /**
     * ValidateSignerName: required; one '/' between a domain of at least two DNS-1123 labels (at most 253
     * characters) and a path of DNS-1123 subdomains separated by '.'; at most 571 characters in all. In v1 not
     * kubernetes.io/legacy-unknown, which only v1beta1 takes (validateCertificateSigningRequestOptions'
     * allowLegacySignerName).
     */
    private static void signerName(String name, boolean v1, ApiRules.Sink sink) {
        String ptr = "/spec/signerName";
        if (name.isEmpty()) {
            sink.report(Check.API_RULES, ptr, "signerName must be provided");
            return;
        }
        if (v1 && name.equals("kubernetes.io/legacy-unknown")) {
            sink.report(Check.API_RULES, ptr, "the legacy signerName kubernetes.io/legacy-unknown is not allowed in"
                    + " certificates.k8s.io/v1");
            return;
        }
        String[] segments = name.split("/", -1);
        if (segments.length != 2) {
            sink.report(Check.API_RULES, ptr, "signerName '" + name + "' must be a fully qualified domain and path of"
                    + " the form 'example.com/signer-name'");
            return;
        }
        String[] labels = segments[0].split("\\.", -1);
        boolean ok = segments[0].length() <= 253 && labels.length >= 2;
        for (String l : labels) {
            ok &= l.length() <= 63 && Names.DNS1123_LABEL.matcher(l).matches();
        }
        for (String l : segments[1].split("\\.", -1)) {
            ok &= Names.isSubdomain(l);
        }
        if (!ok || name.length() > 571) {
            sink.report(Check.API_RULES, ptr, "signerName '" + name + "' must be a domain of at least two DNS-1123"
                    + " labels, '/', and a path of DNS-1123 subdomains separated by '.'");
        }
    }
}
