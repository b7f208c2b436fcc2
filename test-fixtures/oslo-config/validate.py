#!/usr/bin/env python3
"""Checks every oslo.config file of rendered manifests with oslo-config-validator.

    validate.py FILES ALLOWLIST LABEL=MANIFEST...

Runs where the OpenStack packages are installed (run-validator.sh runs it inside the real-node image's root
filesystem). For every ConfigMap key of every manifest: FILES (files.txt) says which option namespaces check it,
or that it is no oslo.config file; a key it does not list is a problem. Each oslo.config file is given to
oslo-config-validator --fatal-warnings with its namespaces; every option it reports (unknown, deprecated) and
every option of a keystoneauth plugin section that the plugin does not have is a problem, unless ALLOWLIST
lists it. Options given as OS_SECTION__OPTION environment variables (which oslo.config reads as options) are
checked the same way, against the namespaces of the oslo.config files their container mounts. An allowlist entry that matches nothing is a problem too (stale).

Prints one line per problem (FILE [SECTION] OPTION: what, in which ConfigMap of which render), then a summary
line; exits 0 when there is none, 1 otherwise.
"""
import configparser
import fnmatch
import re
import subprocess
import sys

import yaml
from keystoneauth1 import loading

# sections the validator skips because their options depend on the auth plugin (oslo_config.validator's
# KNOWN_BAD_GROUPS): checked here against the plugin named by the section's auth_type
PLUGIN_SECTIONS = ("keystone_authtoken",)
LINE = re.compile(r'^(ERROR|WARNING|INFO):root:(.*)$')
UNKNOWN = re.compile(r'^(\S+)/(\S+) is not part of the sample config$')
DEPRECATED = re.compile(r'^Deprecated opt (\S+)/(\S+) found$')
ENV = re.compile(r"^OS_([A-Z0-9_]+?)__([A-Z0-9_]+)$")
WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet", "Pod")
IGNORED = re.compile(r'^Ignoring missing option "([^"]+)" from group "([^"]+)"')


