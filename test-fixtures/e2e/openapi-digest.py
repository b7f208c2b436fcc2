#!/usr/bin/env python3
"""Digest of a kube-apiserver's OpenAPI v2 document (GET /openapi/v2) for osk's Kubernetes model.

Reads the JSON document on stdin and prints, sorted so that two digests of the same server are equal:
  G group/version/Kind DEFINITION   the definition of each kind the server serves
  D DEFINITION                      each definition with properties, then one line per property:
   NAME REF [required]              REF is the definition the property holds (a:DEF for a list of them,
                                    m:DEF for a map of them) or - for anything else; "required" when the
                                    definition lists the property as required
KubeSchemaGenerator (render tests) reads the digest to mark in kube-schema.txt which fields this version has
and which it requires.
"""
import json
import sys

REF = "#/definitions/"


def ref(prop):
    if "$ref" in prop:
        return prop["$ref"][len(REF):]
    if prop.get("type") == "array" and "$ref" in prop.get("items", {}):
        return "a:" + prop["items"]["$ref"][len(REF):]
    extra = prop.get("additionalProperties")
    if prop.get("type") == "object" and isinstance(extra, dict) and "$ref" in extra:
        return "m:" + extra["$ref"][len(REF):]
    return "-"


def main():
    doc = json.load(sys.stdin)
    print("# kube-apiserver %s, GET /openapi/v2, digested by test-fixtures/e2e/openapi-digest.py" % doc["info"]["version"])
    defs = doc["definitions"]
    kinds = []
    for name, d in defs.items():
        for gvk in d.get("x-kubernetes-group-version-kind", []):
            group = gvk["group"]
            api = (group + "/" if group else "") + gvk["version"]
            kinds.append("G %s/%s %s" % (api, gvk["kind"], name))
    for line in sorted(kinds):
        print(line)
    for name in sorted(defs):
        props = defs[name].get("properties")
        if not props:
            continue
        required = set(defs[name].get("required", []))
        print("D " + name)
        for p in sorted(props):
            print(" %s %s%s" % (p, ref(props[p]), " required" if p in required else ""))


if __name__ == "__main__":
    main()
