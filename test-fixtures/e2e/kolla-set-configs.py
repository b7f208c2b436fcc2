#!/usr/bin/python3
"""A stand-in for Kolla's kolla_set_configs, in the real-node suite's Debian-built images.

Kolla images start their service through kolla_set_configs, which reads a JSON file (KOLLA_CONFIG_FILE, default
/var/lib/kolla/config_files/config.json) and
- copies each of its "config_files" ({"source", "dest", "owner", "perm", "optional"}; a source may be a glob or a
  folder) into place, when KOLLA_CONFIG_STRATEGY is COPY_ALWAYS, or COPY_ONCE and they were not copied before;
- applies each of its "permissions" ({"path", "owner", "perm", "recurse"}): owner is "user" or "user:group";
- writes its "command" to /run_command, which kolla_start runs.
Charts that rely on it run unchanged on these images. It exits 0 when done and 1 with a message on a bad file.
"""
import glob
import grp
import json
import os
import pwd
import shutil
import sys

CONFIG = os.environ.get("KOLLA_CONFIG_FILE", "/var/lib/kolla/config_files/config.json")
DONE = "/configured"


def ids(owner):
    user, _, group = owner.partition(":")
    uid = pwd.getpwnam(user).pw_uid
    gid = grp.getgrnam(group).gr_gid if group else pwd.getpwnam(user).pw_gid
    return uid, gid


def apply(path, owner=None, perm=None):
    if owner:
        os.lchown(path, *ids(owner))
    if perm and not os.path.islink(path):
        os.chmod(path, int(perm, 8))


def copy(entry):
    sources = glob.glob(entry["source"])
    if not sources:
        if entry.get("optional"):
            return
        raise ValueError("%s: no such file, and the entry is not optional" % entry["source"])
    dest = entry["dest"]
    for src in sources:
        target = os.path.join(dest, os.path.basename(src)) if dest.endswith("/") or len(sources) > 1 else dest
        os.makedirs(os.path.dirname(target) or "/", exist_ok=True)
        if os.path.isdir(src):
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(src, target, symlinks=True)
        else:
            if os.path.lexists(target) and not os.path.isdir(target):
                os.remove(target)
            shutil.copy(src, target)
        apply(target, entry.get("owner"), entry.get("perm"))


def main():
    try:
        with open(CONFIG) as f:
            config = json.load(f)
    except (OSError, ValueError) as e:
        print("kolla_set_configs: cannot read %s: %s" % (CONFIG, e), file=sys.stderr)
        return 1
    if "--check" in sys.argv[1:]:
        return 0
    strategy = os.environ.get("KOLLA_CONFIG_STRATEGY", "COPY_ALWAYS")
    try:
        if strategy == "COPY_ALWAYS" or not os.path.exists(DONE):
            for entry in config.get("config_files", []):
                copy(entry)
        for p in config.get("permissions", []):
            paths = [p["path"]]
            if p.get("recurse") and os.path.isdir(p["path"]):
                for top, dirs, files in os.walk(p["path"]):
                    paths += [os.path.join(top, n) for n in dirs + files]
            for path in paths:
                if os.path.lexists(path):
                    apply(path, p.get("owner"), p.get("perm"))
        if "command" in config:
            with open("/run_command", "w") as f:
                f.write(config["command"])
        if strategy == "COPY_ONCE":
            open(DONE, "w").close()
    except (OSError, KeyError, ValueError) as e:
        print("kolla_set_configs: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
