#!/usr/bin/python3
"""A stand-in for kubernetes-entrypoint (used by the real-node suite's images, where the real one cannot be had).

It honours the contract the charts rely on: it waits until every dependency named in the environment is met,
checking every few seconds, then runs COMMAND (if set) in its place and exits with its status.

  NAMESPACE, POD_NAME      this pod (downward API)
  DEPENDENCY_SERVICE       comma-separated Services ("name" or "namespace:name"): met when its Endpoints have a
                           ready address
  DEPENDENCY_JOBS          comma-separated Jobs: met when the Job has succeeded at least once
  DEPENDENCY_JOBS_JSON     [{"labels": {...}}]: met when every Job with those labels has succeeded (and one exists)
  DEPENDENCY_DAEMONSET     comma-separated DaemonSets: as dependencies/daemonset/daemonset.go has it, the first of
                           the DaemonSet's pods on this pod's host (status.hostIP) decides: met when it is Ready,
                           unmet when not, and met when the DaemonSet has no pod on this host at all (the DaemonSet
                           itself must exist)
  DEPENDENCY_CONTAINER     comma-separated containers of this pod: met when each is ready
  DEPENDENCY_POD_JSON      [{"labels": {...}, "namespace": ..., "requireSameNode": bool}]: as dependencies/pod/pod.go
                           has it, met when one pod with those labels (on this pod's host when requireSameNode) is
                           Ready, unmet while there is none; a value that is not such JSON is dropped, as
                           util/env/env.go drops it
  COMMAND                  what to run once everything is met (split on spaces)

Ready means the pod's Ready condition is True, as the real one reads it. It talks to the API server with the pod's
service account, as the real one does (ENTRYPOINT_CREDENTIALS names another folder with token and ca.crt, and
ENTRYPOINT_API another server address, for the suite that runs it outside a pod).
"""
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

SA = os.environ.get("ENTRYPOINT_CREDENTIALS", "/var/run/secrets/kubernetes.io/serviceaccount")
INTERVAL = float(os.environ.get("ENTRYPOINT_INTERVAL", "2"))


def log(msg):
    print("Entrypoint: " + msg, flush=True)


class Api:
    def __init__(self):
        if os.environ.get("ENTRYPOINT_API"):
            self.base = os.environ["ENTRYPOINT_API"]
        else:
            host = os.environ["KUBERNETES_SERVICE_HOST"]
            port = os.environ.get("KUBERNETES_SERVICE_PORT", "443")
            if ":" in host:
                host = "[" + host + "]"
            self.base = "https://%s:%s" % (host, port)
        self.ctx = ssl.create_default_context(cafile=SA + "/ca.crt")
        with open(SA + "/token") as f:
            self.token = f.read().strip()

    def get(self, path, query=None):
        url = self.base + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        req = urllib.request.Request(url, headers={"Authorization": "Bearer " + self.token})
        try:
            with urllib.request.urlopen(req, context=self.ctx, timeout=10) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return None
            raise


def split(value, namespace):
    for item in filter(None, (s.strip() for s in value.split(","))):
        ns, _, name = item.rpartition(":")
        yield (ns or namespace), name


def selector(labels):
    return ",".join("%s=%s" % kv for kv in sorted(labels.items()))


def ready(pod):
    return any(c.get("type") == "Ready" and c.get("status") == "True"
               for c in pod.get("status", {}).get("conditions", []))


def service_met(api, ns, name):
    ep = api.get("/api/v1/namespaces/%s/endpoints/%s" % (ns, name))
    return bool(ep) and any(s.get("addresses") for s in ep.get("subsets") or [])


def job_met(api, ns, name):
    job = api.get("/apis/batch/v1/namespaces/%s/jobs/%s" % (ns, name))
    return bool(job) and (job.get("status", {}).get("succeeded") or 0) >= 1


def jobs_json_met(api, ns, spec):
    jobs = api.get("/apis/batch/v1/namespaces/%s/jobs" % ns, {"labelSelector": selector(spec.get("labels", {}))})
    items = (jobs or {}).get("items", [])
    return bool(items) and all((j.get("status", {}).get("succeeded") or 0) >= 1 for j in items)


def my_pod(api, ns):
    return api.get("/api/v1/namespaces/%s/pods/%s" % (ns, os.environ["POD_NAME"]))


def host_ip(pod):
    return (pod or {}).get("status", {}).get("hostIP")


def daemonset_met(api, ns, name, me):
    ds = api.get("/apis/apps/v1/namespaces/%s/daemonsets/%s" % (ns, name))
    if not ds:
        return False
    labels = ds["spec"]["selector"].get("matchLabels", {})
    pods = api.get("/api/v1/namespaces/%s/pods" % ns, {"labelSelector": selector(labels)})["items"]
    for pod in pods:
        if host_ip(pod) != host_ip(me):
            continue
        return ready(pod)
    return True


def container_met(me, name):
    return any(c.get("name") == name and c.get("ready") for c in me.get("status", {}).get("containerStatuses", []))


def pods_json_met(api, ns, spec, me):
    pods = api.get("/api/v1/namespaces/%s/pods" % (spec.get("namespace") or ns),
                   {"labelSelector": selector(spec.get("labels") or {})})["items"]
    return any(ready(p) for p in pods if not spec.get("requireSameNode") or host_ip(p) == host_ip(me))


def pod_specs(value):
    """DEPENDENCY_POD_JSON as util/env/env.go reads it: a list of objects, or nothing at all."""
    try:
        specs = json.loads(value or "[]")
    except ValueError:
        log("Invalid format: " + value)
        return []
    if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
        log("Invalid format: " + value)
        return []
    return specs


def dependencies(ns):
    env = os.environ.get
    for dns, name in split(env("DEPENDENCY_SERVICE", ""), ns):
        yield "Service %s in namespace %s" % (name, dns), lambda api, me, dns=dns, name=name: service_met(api, dns, name)
    for dns, name in split(env("DEPENDENCY_JOBS", ""), ns):
        yield "Job %s in namespace %s" % (name, dns), lambda api, me, dns=dns, name=name: job_met(api, dns, name)
    for spec in json.loads(env("DEPENDENCY_JOBS_JSON") or "[]"):
        yield "Jobs with labels %s" % spec.get("labels"), lambda api, me, spec=spec: jobs_json_met(api, ns, spec)
    for dns, name in split(env("DEPENDENCY_DAEMONSET", ""), ns):
        yield ("DaemonSet %s in namespace %s" % (name, dns),
               lambda api, me, dns=dns, name=name: daemonset_met(api, dns, name, me))
    for _, name in split(env("DEPENDENCY_CONTAINER", ""), ns):
        yield "Container %s" % name, lambda api, me, name=name: container_met(me, name)
    for spec in pod_specs(env("DEPENDENCY_POD_JSON")):
        yield "Pods with labels %s" % spec.get("labels"), lambda api, me, spec=spec: pods_json_met(api, ns, spec, me)


def main():
    ns = os.environ.get("NAMESPACE") or open(SA + "/namespace").read().strip()
    pending = list(dependencies(ns))
    if pending:
        api = Api()
        for what, _ in pending:
            log("Resolving dependency " + what)
    while pending:
        try:
            me = my_pod(api, ns) or {}
            still = []
            for what, met in pending:
                if met(api, me):
                    log("Dependency " + what + " is resolved.")
                else:
                    still.append((what, met))
            pending = still
        except (OSError, ValueError, KeyError) as e:
            log("Error talking to the API server: %s" % e)
        if pending:
            time.sleep(INTERVAL)
    command = os.environ.get("COMMAND", "").split()
    if command:
        os.execvp(command[0], command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
