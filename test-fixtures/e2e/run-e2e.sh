#!/usr/bin/env bash
# End-to-end suite against a real kube-apiserver (see kube-apiserver.sh):
#   1. every kit with every overlay, rendered for Kubernetes 1.20, passes kubectl apply --dry-run=server
#      --validate=strict;
#   2. osk apply of the all-in-one kit into a fresh namespace creates every object, a second apply changes
#      nothing, and kubectl diff against a fresh render is empty;
#   3. osk validate --kube-version 1.20 agrees with the server on every file of the validation corpus
#      (schema and API-rule findings against the server's verdict; the server's verdicts are written to
#      $OSK_E2E_REPORT, default target/e2e-verdicts.tsv, and must match the verdicts recorded in
#      test-fixtures/validate/server-verdicts-1.20.tsv).
# Prints one line per check and a closing "N passed, N failed" line; exits 1 when any check failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE="$ROOT/test-fixtures/e2e"
REPORT=${OSK_E2E_REPORT:-$ROOT/target/e2e-verdicts.tsv}
PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "ok     $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAILED $*"; }

"$HERE/kube-apiserver.sh" install || { echo "0 passed, 1 failed"; exit 1; }
RUN=$(mktemp -d)
cleanup() { "$HERE/kube-apiserver.sh" stop "$RUN"; rm -rf "$RUN"; }
trap cleanup EXIT
"$HERE/kube-apiserver.sh" start "$RUN" || { echo "0 passed, 1 failed"; exit 1; }
export KUBECONFIG="$RUN/kubeconfig"
echo "server: $(kubectl get --raw /version | grep gitVersion | tr -d ' ",')"

# 1. dry-run=server with strict validation, every kit x overlay, for Kubernetes 1.20
kubectl create namespace e2e-dry >/dev/null
for kit in control-plane compute-node openstack; do
  for overlay in values/*.yaml; do
    name="dry-run=server $kit with $(basename "$overlay")"
    # the passwords of test-fixtures/passwords: every overlay but values/aio.yaml needs real ones
    if ! ./osk render "charts/kits/$kit" -f "$overlay" -f test-fixtures/passwords/kit-passwords.yaml --kube-version 1.20 -n e2e-dry > "$RUN/render.yaml" 2> "$RUN/err"; then
      fail "$name: osk render failed: $(head -3 "$RUN/err")"
      continue
    fi
    if kubectl apply --dry-run=server --validate=strict -f "$RUN/render.yaml" > "$RUN/out" 2>&1; then
      ok "$name ($(grep -c '^# Source:' "$RUN/render.yaml") objects)"
    else
      fail "$name: $(grep -v 'created (server dry run)\|configured (server dry run)' "$RUN/out" | head -5)"
    fi
  done
done

# 2. a real apply of the all-in-one kit, twice, and kubectl diff
NS=e2e-aio
kubectl create namespace "$NS" >/dev/null
if ./osk apply -f values/aio.yaml --kube-version 1.20 -n "$NS" > "$RUN/apply1" 2>&1; then
  ok "osk apply of the aio kit created $(grep -c ' created$' "$RUN/apply1") objects"
else
  fail "osk apply of the aio kit: $(tail -5 "$RUN/apply1")"
fi
./osk render -f values/aio.yaml --kube-version 1.20 -n "$NS" > "$RUN/aio.yaml"
expected=$(grep -c '^# Source:' "$RUN/aio.yaml")
found=$(kubectl get -f "$RUN/aio.yaml" -o name 2>"$RUN/get.err" | wc -l)
if [[ "$found" -eq "$expected" ]]; then ok "kubectl get finds all $expected rendered objects"; else
  fail "kubectl get found $found of $expected objects: $(head -3 "$RUN/get.err")"; fi
kubectl apply -f "$RUN/aio.yaml" > "$RUN/apply2" 2>&1
changed=$(grep -vc ' unchanged$' "$RUN/apply2")
if [[ "$changed" -eq 0 ]]; then ok "second apply: all $(wc -l < "$RUN/apply2") objects unchanged"; else
  fail "second apply changed $changed objects: $(grep -v ' unchanged$' "$RUN/apply2" | head -5)"; fi
./osk render -f values/aio.yaml --kube-version 1.20 -n "$NS" > "$RUN/aio2.yaml"
if kubectl diff -f "$RUN/aio2.yaml" > "$RUN/diff" 2>&1 && [[ ! -s "$RUN/diff" ]]; then
  ok "kubectl diff against a fresh render is empty"
else
  fail "kubectl diff shows changes: $(head -10 "$RUN/diff")"
fi

# 3. the validation corpus: osk validate (1.20) against the server's verdict
kubectl create namespace e2e-corpus >/dev/null
mkdir -p "$(dirname "$REPORT")"
printf 'file\tserver\tosk\n' > "$REPORT"
./osk validate --kube-version 1.20 -o json --warn-only references,service-selectors,dependencies,duplicates \
  test-fixtures/validate/valid test-fixtures/validate/invalid > "$RUN/osk.json" 2>"$RUN/osk.err"
for f in test-fixtures/validate/valid/*.yaml test-fixtures/validate/invalid/*.yaml; do
  rel=${f#test-fixtures/validate/}
  if kubectl apply --dry-run=server --validate=strict -n e2e-corpus -f "$f" > "$RUN/out" 2>&1; then
    server=accepts
  else
    server=rejects
  fi
  if grep -q "\"file\":\"$f\"[^}]*\"severity\":\"error\"\|\"severity\":\"error\"[^}]*\"file\":\"$f\"" "$RUN/osk.json"; then
    osk=rejects
  else
    osk=accepts
  fi
  printf '%s\t%s\t%s\n' "$rel" "$server" "$osk" >> "$REPORT"
  recorded=$(awk -F'\t' -v f="$rel" '$1 == f {print $2}' test-fixtures/validate/server-verdicts-1.20.tsv)
  if [[ "$server" != "$osk" ]]; then
    fail "corpus $rel: server $server, osk validate --kube-version 1.20 $osk: $(head -2 "$RUN/out")"
  elif [[ -n "$recorded" && "$recorded" != "$server" ]]; then
    fail "corpus $rel: server $server, but test-fixtures/validate/server-verdicts-1.20.tsv records $recorded"
  else
    PASSED=$((PASSED + 1))
  fi
done
echo "corpus verdicts: $(($(wc -l < "$REPORT") - 1)) files, recorded in $REPORT"

echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
