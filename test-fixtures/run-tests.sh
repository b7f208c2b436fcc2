#!/usr/bin/env bash
# The whole test suite: unit, CLI and golden tests (Maven), then the end-to-end suite against a real
# kube-apiserver (test-fixtures/e2e/run-e2e.sh; the first run installs etcd and builds the server, about ten
# minutes; later runs reuse the cached binary).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify
test-fixtures/e2e/run-e2e.sh
