#!/usr/bin/env bash
# End-to-end suite against a real kube-apiserver (see kube-apiserver.sh):
#   1. every kit with every overlay, rendered for Kubernetes 1.20, passes kubectl apply --dry-run=server
#      --validate=strict, and so does the openstack kit with every Ingress on (every-ingress.yaml);
#   2. osk apply of the all-in-one kit into a fresh namespace creates every object, a second apply changes
#      nothing, and kubectl diff against a fresh render is empty;
#   3. osk validate --kube-version 1.20 agrees with the server on every file of the validation corpus
#      (schema and API-rule findings against the server's verdict; the server's verdicts are written to
#      $OSK_E2E_REPORT, default target/e2e-verdicts.tsv, and must match the verdicts recorded in
#      test-fixtures/validate/server-verdicts-1.20.tsv); the corpus's custom resources need the definitions of
#      test-fixtures/validate/crds, created for the section and deleted after it;
#   3b. the real server's verdicts on the mutants of test-fixtures/validate/mutants are the recorded ones;
#   3c. the server's OpenAPI document digests to test-fixtures/validate/openapi/kube-1.20.txt (which fields 1.20
#       has and requires, as kube-schema.txt marks them);
#   4. the Galera primary controller (mariadb's scripts ConfigMap, run with its rendered environment and the
#      token of its rendered ServiceAccount, so with its rendered Role) keeps the mariadb Endpoints at one Ready
#      member of pods whose status the suite sets: sticky, lowest ordinal, none, recovery, conflicting writes;
#   5. the kubernetes-entrypoint stand-in of the real-node suite (kubernetes-entrypoint.py), run with nova-compute's
#      rendered dependencies and the token of its rendered ServiceAccount, on pods whose status the suite sets:
#      its DEPENDENCY_POD_JSON waits for Ready pods on its own node, its DEPENDENCY_DAEMONSET is met with no pod
#      on the node, as the real binary's (dependencies/pod/pod.go, dependencies/daemonset/daemonset.go);
#   6. osk graph -o svg and -o png of the openstack kit with Graphviz's real dot (installed with apt-install.sh):
#      an SVG document with a node for every node of the DOT text, and a PNG image.
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
# the Ingresses (networking.k8s.io/v1, served from 1.19), every one switched on
name="dry-run=server openstack with aio.yaml and every Ingress (test-fixtures/e2e/every-ingress.yaml)"
if ./osk render -f values/aio.yaml -f "$HERE/every-ingress.yaml" --kube-version 1.20 -n e2e-dry > "$RUN/render.yaml" 2> "$RUN/err" \
    && kubectl apply --dry-run=server --validate=strict -f "$RUN/render.yaml" > "$RUN/out" 2>&1; then
  ok "$name ($(grep -c '^kind: Ingress' "$RUN/render.yaml") Ingresses)"
else
  fail "$name: $(head -3 "$RUN/err") $(grep -v 'created (server dry run)\|configured (server dry run)' "$RUN/out" | head -5)"
fi

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
# the definitions the corpus's custom resources follow exist for real (a dry run would not define their kinds)
kubectl apply -f test-fixtures/validate/crds/ >/dev/null
kubectl wait --for condition=established --timeout=60s -f test-fixtures/validate/crds/ >/dev/null \
  || fail "corpus: the CustomResourceDefinitions of test-fixtures/validate/crds are not established"
# and in the OpenAPI document kubectl validates against (published a moment after they are established)
for _ in $(seq 30); do
  kubectl get --raw /openapi/v2 > "$RUN/openapi-crds.json" 2>/dev/null \
    && grep -q '"com.example.v1.Widget"' "$RUN/openapi-crds.json" \
    && grep -q '"com.example.v1.Gadget"' "$RUN/openapi-crds.json" && break
  sleep 1
done
mkdir -p "$(dirname "$REPORT")"
printf 'file\tserver\tosk\n' > "$REPORT"
./osk validate --kube-version 1.20 -o json --warn-only references,service-selectors,dependencies,duplicates \
  --crd test-fixtures/validate/crds test-fixtures/validate/valid test-fixtures/validate/invalid > "$RUN/osk.json" 2>"$RUN/osk.err"