def read_files(path):
    """(FILE -> list of namespaces or None for files that are not oslo.config files,
        FILE -> list of (NAMES, AS) for sections named at run time)."""
    files, dynamic = {}, {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split()
            if words[0] == "@sections":
                if len(words) != 4:
                    sys.exit("%s:%d: expected @sections FILE NAMES AS" % (path, n))
                dynamic.setdefault(words[1], []).append((words[2], words[3]))
            elif len(words) < 2:
                sys.exit("%s:%d: expected FILE NAMESPACE... or FILE - REASON" % (path, n))
            else:
                files[words[0]] = None if words[1] == "-" else words[1:]
    return files, dynamic


def dynamic_sections(text, rules):
    """section -> the generator section its options belong to, for the sections the rules name."""
    sections = parse_sections(text)
    found = {}
    for names, target in rules:
        if "." in names:
            # DEFAULT.enabled_backends: each item of that list option, NAME or NAME:TYPE
            section, option = names.split(".", 1)
            items = [i.strip() for i in sections.get(section, {}).get(option, "").split(",") if i.strip()]
        else:
            items = [names]
        for item in items:
            name, _, kind = item.partition(":")
            if "=" in target:
                # TYPE=SECTION,...: the section of the item's type
                table = dict(t.split("=", 1) for t in target.split(","))
                if kind in table:
                    found[name] = table[kind]
            else:
                found[name] = target
    return {name: target for name, target in found.items() if name in sections}


def rename_sections(text, renames):
    """The file with the headers of the renamed sections changed (oslo.config merges repeated sections)."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^\[([^\]]+)\]\s*$", line)
        if m and m.group(1) in renames:
            line = "[%s]" % renames[m.group(1)]
        out.append(line)
    return "\n".join(out) + "\n"


class Entry:
    """An allowlist line: FILE SECTION OPTION RELEASE SOURCE."""

    def __init__(self, path, n, words):
        if len(words) < 5 or words[3] not in ("2024.1", "zed"):
            sys.exit("%s:%d: expected FILE SECTION OPTION 2024.1|zed SOURCE" % (path, n))
        self.where = "%s:%d" % (path, n)
        self.file, self.section, self.option, self.release = words[:4]
        self.source = " ".join(words[4:])
        self.used = False

    def matches(self, file, section, option):
        return fnmatch.fnmatchcase(file, self.file) and section == self.section and option == self.option

    def __str__(self):
        return "%s [%s] %s" % (self.file, self.section, self.option)


def read_allowlist(path):
    entries = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if line:
                entries.append(Entry(path, n, line.split()))
    return entries


def config_files(label, manifest):
    """(where, file, text) for every ConfigMap key of a manifest."""
    with open(manifest) as f:
        for doc in yaml.safe_load_all(f):
            if isinstance(doc, dict) and doc.get("kind") == "ConfigMap":
                name = doc["metadata"]["name"]
                for key, text in sorted((doc.get("data") or {}).items()):
                    yield "ConfigMap %s of %s" % (name, label), key, text


def parse_sections(text):
    """section -> {option: value} as oslo.config reads the file (no interpolation, case kept)."""
    parser = configparser.RawConfigParser(strict=False, delimiters=("=",), interpolation=None,
                                          default_section="\0none")
    parser.optionxform = str
    parser.read_string(text)
    return {s: dict(parser.items(s)) for s in parser.sections()}


def plugin_options(auth_type):
    """Option names (dest and dashed name) a keystoneauth plugin and the common auth options have."""
    opts = loading.get_auth_common_conf_options() + loading.get_auth_plugin_conf_options(auth_type)
    return {o.dest for o in opts} | {o.name for o in opts}


def validate(file, text, namespaces, rules, work):
    """(problems, rc, log): problems are (section, option, what)."""
    renames = dynamic_sections(text, rules)
    path = "%s/input.conf" % work
    with open(path, "w") as f:
        f.write(rename_sections(text, renames))
    cmd = ["oslo-config-validator", "--input-file", path, "--fatal-warnings"]
    for ns in namespaces:
        cmd += ["--namespace", ns]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    problems, ignored = [], []
    for line in run.stdout.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        level, message = m.groups()
        u, d, i = UNKNOWN.match(message), DEPRECATED.match(message), IGNORED.match(message)
        if u or d:
            section, option = (u or d).groups()
            what = "not an option of this file's namespaces" if u else "deprecated"
            # a renamed section's option: report it under the file's own section names that set it
            own = [s for s, t in renames.items() if t == section and option in parse_sections(text).get(s, {})]
            if section in parse_sections(text) and option in parse_sections(text)[section]:
                own.append(section)
            for s in sorted(set(own)) or [section]:
                problems.append((s, option, what if s == section else "%s (as [%s])" % (what, section)))
        elif i:
            ignored.append((i.group(2), i.group(1)))
    if ignored:
        sections = parse_sections(text)
        for section, option in ignored:
            auth_type = sections.get(section, {}).get("auth_type", "password")
            try:
                known = plugin_options(auth_type)
            except Exception as e:  # an unknown plugin name
                problems.append((section, "auth_type", "no keystoneauth plugin %r (%s)" % (auth_type, e)))
                continue
            if option not in known:
                problems.append((section, option,
                                 "neither a keystonemiddleware option nor one of the %s plugin's" % auth_type))
    return problems, run.returncode, run.stdout


def pod_specs(label, manifest):
    """(where, pod spec) for every workload of a manifest."""
    with open(manifest) as f:
        for doc in yaml.safe_load_all(f):
            if not isinstance(doc, dict):
                continue
            kind, spec = doc.get("kind"), doc.get("spec") or {}
            if kind == "CronJob":
                spec = (spec.get("jobTemplate") or {}).get("spec") or {}
            elif kind not in WORKLOADS:
                continue
            pod = spec if kind == "Pod" else (spec.get("template") or {}).get("spec")
            if pod:
                yield "%s %s of %s" % (kind, doc["metadata"]["name"], label), pod


def env_options(label, manifest, files, data):
    """(oslo.config files, env name, section, option, where) for every OS_SECTION__OPTION variable of a
    container that mounts oslo.config files from a ConfigMap (oslo.config reads those variables as options)."""
    for where, pod in pod_specs(label, manifest):
        maps = {v["name"]: v["configMap"]["name"] for v in pod.get("volumes") or [] if v.get("configMap")}
        for c in (pod.get("initContainers") or []) + (pod.get("containers") or []):
            mounted = []
            for m in c.get("volumeMounts") or []:
                cm = maps.get(m["name"])
                if cm is None:
                    continue
                keys = [m["subPath"]] if m.get("subPath") else sorted(data.get(cm, {}))
                mounted += [(cm, k) for k in keys if files.get(k)]
            for e in c.get("env") or []:
                m = ENV.match(e["name"])
                if m:
                    section = "DEFAULT" if m.group(1) == "DEFAULT" else m.group(1).lower()
                    yield mounted, e["name"], section, m.group(2).lower(), "container %s of %s" % (c["name"], where)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    (files, dynamic), allowlist = read_files(argv[1]), read_allowlist(argv[2])
    work = "/tmp"
    renders = [a.split("=", 1) for a in argv[3:]]
    problems = []
    counts = {"files": 0, "env": 0, "runs": 0}
    cache = {}
    seen = {}

    def run(file, text, namespaces, rules):
        key = (tuple(namespaces), text, tuple(rules))
        if key not in cache:
            cache[key] = validate(file, text, namespaces, rules, work)
            counts["runs"] += 1
        return cache[key]

    def report(names, section, option, what, where):
        entry = next((e for e in allowlist for n in names if e.matches(n, section, option)), None)
        if entry is not None and entry.release == "2024.1" and what.startswith("not an option"):
            entry.used = True
            return
        line = "%s [%s] %s: %s" % ("+".join(names), section, option, what)
        if entry is not None:
            line += " (%s lists it as an option of %s only)" % (entry.where, entry.release)
        if line not in seen:
            seen[line] = []
            problems.append(line)
        if where not in seen[line]:
            seen[line].append(where)

    # 1. the files
    for label, manifest in renders:
        data = {}
        for where, file, text in config_files(label, manifest):
            data.setdefault(where.split()[1], {})[file] = text
            if file not in files:
                problems.append("%s (%s): not listed in %s; add its namespaces there, or mark it - REASON when it "
                                "is no oslo.config file" % (file, where, argv[1]))
                continue
            namespaces = files[file]
            if namespaces is None:
                continue
            counts["files"] += 1
            found, rc, log = run(file, text, namespaces, dynamic.get(file, []))
            for section, option, what in found:
                report([file], section, option, what, where)
            if rc != 0 and not found:
                problems.append("%s (%s): oslo-config-validator failed: %s"
                                % (file, where, " | ".join(log.strip().splitlines()[-3:])))
            # options Zed has and 2024.1 does not: present in the file and accepted
            sections = parse_sections(text)
            for entry in allowlist:
                if entry.release == "zed" and fnmatch.fnmatchcase(file, entry.file) \
                        and entry.option in sections.get(entry.section, {}) \
                        and (entry.section, entry.option) not in {(s, o) for s, o, _ in found}:
                    entry.used = True

        # 2. options from the environment, checked against the namespaces of the files the container mounts:
        # one validator run per set of files, with every variable those containers set
        groups = {}
        for mounted, name, section, option, where in env_options(label, manifest, files, data):
            counts["env"] += 1
            if not mounted:
                problems.append("%s (%s): sets an oslo.config option but mounts no oslo.config file, so which "
                                "service reads it is unknown" % (name, where))
                continue
            groups.setdefault(tuple(mounted), {}).setdefault((section, option), []).append((name, where))
        for mounted, options in sorted(groups.items()):
            names = sorted({k for _, k in mounted})
            namespaces = []
            for k in names:
                namespaces += [n for n in files[k] if n not in namespaces]
            texts = [parse_sections(data[cm][k]) for cm, k in mounted]
            rules = [r for k in names for r in dynamic.get(k, [])]
            lines = []
            # the options that name the run-time sections, as the files set them
            for names_option, _ in rules:
                section, _, option = names_option.partition(".")
                value = next((t[section][option] for t in texts if option in t.get(section, {})), None)
                if option and value is not None and (section, option) not in options:
                    lines += ["[%s]" % section, "%s = %s" % (option, value)]
            for section in sorted({s for s, _ in options}):
                lines.append("[%s]" % section)
                # the plugin sections' auth_type, as the files set it
                for t in texts:
                    if "auth_type" in t.get(section, {}) and (section, "auth_type") not in options:
                        lines.append("auth_type = %s" % t[section]["auth_type"])
                        break
                lines += ["%s = x" % o for s, o in sorted(options) if s == section]
            found, rc, log = run("+".join(names), "\n".join(lines) + "\n", namespaces, rules)
            for section, option, what in found:
                for name, where in options.get((section, option), []):
                    report(names, section, option, "%s (environment %s)" % (what, name), where)
            if rc != 0 and not found:
                problems.append("environment of %s: oslo-config-validator failed: %s"
                                % (", ".join(names), " | ".join(log.strip().splitlines()[-3:])))

    for entry in allowlist:
        if not entry.used:
            problems.append("%s: allowlist entry %s (%s only) matches nothing any more; remove it"
                            % (entry.where, entry, entry.release))
    for line in problems:
        print("FAILED " + line + ("; in " + ", ".join(seen[line]) if line in seen else ""))
    print("%d oslo.config files and %d options from the environment checked in %d renders (%d validator runs) "
          "against the installed option registries: %d problems, %d allowlist entries used"
          % (counts["files"], counts["env"], len(renders), counts["runs"], len(problems),
             sum(1 for e in allowlist if e.used)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
