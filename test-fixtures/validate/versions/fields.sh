#!/usr/bin/env bash
# Writes fields.txt beside this script: the first Kubernetes minor whose fabric8 kubernetes-model release has
# each field added after 1.20 (see README.md). Fetches the releases below from Maven Central into ~/.m2.
# Usage: test-fixtures/validate/versions/fields.sh [--offline]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mvn_flags=(-q -B)
[[ "${1:-}" == "--offline" ]] && mvn_flags+=(-o)

# Kubernetes minor = the first fabric8 release built from it (README.md says how this was established).
# 1.31 has none: 7.0.x is built from 1.30.0's OpenAPI, 7.1.0 from 1.32.1's. The last one is the model
# osk bundles (the root pom's fabric8.version); its fields are what the others are compared with.
releases=(1.20=5.1.0 1.21=5.4.0 1.22=5.8.0 1.23=5.12.0 1.24=6.0.0 1.25=6.2.0 1.26=6.5.0 1.27=6.8.0 1.28=6.9.0
  1.29=6.10.0 1.30=6.13.0 1.32=7.1.0 1.33=7.2.0 1.34=7.5.2)
# the modules osk bundles, and extensions (older releases keep some kinds there); a module a release lacks is skipped
modules=(core rbac apps batch policy networking autoscaling storageclass admissionregistration apiextensions
  certificates coordination discovery events flowcontrol node scheduling resource extensions)

bundled=$(sed -n 's:.*<fabric8.version>\(.*\)</fabric8.version>.*:\1:p' "$here/../../../pom.xml")
if [[ "${releases[-1]#*=}" != "$bundled" ]]; then
  echo "the newest release here (${releases[-1]}) is not the bundled model ($bundled): add it" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=()
for r in "${releases[@]}"; do
  minor=${r%%=*} version=${r#*=}
  dir="$work/$version"
  mkdir -p "$dir"
  want=("${modules[@]}")
  while :; do
    deps=""
    for m in "${want[@]}"; do
      deps+="<dependency><groupId>io.fabric8</groupId><artifactId>kubernetes-model-$m</artifactId><version>$version</version></dependency>"
    done
    cat > "$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>dev.osk.fixtures</groupId><artifactId>model-$version</artifactId><version>1</version>
<dependencies>$deps</dependencies></project>
EOF
    if out=$(mvn "${mvn_flags[@]}" -f "$dir/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dir/lib" 2>&1); then
      break
    fi
    missing=$(grep -o "io\.fabric8:kubernetes-model-[a-z]*:[a-z]*:$version" <<<"$out" | sed 's/io\.fabric8:kubernetes-model-//; s/:.*//' | sort -u || true)
    if [[ -z "$missing" ]]; then
      echo "$out" >&2
      exit 1
    fi
    echo "fabric8 $version has no module: $(echo $missing)" >&2
    keep=()
    for m in "${want[@]}"; do grep -qx "$m" <<<"$missing" || keep+=("$m"); done
    want=("${keep[@]}")
  done
  args+=("$minor=$version=$dir/lib")
done
java "$here/FieldVersions.java" "${args[@]}" > "$here/fields.txt.new"
mv "$here/fields.txt.new" "$here/fields.txt"
echo "wrote $here/fields.txt: $(grep -vc '^[#R]' "$here/fields.txt") fields" >&2