# the files with at least one error finding, one per line (read as JSON: a message may hold any character)
python3 -c 'import json, sys
for f in sorted({x["file"] for x in json.load(open(sys.argv[1]))["findings"] if x["severity"] == "error"}):
    print(f)' "$RUN/osk.json" > "$RUN/osk-rejects" || fail "corpus: osk validate -o json did not give a findings list"
for f in test-fixtures/validate/valid/*.yaml test-fixtures/validate/invalid/*.yaml; do
  rel=${f#test-fixtures/validate/}
  if kubectl apply --dry-run=server --validate=strict -n e2e-corpus -f "$f" > "$RUN/out" 2>&1; then
    server=accepts
  else
    server=rejects
  fi
  if grep -qxF "$f" "$RUN/osk-rejects"; then
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
# gone again: the server's OpenAPI document (3c) is digested without them
kubectl delete --wait -f test-fixtures/validate/crds/ >/dev/null

# 3b. the mutants of test-fixtures/validate/mutants: the server's verdicts are those recorded, which
#     MutantVerdictsTest (mvn verify) replays against osk validate --kube-version 1.20
if "$HERE/mutant-verdicts.sh" "$RUN/mutant-verdicts.tsv" > "$RUN/mutants.out" 2>&1; then
  changed=$(diff <(cut -f1,2 "$RUN/mutant-verdicts.tsv") <(cut -f1,2 test-fixtures/validate/mutants/server-verdicts-1.20.tsv) | grep -c '^[<>]')
  if [[ "$changed" -eq 0 ]]; then ok "mutants: $(cat "$RUN/mutants.out"), as recorded in test-fixtures/validate/mutants/server-verdicts-1.20.tsv"
  else fail "mutants: $changed verdict lines differ from test-fixtures/validate/mutants/server-verdicts-1.20.tsv (server's in $RUN/mutant-verdicts.tsv)"; fi
else
  fail "mutants: $(tail -3 "$RUN/mutants.out")"
fi

# 3c. the server's OpenAPI document is the one whose digest kube-schema.txt was generated with
if kubectl get --raw /openapi/v2 > "$RUN/openapi-v2.json" 2> "$RUN/openapi.err" \
    && python3 "$HERE/openapi-digest.py" < "$RUN/openapi-v2.json" > "$RUN/openapi-digest.txt"; then
  if cmp -s "$RUN/openapi-digest.txt" test-fixtures/validate/openapi/kube-1.20.txt; then
    ok "openapi: the server's /openapi/v2 digests to test-fixtures/validate/openapi/kube-1.20.txt"
  else
    fail "openapi: the server's /openapi/v2 digest differs from test-fixtures/validate/openapi/kube-1.20.txt (see $RUN/openapi-digest.txt)"
  fi
else
  fail "openapi: $(tail -1 "$RUN/openapi.err")"
fi

# 4. the Galera primary controller against the server: its script and environment as rendered, run on this
#    machine one round at a time (GALERA_ONCE=1) with the token of its rendered ServiceAccount, on pods of the
#    rendered StatefulSet whose status is set here (no kubelet runs)
NS=e2e-galera
kubectl create namespace "$NS" >/dev/null
G="$RUN/galera"
mkdir -p "$G/sa"
galera_ok=true
./osk render charts/services/mariadb -f test-fixtures/passwords/kit-passwords.yaml --kube-version 1.20 -n "$NS" \
  > "$G/mariadb.yaml" 2> "$G/err" && kubectl apply -n "$NS" -f "$G/mariadb.yaml" > "$G/apply" 2>&1 \
  || { fail "galera: render or apply of the mariadb chart: $(tail -3 "$G/err" "$G/apply")"; galera_ok=false; }
if $galera_ok; then
  kubectl get configmap mariadb-scripts -n "$NS" -o jsonpath='{.data.mariadb-primary\.py}' > "$G/mariadb-primary.py"
  kubectl get deployment mariadb-primary -n "$NS" \
    -o jsonpath='{range .spec.template.spec.containers[0].env[*]}{.name}={.value}{"\n"}{end}' > "$G/env"
  LABELS=$(kubectl get statefulset mariadb-server -n "$NS" -o jsonpath='{.spec.selector.matchLabels}')
  kubectl create token "$(kubectl get deployment mariadb-primary -n "$NS" \
    -o jsonpath='{.spec.template.spec.serviceAccountName}')" -n "$NS" > "$G/sa/token" 2> "$G/err" \
    || { fail "galera: no token for the controller's ServiceAccount: $(head -2 "$G/err")"; galera_ok=false; }
  cp "$RUN/pki/ca.crt" "$G/sa/ca.crt"
  printf '%s' "$NS" > "$G/sa/namespace"
fi
# the controller's environment: the Deployment's, and the API server and credentials of this suite
controller() {
  env $(cat "$G/env") GALERA_API="https://127.0.0.1:${API_PORT:-16443}" GALERA_CREDENTIALS="$G/sa" "$@" \
    python3 -u "$G/mariadb-primary.py"
}
# a pod of the StatefulSet (bound to a node, so a deletion leaves it terminating), or another pod with its labels
galera_pod() {
  kubectl apply -n "$NS" -f - > /dev/null <<POD
{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "$1", "labels": $LABELS},
 "spec": {"nodeName": "node-a", "containers": [{"name": "server", "image": "mariadb-server"}]}}
POD
}
# set a pod's status through the status subresource: IP and Ready True or False
galera_status() {
  kubectl patch pod "$1" -n "$NS" --subresource=status --type=merge \
    -p "{\"status\": {\"podIP\": \"$2\", \"conditions\": [{\"type\": \"Ready\", \"status\": \"$3\"}]}}" > /dev/null
}
# the pod and IP the Endpoints serve, with the port: "mariadb-server-1 10.244.0.11 mysql/3306", or "none"
served() {
  local s
  s=$(kubectl get endpoints mariadb -n "$NS" -o jsonpath='{range .subsets[*]}{range .addresses[*]}{.targetRef.name} {.ip} {end}{range .ports[*]}{.name}/{.port} {end}{end}')
  s=${s% }
  echo "${s:-none}"
}
# one round of the controller, then the Endpoints must serve $2
galera_round() {
  local got
  if ! controller GALERA_ONCE=1 > "$G/round.out" 2>&1; then
    fail "galera $1: the controller's round failed: $(tail -3 "$G/round.out")"
    return
  fi
  got=$(served)
  if [[ "$got" == "$2" ]]; then ok "galera $1: $got"; else fail "galera $1: the Endpoints serve '$got', expected '$2'"; fi
}
if $galera_ok; then
  # an Endpoints object from before, changed since it was made, pointing at an address no member has
  kubectl create -n "$NS" -f - > /dev/null <<'EP'
{"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "mariadb"},
 "subsets": [{"addresses": [{"ip": "10.244.9.9"}], "ports": [{"name": "mysql", "port": 3306}]}]}
EP
  kubectl label endpoints mariadb -n "$NS" changed=once > /dev/null
  kubectl label endpoints mariadb -n "$NS" changed=twice --overwrite > /dev/null
  for i in 0 1 2; do galera_pod "mariadb-server-$i"; done
  galera_status mariadb-server-0 10.244.0.10 False
  galera_status mariadb-server-1 10.244.0.11 True
  galera_status mariadb-server-2 10.244.0.12 True
  galera_round "replaces an Endpoints it did not write with the lowest Ready ordinal" \
    "mariadb-server-1 10.244.0.11 mysql/3306"
  galera_status mariadb-server-0 10.244.0.10 True
  galera_round "stays with the current member while it is Ready" "mariadb-server-1 10.244.0.11 mysql/3306"
  galera_status mariadb-server-1 10.244.0.11 False
  galera_round "fails over to the lowest Ready ordinal" "mariadb-server-0 10.244.0.10 mysql/3306"
  kubectl delete pod mariadb-server-0 -n "$NS" --wait=false > /dev/null
  galera_round "leaves a member that is being deleted" "mariadb-server-2 10.244.0.12 mysql/3306"
  # another pod with the StatefulSet's labels is not a member, Ready or not
  galera_pod mariadb-server-backup-0
  galera_status mariadb-server-backup-0 10.244.0.20 True
  galera_status mariadb-server-2 10.244.0.12 False
  galera_round "serves no one when no member is Ready" "none"
  galera_status mariadb-server-1 10.244.0.11 True
  galera_round "serves a member that is Ready again" "mariadb-server-1 10.244.0.11 mysql/3306"
  # a member that comes back under its name with a new address
  kubectl delete pod mariadb-server-1 -n "$NS" --grace-period=0 --force > /dev/null 2>&1
  galera_pod mariadb-server-1
  galera_status mariadb-server-1 10.244.0.31 True
  galera_round "follows the current member to its new address" "mariadb-server-1 10.244.0.31 mysql/3306"
  # running on, it puts the Endpoints back after writes of others (its own updates then carry a stale
  # resourceVersion and are refused; the next round reads again); env execs python3, so $! is the controller
  env $(cat "$G/env") GALERA_API="https://127.0.0.1:${API_PORT:-16443}" GALERA_CREDENTIALS="$G/sa" \
    GALERA_INTERVAL=0.2 python3 -u "$G/mariadb-primary.py" > "$G/loop.out" 2>&1 &
  loop=$!
  for _ in 1 2 3 4 5; do
    kubectl patch endpoints mariadb -n "$NS" --type=merge \
      -p '{"subsets": [{"addresses": [{"ip": "10.244.9.9"}], "ports": [{"name": "mysql", "port": 3306}]}]}' > /dev/null
    sleep 0.3
  done
  got=none
  for _ in $(seq 50); do got=$(served); [[ "$got" == "mariadb-server-1 10.244.0.31 mysql/3306" ]] && break; sleep 0.2; done
  if kill -0 "$loop" 2>/dev/null && [[ "$got" == "mariadb-server-1 10.244.0.31 mysql/3306" ]]; then
    ok "galera: running on, it restores the Endpoints after writes of others ($(grep -c . "$G/loop.out") log lines)"
  else
    fail "galera: after writes of others the Endpoints serve '$got': $(tail -3 "$G/loop.out")"
  fi
  kill "$loop" 2>/dev/null
  wait "$loop" 2>/dev/null
fi

# 5. the kubernetes-entrypoint stand-in against the server, as nova-compute's init container on node-a
NS=e2e-entrypoint
kubectl create namespace "$NS" >/dev/null
E="$RUN/entrypoint"
mkdir -p "$E/sa"
entry_ok=true
./osk render charts/kits/compute-node -f values/aio.yaml --kube-version 1.20 -n "$NS" > "$E/kit.yaml" 2> "$E/err" \
  && kubectl apply -n "$NS" -f "$E/kit.yaml" > "$E/apply" 2>&1 \
  || { fail "entrypoint: render or apply of the compute-node kit: $(tail -3 "$E/err" "$E/apply")"; entry_ok=false; }
if $entry_ok; then
  POD_JSON=$(kubectl get daemonset nova-compute -n "$NS" \
    -o jsonpath='{.spec.template.spec.initContainers[0].env[?(@.name=="DEPENDENCY_POD_JSON")].value}')
  kubectl create token "$(kubectl get daemonset nova-compute -n "$NS" \
    -o jsonpath='{.spec.template.spec.serviceAccountName}')" -n "$NS" > "$E/sa/token" 2> "$E/err" \
    || { fail "entrypoint: no token for nova-compute's ServiceAccount: $(head -2 "$E/err")"; entry_ok=false; }
  cp "$RUN/pki/ca.crt" "$E/sa/ca.crt"
fi
# a pod with the pod labels of DaemonSet $1, named $2, bound to node $3 (host IP $4), Ready $5
ds_pod() {
  kubectl apply -n "$NS" -f - > /dev/null <<POD
{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "$2",
  "labels": $(kubectl get daemonset "$1" -n "$NS" -o jsonpath='{.spec.template.metadata.labels}')},
 "spec": {"nodeName": "$3", "containers": [{"name": "c", "image": "$1"}]}}
POD
  kubectl patch pod "$2" -n "$NS" --subresource=status --type=merge \
    -p "{\"status\": {\"hostIP\": \"$4\", \"conditions\": [{\"type\": \"Ready\", \"status\": \"$5\"}]}}" > /dev/null
}
# run the stand-in as the pod nova-compute-a with these dependencies (NAME=VALUE...) for at most 4 s: "met" when
# it ran COMMAND and exited 0, "waits" when it was still waiting
standin() {
  if env -i PATH="$PATH" NAMESPACE="$NS" POD_NAME=nova-compute-a COMMAND="echo done" ENTRYPOINT_INTERVAL=0.2 \
      ENTRYPOINT_API="https://127.0.0.1:${API_PORT:-16443}" ENTRYPOINT_CREDENTIALS="$E/sa" "$@" \
      timeout 4 python3 "$HERE/kubernetes-entrypoint.py" > "$E/out" 2>&1; then
    grep -qx done "$E/out" && echo met || echo "exited 0 without running COMMAND"
  else
    [[ $? -eq 124 ]] && echo waits || echo "failed: $(tail -2 "$E/out")"
  fi
}
entry_case() {
  local what=$1 want=$2 got
  shift 2
  got=$(standin "$@")
  if [[ "$got" == "$want" ]]; then ok "entrypoint: $what: $want"; else fail "entrypoint: $what: $got, not $want"; fi
}
if $entry_ok; then
  ds_pod nova-compute nova-compute-a node-a 10.0.0.1 False
  entry_case "nova-compute's pod dependencies with no pod of them anywhere" waits DEPENDENCY_POD_JSON="$POD_JSON"
  ds_pod libvirt libvirt-b node-b 10.0.0.2 True
  ds_pod openvswitch-vswitchd vswitchd-b node-b 10.0.0.2 True
  ds_pod neutron-ovs-agent ovs-agent-b node-b 10.0.0.2 True
  entry_case "pod dependencies Ready on another node only" waits DEPENDENCY_POD_JSON="$POD_JSON"
  entry_case "DEPENDENCY_DAEMONSET libvirt with no libvirt pod on this node (the real binary's rule)" met \
    DEPENDENCY_DAEMONSET=libvirt
  ds_pod libvirt libvirt-a node-a 10.0.0.1 False
  ds_pod openvswitch-vswitchd vswitchd-a node-a 10.0.0.1 True
  ds_pod neutron-ovs-agent ovs-agent-a node-a 10.0.0.1 True
  entry_case "DEPENDENCY_DAEMONSET libvirt with this node's libvirt pod not Ready" waits DEPENDENCY_DAEMONSET=libvirt
  entry_case "pod dependencies with this node's libvirt pod not Ready" waits DEPENDENCY_POD_JSON="$POD_JSON"
  ds_pod libvirt libvirt-a node-a 10.0.0.1 True
  entry_case "pod dependencies all Ready on this node" met DEPENDENCY_POD_JSON="$POD_JSON"
  entry_case "a DEPENDENCY_POD_JSON that is not JSON is dropped, as util/env/env.go drops it" met \
    DEPENDENCY_POD_JSON='[{"labels":'
fi

# 6. the bring-up graph drawn by the real Graphviz
if "$HERE/apt-install.sh" graphviz; then
  G=$RUN/graph
  mkdir -p "$G"
  ./osk graph -o dot > "$G/kit.dot" 2>/dev/null
  dot_nodes=$(grep -c ' \[label=' "$G/kit.dot")
  if ./osk graph -o svg > "$G/kit.svg" 2> "$G/svg.err" && head -c 200 "$G/kit.svg" | grep -q '<svg\|<?xml' \
      && [[ $(grep -c 'class="node"' "$G/kit.svg") -eq $dot_nodes ]]; then
    ok "graph -o svg: $dot_nodes nodes drawn by $(dot -V 2>&1)"
  else
    fail "graph -o svg: $(grep -c 'class="node"' "$G/kit.svg") nodes in the SVG, $dot_nodes in the DOT text;" \
      "$(head -2 "$G/svg.err")"
  fi
  if ./osk graph -o png > "$G/kit.png" 2> "$G/png.err" \
      && [[ $(head -c 8 "$G/kit.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]]; then
    ok "graph -o png: a PNG image of $(stat -c %s "$G/kit.png") bytes"
  else
    fail "graph -o png: not a PNG image; $(head -2 "$G/png.err")"
  fi
else
  fail "graph: Graphviz could not be installed"
fi

echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
