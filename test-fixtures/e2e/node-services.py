#!/usr/bin/env python3
"""Cluster services of the real node (kube-node.sh) that Debian does not package: DNS records and volumes.

  node-services.py KUBECONFIG HOSTS_FILE VOLUMES_DIR

Every second it lists Services, Endpoints and PersistentVolumeClaims and:
- writes HOSTS_FILE (read by dnsmasq through --hostsdir) with the records cluster DNS serves:
    NAME.NAMESPACE.svc.cluster.local        the ClusterIP, or for a headless Service every ready endpoint address
    HOST.NAME.NAMESPACE.svc.cluster.local   each endpoint address that has a hostname (StatefulSet pods whose
                                            serviceName is a headless Service: mariadb-server-0.mariadb-discovery)
  (dnsmasq answers the reverse lookups of the same records);
- provisions a hostPath PersistentVolume under VOLUMES_DIR for every Pending claim that has none, bound to that
  claim, with the claim's size, access modes and storage class (what a local-path provisioner does).

It reads the kubeconfig that kube-node.sh writes (server, certificate-authority, token) and stops with its
parent's SIGTERM.
"""
import json
import os
import re
import ssl
import sys
import time
import urllib.error
import urllib.request

DOMAIN = "cluster.local"


class Api:
    def __init__(self, kubeconfig):
        text = open(kubeconfig).read()
        self.server = re.search(r"server: (\S+)", text).group(1)
        self.token = re.search(r"token: (\S+)", text).group(1)
        self.ctx = ssl.create_default_context(cafile=re.search(r"certificate-authority: (\S+)", text).group(1))

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.server + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + self.token,
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, context=self.ctx, timeout=10) as resp:
            return json.load(resp)


def records(services, endpoints):
    eps = {(e["metadata"]["namespace"], e["metadata"]["name"]): e for e in endpoints}
    lines = []
    for s in services:
        ns, name = s["metadata"]["namespace"], s["metadata"]["name"]
        fqdn = "%s.%s.svc.%s" % (name, ns, DOMAIN)
        ip = s["spec"].get("clusterIP")
        if ip and ip != "None":
            lines.append("%s %s" % (ip, fqdn))
        for subset in (eps.get((ns, name)) or {}).get("subsets") or []:
            for a in subset.get("addresses") or []:
                if not ip or ip == "None":
                    lines.append("%s %s" % (a["ip"], fqdn))
                if a.get("hostname"):
                    lines.append("%s %s.%s" % (a["ip"], a["hostname"], fqdn))
    return "".join(sorted(set(line + "\n" for line in lines)))


def provision(api, claims, volumes_dir):
    for c in claims:
        if c.get("status", {}).get("phase") != "Pending" or c["spec"].get("volumeName"):
            continue
        ns, name = c["metadata"]["namespace"], c["metadata"]["name"]
        pv = "osk-%s-%s" % (ns, name)
        path = os.path.join(volumes_dir, "%s-%s" % (ns, name))
        os.makedirs(path, exist_ok=True)
        spec = {
            "capacity": {"storage": c["spec"].get("resources", {}).get("requests", {}).get("storage", "1Gi")},
            "accessModes": c["spec"].get("accessModes") or ["ReadWriteOnce"],
            "persistentVolumeReclaimPolicy": "Delete",
            "hostPath": {"path": path, "type": "DirectoryOrCreate"},
            "claimRef": {"namespace": ns, "name": name, "uid": c["metadata"]["uid"]},
        }
        if c["spec"].get("storageClassName"):
            spec["storageClassName"] = c["spec"]["storageClassName"]
        if c["spec"].get("volumeMode"):
            spec["volumeMode"] = c["spec"]["volumeMode"]
        try:
            api.call("POST", "/api/v1/persistentvolumes",
                     {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": pv}, "spec": spec})
            print("provisioned %s for %s/%s at %s" % (pv, ns, name, path), flush=True)
        except urllib.error.HTTPError as e:
            if e.code != 409:
                print("could not provision %s: %s" % (pv, e), flush=True)


def main(kubeconfig, hosts_file, volumes_dir):
    api = Api(kubeconfig)
    last = None
    while True:
        try:
            services = api.call("GET", "/api/v1/services")["items"]
            endpoints = api.call("GET", "/api/v1/endpoints")["items"]
            text = records(services, endpoints)
            if text != last:
                tmp = hosts_file + ".tmp"
                with open(tmp, "w") as f:
                    f.write(text)
                os.rename(tmp, hosts_file)
                last = text
            provision(api, api.call("GET", "/api/v1/persistentvolumeclaims")["items"], volumes_dir)
        except (OSError, ValueError, KeyError) as e:
            print("node-services: %s" % e, flush=True)
        time.sleep(1)


if __name__ == "__main__":
    main(*sys.argv[1:4])
