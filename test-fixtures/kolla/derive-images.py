#!/usr/bin/env python3
"""Writes images-2024.1.txt: the images Kolla builds, read from a git clone of openstack/kolla.

    derive-images.py KOLLA_GIT BRANCH KOLLA_ANSIBLE_GIT BRANCH > images-2024.1.txt

An image is a folder of docker/ with a Dockerfile.j2, named by the folder's last part (as kolla/image/
kolla_worker.py names it). It is a parent when another image's Dockerfile.j2 starts FROM it; a parent that
kolla-ansible deploys nowhere (no ansible/roles/*/defaults/main.yml names it after docker_namespace) is
not deployable. Images kolla/image/unbuildable.py lists for ubuntu, and their children, are marked too.
"""
import ast
import posixpath
import re
import subprocess
import sys


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def main(kolla, branch, ansible, ansible_branch):
    commit = git(kolla, "rev-parse", branch).strip()
    ansible_commit = git(ansible, "rev-parse", ansible_branch).strip()
    files = [f for f in git(kolla, "ls-tree", "-r", "--name-only", branch, "docker/").splitlines()
             if f.endswith("/Dockerfile.j2")]
    parent_of = {}
    for f in files:
        name = f.split("/")[-2]
        text = git(kolla, "show", f"{branch}:{f}")
        if "\n" not in text.strip() and text.strip().endswith("Dockerfile.j2"):
            # a symbolic link to another image's template (rabbitmq-4-1 -> ../rabbitmq/Dockerfile.j2)
            text = git(kolla, "show", f"{branch}:" + posixpath.normpath(posixpath.join(posixpath.dirname(f), text.strip())))
        m = re.search(r"^FROM .*\}\}([a-z0-9-]+):", text, re.M)
        parent_of[name] = m.group(1) if m else None
    parents = {p for p in parent_of.values() if p}
    deployed = set()
    for line in git(ansible, "grep", "-h", "docker_namespace }}/", ansible_branch, "--", "ansible/roles").splitlines():
        m = re.search(r"docker_namespace \}\}/([a-z0-9-]+)", line)
        if m:
            deployed.add(m.group(1))
    src = git(kolla, "show", f"{branch}:kolla/image/unbuildable.py")
    unbuildable = ast.literal_eval(src[src.index("{"):src.rindex("}") + 1])["ubuntu"]

    def ancestors(n):
        while n:
            yield n
            n = parent_of.get(n)

    print("# The images Kolla 2024.1 builds, one a line: NAME KIND [NOTE]")
    print(f"# Source: openstack/kolla, branch {branch},")
    print(f"#   commit {commit}:")
    print("#   every folder of docker/ with a Dockerfile.j2, named by the folder's last part (kolla/image/")
    print("#   kolla_worker.py: image_name = os.path.basename(path); canonical name NAMESPACE/NAME:TAG, with no")
    print("#   distro or install type in the name).")
    print("# KIND: deployable, or parent: another image is built FROM it and kolla-ansible deploys it nowhere")
    print(f"#   (openstack/kolla-ansible, branch {ansible_branch},")
    print(f"#   commit {ansible_commit}:")
    print("#   the image names after docker_namespace in ansible/roles/*).")
    print("# NOTE unbuildable-ubuntu: listed for ubuntu in kolla/image/unbuildable.py, or built FROM one that is.")
    print(f"# Written by derive-images.py beside this file: {len(parent_of)} images.")
    for name in sorted(parent_of):
        kind = "parent" if name in parents and name not in deployed else "deployable"
        note = " unbuildable-ubuntu" if any(a in unbuildable for a in ancestors(name)) else ""
        print(f"{name} {kind}{note}")


if __name__ == "__main__":
    main(*sys.argv[1:5])
