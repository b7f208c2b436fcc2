package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.Map;
import java.util.Set;

/** batch: Job and CronJob. ValidateJobSpec, ValidateCronJobSpec in pkg/apis/batch/validation/validation.go. */
final class BatchRules {
    private BatchRules() {
    }

    static void job(Map<String, Object> obj, KubeVersion version, ApiRules.Sink sink) {
        jobSpec(ApiRules.map(obj.get("spec")), "/spec", version, sink);
    }

    /**
     * validateJobSpec: parallelism, completions, activeDeadlineSeconds, backoffLimit not negative;
     * ttlSecondsAfterFinished not negative from 1.21 (before, TTLAfterFinished is off by default and the
     * server drops the field); the pod template (restartPolicy OnFailure or Never).
     */
    private static void jobSpec(Map<String, Object> spec, String ptr, KubeVersion version, ApiRules.Sink sink) {
        for (String field : new String[] {"parallelism", "completions", "activeDeadlineSeconds", "backoffLimit"}) {
            Amounts.nonNegative(spec.get(field), ptr + "/" + field, sink);
        }
        if (version.atLeast(new KubeVersion(1, 21))) {
            Amounts.nonNegative(spec.get("ttlSecondsAfterFinished"), ptr + "/ttlSecondsAfterFinished", sink);
        }
        if (spec.get("template") == null) {
            sink.report(Check.SCHEMA, ptr + "/template", "required field is missing: template");
            return;
        }
        Map<String, Object> template = ApiRules.map(spec.get("template"));
        ObjectMetaRules.labels(ApiRules.map(template.get("metadata")).get("labels"), ptr + "/template/metadata/labels",
                sink);
        ObjectMetaRules.annotations(ApiRules.map(template.get("metadata")).get("annotations"),
                ptr + "/template/metadata/annotations", sink);
        PodRules.podSpec(ApiRules.map(template.get("spec")), ptr + "/template/spec", "Job", Set.of(), version, sink);
    }

    /**
     * ValidateCronJob: the name at most 52 characters (validateCronJobName... in ValidateCronJob), and
     * ValidateCronJobSpec: schedule (validateScheduleFormat, see CronSchedule), startingDeadlineSeconds,
     * concurrencyPolicy, successfulJobsHistoryLimit and failedJobsHistoryLimit not negative, the job template.
     */
    static void cronJob(Map<String, Object> obj, KubeVersion version, ApiRules.Sink sink) {
        Object name = ApiRules.map(obj.get("metadata")).get("name");
        if (name instanceof String n && n.length() > 52) {
            sink.report(Check.API_RULES, "/metadata/name", "a CronJob name may be at most 52 characters (its Jobs add"
                    + " 11), not " + n.length());
        }
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        if (spec.get("schedule") == null) {
            sink.report(Check.SCHEMA, "/spec/schedule", "required field is missing: schedule");
        } else if (spec.get("schedule") instanceof String schedule) {
            CronSchedule.error(schedule).ifPresent(e -> sink.report(Check.API_RULES, "/spec/schedule",
                    "schedule '" + schedule + "' is not a valid cron schedule: " + e));
        }
        for (String field : new String[] {"startingDeadlineSeconds", "successfulJobsHistoryLimit",
                "failedJobsHistoryLimit"}) {
            Amounts.nonNegative(spec.get(field), "/spec/" + field, sink);
        }
        sink.oneOfDefaulted(spec.get("concurrencyPolicy"), "/spec/concurrencyPolicy", "Allow", "Forbid", "Replace");
        if (spec.get("jobTemplate") == null) {
            sink.report(Check.SCHEMA, "/spec/jobTemplate", "required field is missing: jobTemplate");
            return;
        }
        jobSpec(ApiRules.map(ApiRules.map(spec.get("jobTemplate")).get("spec")), "/spec/jobTemplate/spec", version,
                sink);
    }
}
