#!/usr/bin/env bash
# The real-node suite: the shipped kit, applied to a real Kubernetes node (kube-node.sh), must run.
#
#   0. Every oslo.config file of the kit's renders holds only options the image's services (Debian bookworm's
#      OpenStack Zed) read: test-fixtures/oslo-config/run-validator.sh, before the node starts.
#   1. `osk apply` of the openstack kit (values/aio.yaml, then the suite's overlay test-fixtures/e2e/node/*.yaml)
#      for Kubernetes 1.20: every Job reaches Complete and every Deployment, StatefulSet and DaemonSet becomes
#      Ready within $OSK_NODE_TIMEOUT seconds (default 1500). A failure prints the failing pods' events and
#      last log lines.
#   2. OpenStack answers: the real `openstack` client, run in a pod of the namespace against the rendered
#      endpoints, issues a token and finds every service in the catalog, and each service answers its check
#      (cinder's backend is the one-node Ceph cluster of ceph/ceph.yaml, applied first).
#   3. Day two: re-applying the same render restarts nothing; changing one service's config value rolls out that
#      service alone and it answers again; the upgrade recipe (delete the one-shot Jobs, apply) completes and a
#      token issued before it still validates after it; a new RabbitMQ password reaches the broker's kept user
#      (the old one is refused) and the broker's clients (neutron's agents) report again; with
#      OSK_NODE_GALERA_MEMBERS=2 or 3 (opt-in), a Galera cluster of that many members fails over when the member
#      the mariadb Service serves is deleted, and the member rejoins.
#
# Which services the suite brings up: $OSK_NODE_SERVICES (default: every service of the kit); the others are
# switched off with SERVICE.enabled=false and named in the output. Prints one line per check and a closing
# "N passed, N failed" line; exits 1 when any check failed. The node's folder is $OSK_NODE_RUN (default a new
# temporary folder), removed at the end unless OSK_NODE_KEEP=1 (then the node keeps running too: stop it with
# `kube-node.sh stop FOLDER`).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE="$ROOT/test-fixtures/e2e"
NS=${OSK_NODE_NAMESPACE:-openstack}
TIMEOUT=${OSK_NODE_TIMEOUT:-1500}
ALL_SERVICES=(mariadb rabbitmq memcached keystone glance placement nova neutron openvswitch neutron-ovs-agent cinder
  horizon nova-compute iscsid)
NODE_SERVICES=("${ALL_SERVICES[@]}")
read -ra SERVICES <<< "${OSK_NODE_SERVICES:-${NODE_SERVICES[*]}}"
PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "ok     $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAILED $*"; }
finish() { echo "$PASSED passed, $FAILED failed"; [[ $FAILED -eq 0 ]]; exit; }
indent() { sed 's/^/         /'; }
enabled() { [[ " ${SERVICES[*]} " == *" $1 "* ]]; }

RUN=${OSK_NODE_RUN:-$(mktemp -d /tmp/osk-node.XXXXXX)}
mkdir -p "$RUN"
RUN=$(cd "$RUN" && pwd)
cleanup() {
  if [[ "${OSK_NODE_KEEP:-}" == 1 ]]; then
    echo "node kept running: KUBECONFIG=$RUN/kubeconfig; stop it with $HERE/kube-node.sh stop $RUN"
  else
    "$HERE/kube-node.sh" stop "$RUN"
    rm -rf "$RUN"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the kit's render flags: the overlays, the services switched off, the target version and namespace
FLAGS=(-f values/aio.yaml)
for f in "$HERE"/node/*.yaml; do FLAGS+=(-f "$f"); done
OFF=()
for s in "${ALL_SERVICES[@]}"; do
  enabled "$s" || { FLAGS+=(--set "$s.enabled=false"); OFF+=("$s"); }
done
# opt-in: a Galera cluster of this many members, and the failover check at the end (default 1 member, no check)
GALERA_MEMBERS=${OSK_NODE_GALERA_MEMBERS:-1}
[[ "$GALERA_MEMBERS" -gt 1 ]] && FLAGS+=(--set "mariadb.replicas=$GALERA_MEMBERS")
FLAGS+=(--kube-version 1.20 -n "$NS")
echo "services: ${SERVICES[*]}${OFF:+ (not brought up by this run: ${OFF[*]})}"
enabled iscsid && echo "not checked: iscsid (node/debian-images.yaml switches it off: this kernel has no iSCSI initiator)"

"$HERE/kube-node.sh" install > "$RUN/install.log" 2>&1 || { fail "node install: $(tail -5 "$RUN/install.log")"; finish; }
if ! ./osk render "${FLAGS[@]}" > "$RUN/kit.yaml" 2> "$RUN/render.err"; then
  fail "osk render: $(head -3 "$RUN/render.err")"; finish
fi
# the config files hold only options the services read: oslo-config-validator against the image's packages
# (test-fixtures/oslo-config/run-validator.sh; it builds the image's root filesystem, which the node needs anyway)
"$ROOT/test-fixtures/oslo-config/run-validator.sh" > "$RUN/oslo-config.log" 2>&1
rc=$?
while IFS= read -r line; do
  case "$line" in
    "ok     "*) ok "${line#ok     }" ;;
    "FAILED "*) fail "${line#FAILED }" ;;
    *) echo "$line" ;;
  esac
done < "$RUN/oslo-config.log"
if [[ $rc -ne 0 ]] && ! grep -q '^FAILED ' "$RUN/oslo-config.log"; then
  fail "oslo-config-validator: run-validator.sh exited $rc: $(tail -3 "$RUN/oslo-config.log")"
fi
CLIENT_IMAGE=osk.local/e2e/openstack-client:zed
IMAGES=$(awk '$1 == "image:" || $1 == "-" && $2 == "image:" {print $NF}' "$RUN/kit.yaml" | sort -u)
started=$(date +%s)
if ! "$HERE/kube-node.sh" start "$RUN" $IMAGES "$CLIENT_IMAGE" > "$RUN/start.log" 2>&1; then
  fail "node start: $(tail -5 "$RUN/start.log")"; finish
fi
ok "node Ready with the images imported in $(($(date +%s) - started)) s"
export KUBECONFIG="$RUN/kubeconfig"
kubectl create namespace "$NS" >/dev/null

# ---------------------------------------------------------------------------------------------------------------
# 1. apply, then wait for every Job and workload

# prints "KIND/NAME STATE" for every Job and workload of the namespace; STATE is ready or waiting
states() {
  kubectl get jobs,deployments,statefulsets,daemonsets -n "$NS" -o json | python3 -c '
import json, sys
for o in json.load(sys.stdin)["items"]:
    k, s, st = o["kind"], o.get("spec", {}), o.get("status", {})
    if k == "Job":
        done = any(c["type"] == "Complete" and c["status"] == "True" for c in st.get("conditions", []))
    elif k == "DaemonSet":
        done = st.get("desiredNumberScheduled", 0) > 0 and st.get("numberReady", 0) == st["desiredNumberScheduled"] \
            and st.get("updatedNumberScheduled", 0) == st["desiredNumberScheduled"]
    else:
        want = s.get("replicas", 1)
        done = st.get("readyReplicas", 0) == want and st.get("updatedReplicas", 0) == want \
            and st.get("observedGeneration", 0) >= o["metadata"]["generation"]
    print("%s/%s %s" % (k.lower(), o["metadata"]["name"], "ready" if done else "waiting"))
'
}

# waits until every Job and workload is ready or SECONDS pass; prints progress every minute
wait_ready() {
  local seconds=$1 deadline=$(($(date +%s) + $1)) next=$(($(date +%s) + 60)) waiting
  while :; do
    states > "$RUN/states" 2>/dev/null || true
    waiting=$(grep -c ' waiting$' "$RUN/states")
    if [[ -s "$RUN/states" && "$waiting" -eq 0 ]]; then return 0; fi
    if (($(date +%s) >= deadline)); then return 1; fi
    if (($(date +%s) >= next)); then
      echo "       waiting for $waiting of $(wc -l < "$RUN/states"): $(grep ' waiting$' "$RUN/states" | cut -d' ' -f1 | head -8 | tr '\n' ' ')"
      next=$(($(date +%s) + 60))
    fi
    sleep 5
  done
}

# why pods are not ready: their events and the last lines of every container's log
explain() {
  local pod
  for pod in $(kubectl get pods -n "$NS" -o json | python3 -c '
import json, sys
for p in json.load(sys.stdin)["items"]:
    st = p.get("status", {})
    if st.get("phase") == "Succeeded":
        continue
    if not any(c["type"] == "Ready" and c["status"] == "True" for c in st.get("conditions", [])):
        print(p["metadata"]["name"])'); do
    echo "       pod $pod:"
    kubectl get pod "$pod" -n "$NS" -o jsonpath='{range .status.initContainerStatuses[*]}init {.name}: {.state}{"\n"}{end}{range .status.containerStatuses[*]}{.name}: {.state} restarts {.restartCount}{"\n"}{end}' | indent
    kubectl get events -n "$NS" --field-selector "involvedObject.name=$pod" -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers 2>/dev/null | tail -5 | indent
    local c
    for c in $(kubectl get pod "$pod" -n "$NS" -o jsonpath='{.spec.initContainers[*].name} {.spec.containers[*].name}'); do
      kubectl logs "$pod" -n "$NS" -c "$c" --tail 8 2>/dev/null | sed "s/^/[$c] /" | indent
    done
  done
}

# cinder's backend: the one-node Ceph cluster (the kernel has no device-mapper for the default LVM backend)
if enabled cinder; then
  started=$(date +%s)
  if kubectl apply -f "$HERE/ceph/ceph.yaml" > "$RUN/ceph.log" 2>&1 \
      && kubectl rollout status deployment/ceph -n ceph --timeout=300s >> "$RUN/ceph.log" 2>&1; then
    ok "a one-node Ceph cluster for cinder is Ready in $(($(date +%s) - started)) s"
  else
    fail "the Ceph cluster for cinder: $(tail -3 "$RUN/ceph.log" | tr '\n' ' ')"
    kubectl logs -n ceph deployment/ceph --tail 20 2>/dev/null | indent
  fi
fi

started=$(date +%s)
if ./osk apply "${FLAGS[@]}" > "$RUN/apply.log" 2>&1; then
  ok "osk apply of the kit: $(grep -c ' created$' "$RUN/apply.log") objects created"
else
  fail "osk apply of the kit: $(tail -5 "$RUN/apply.log")"
fi
if wait_ready "$TIMEOUT"; then
  ok "every Job Complete and every workload Ready in $(($(date +%s) - started)) s ($(wc -l < "$RUN/states") of them)"
else
  fail "not ready after $TIMEOUT s: $(grep -c ' waiting$' "$RUN/states") of $(wc -l < "$RUN/states"): $(grep ' waiting$' "$RUN/states" | cut -d' ' -f1 | tr '\n' ' ')"
  explain
fi
while read -r what state; do
  if [[ $state == ready ]]; then ok "$what"; else fail "$what is not ready"; fi
done < "$RUN/states"

# the mariadb Service sends every client to one Galera member: exactly one endpoint, a mariadb-server pod's
if enabled mariadb; then
  ep=$(kubectl get endpoints mariadb -n "$NS" -o jsonpath='{range .subsets[*].addresses[*]}{.targetRef.kind}/{.targetRef.name} {.ip}{"\n"}{end}')
  pod=$(awk '{print $1}' <<< "$ep"); pod=${pod#Pod/}
  if [[ $(grep -c . <<< "$ep") -eq 1 && $pod =~ ^mariadb-server-[0-9]+$ \
        && "$(kubectl get pod "$pod" -n "$NS" -o jsonpath='{.status.podIP}')" == "$(awk '{print $2}' <<< "$ep")" ]]; then
    ok "the mariadb Service has exactly one endpoint, Galera member $pod"
  else
    fail "the mariadb Service's endpoints are '$(tr '\n' ';' <<< "$ep")', expected one mariadb-server pod"
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# 2. OpenStack answers, through the openstack client in a pod of the namespace (with keystone in the run)

enabled keystone && kubectl apply -n "$NS" -f - > /dev/null <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: openstack-client
spec:
  restartPolicy: Never
  containers:
  - name: client
    image: $CLIENT_IMAGE
    imagePullPolicy: Never
    command: [sleep, infinity]
    env:
    - {name: OS_AUTH_URL, value: "http://keystone-api:5000/v3"}
    - {name: OS_IDENTITY_API_VERSION, value: "3"}
    - {name: OS_USERNAME, value: admin}
    - name: OS_PASSWORD
      valueFrom: {secretKeyRef: {name: keystone-secrets, key: keystone-admin-password}}
    - {name: OS_PROJECT_NAME, value: admin}
    - {name: OS_USER_DOMAIN_NAME, value: Default}
    - {name: OS_PROJECT_DOMAIN_NAME, value: Default}
    - {name: OS_REGION_NAME, value: RegionOne}
YAML
if enabled keystone; then
  kubectl wait --for=condition=Ready pod/openstack-client -n "$NS" --timeout=120s > /dev/null 2>&1 \
    || fail "the openstack client pod did not start"
fi
os() { kubectl exec -n "$NS" openstack-client -- openstack "$@"; }
client() { kubectl exec -i -n "$NS" openstack-client -- "$@"; }
# waits (about five minutes: on a loaded node the Open vSwitch agent's first full sync is slow) until the four
# neutron agents report alive; prints the agent list when they do not
AGENTS_ALIVE='
  for i in $(seq 100); do
    openstack network agent list -f value -c "Agent Type" -c Alive > /tmp/agents
    n=0
    for a in "Open vSwitch agent" "DHCP agent" "L3 agent" "Metadata agent"; do grep -qx "$a True" /tmp/agents && n=$((n + 1)); done
    [ "$n" = 4 ] && exit 0
    sleep 3
  done
  cat /tmp/agents; exit 1'
# the agents' last log lines, for a failed agent check
agent_logs() {
  local ds
  for ds in neutron-ovs-agent neutron-dhcp-agent neutron-l3-agent neutron-metadata-agent; do
    kubectl logs -n "$NS" "daemonset/$ds" --all-containers --tail 6 2>&1 | sed "s/^/[$ds] /" | cut -c1-300 | indent
  done
}
# check NAME COMMAND...: one line for the check; returns COMMAND's failure, for a caller that explains it
check() {
  local name=$1; shift
  if "$@" > "$RUN/check.out" 2>&1; then ok "$name"; else fail "$name: $(tail -3 "$RUN/check.out" | tr '\n' ' ')"; return 1; fi
}

TOKEN=""
if enabled keystone; then
  if TOKEN=$(os token issue -f value -c id 2> "$RUN/token.err") && [[ -n "$TOKEN" ]]; then
    ok "openstack token issue"
  else
    fail "openstack token issue: $(tail -3 "$RUN/token.err" | tr '\n' ' ')"
  fi
  # the catalog holds one entry per service the render registers
  expected=(keystone)
  enabled glance && expected+=(glance)
  enabled placement && expected+=(placement)
  enabled nova && expected+=(nova)
  enabled neutron && expected+=(neutron)
  enabled cinder && expected+=(cinderv3)
  catalog=$(os catalog list -f value -c Name 2> "$RUN/catalog.err" | sort | tr '\n' ' ')
  want=$(printf '%s\n' "${expected[@]}" | sort | tr '\n' ' ')
  if [[ "$catalog" == "$want" ]]; then ok "the catalog lists ${expected[*]}"; else
    fail "the catalog lists '${catalog}', expected '${want}' $(tail -2 "$RUN/catalog.err")"; fi
  check "keystone lists the service users' projects" os project list
fi
# every memcached client lists the StatefulSet's pods by name; the headless Service resolves them
if enabled memcached; then
  check "memcached-0.memcached resolves and answers" client python3 -c \
    'import socket; s = socket.create_connection(("memcached-0.memcached", 11211), 5); s.sendall(b"version\r\n"); assert s.recv(64).startswith(b"VERSION")'
fi
if enabled glance; then
  check "glance stores an image, lists it and returns its bytes" client sh -ec '
    head -c 1048576 /dev/urandom > /tmp/e2e.raw
    openstack image create --disk-format raw --container-format bare --file /tmp/e2e.raw e2e-image >/dev/null
    openstack image list -f value -c Name | grep -qx e2e-image
    openstack image save --file /tmp/e2e.back e2e-image
    cmp /tmp/e2e.raw /tmp/e2e.back'
fi
if enabled glance; then
  # glance-metadefs-load filled the metadata definitions from the image (METADEFS_PATH)
  check "glance serves the metadata definition namespaces glance-metadefs-load loaded" client sh -ec '
    T=$(openstack token issue -f value -c id)
    curl -sf -H "X-Auth-Token: $T" "http://glance-api:9292/v2/metadefs/namespaces?limit=200" > /tmp/metadefs
    python3 -c "import json; n = [x[\"namespace\"] for x in json.load(open(\"/tmp/metadefs\"))[\"namespaces\"]]; print(len(n), \"namespaces\"); assert \"OS::Compute::Hypervisor\" in n"'
fi
if enabled placement; then
  check "placement lists resource providers" os resource provider list
fi
if enabled nova; then
  check "nova's compute service list shows nova-scheduler and nova-conductor up" client sh -ec '
    openstack compute service list -f value -c Binary -c State > /tmp/services
    cat /tmp/services
    grep -qx "nova-scheduler up" /tmp/services
    grep -qx "nova-conductor up" /tmp/services'
fi
if enabled nova; then
  # nova-flavors (values/aio.yaml turns it on) made the usual flavors
  check "openstack flavor list shows the flavors nova-flavors created (m1.tiny ... m1.xlarge)" client sh -ec '
    openstack flavor list -f value -c Name -c VCPUs -c RAM -c Disk | sort > /tmp/flavors
    cat /tmp/flavors
    grep -qx "m1.tiny 512 1 1" /tmp/flavors
    grep -qx "m1.xlarge 16384 160 8" /tmp/flavors'
fi
if enabled neutron; then
  # an agent's pod is Ready before its first report reaches the server: a few tries
  check "neutron's agents are alive: Open vSwitch, DHCP, L3, metadata" client sh -ec "$AGENTS_ALIVE" || agent_logs
  check "a network, a subnet and a router are created and the router's port and the DHCP port go ACTIVE" client sh -ec '
    openstack network create e2e-net >/dev/null
    openstack subnet create --network e2e-net --subnet-range 192.168.77.0/24 e2e-subnet >/dev/null
    openstack router create e2e-router >/dev/null
    openstack router add subnet e2e-router e2e-subnet
    for i in $(seq 90); do
      s=$(openstack port list --network e2e-net -f value -c Status | sort | uniq -c | tr -s " ")
      [ "$s" = " 2 ACTIVE" ] && exit 0
      sleep 2
    done
    echo "ports: $s"; exit 1'
  check "the router reaches the DHCP port through Open vSwitch (ping in the router's namespace)" \
    kubectl exec -n "$NS" ds/neutron-l3-agent -c l3-agent -- sh -ec '
      R=$(ip netns | grep -o "qrouter-[0-9a-f-]*" | head -1)
      test -n "$R"
      for i in $(seq 30); do ip netns exec "$R" ping -c 1 -W 2 192.168.77.2 >/dev/null && exit 0; sleep 2; done
      exit 1'
fi
if enabled nova-compute; then
  check "nova-compute is up and its hypervisor is listed (found by the scheduler's periodic host discovery)" \
    client sh -ec '
      for i in $(seq 80); do
        if openstack compute service list -f value -c Binary -c State | grep -qx "nova-compute up" \
            && [ "$(openstack hypervisor list -f value -c State)" = up ]; then
          openstack hypervisor list; exit 0
        fi
        sleep 5
      done
      openstack compute service list; openstack hypervisor list; exit 1'
  # libvirtd listens for live migration on the node's address (libvirtd --listen, TCP without TLS)
  check "libvirtd answers on the node's address for live migration (virsh -c qemu+tcp://NODE_IP/system)" \
    kubectl exec -n "$NS" ds/libvirt -c libvirt -- sh -ec 'virsh -c "qemu+tcp://$NODE_IP/system" version'
  if enabled neutron; then
    check "a server boots to ACTIVE on the node's libvirt (image, flavor, the e2e network)" client sh -ec '
      head -c 1048576 /dev/zero > /tmp/disk.raw
      openstack image create --disk-format raw --container-format bare --file /tmp/disk.raw e2e-disk >/dev/null
      openstack flavor create --ram 64 --disk 1 --vcpus 1 e2e-tiny >/dev/null
      openstack server create --flavor e2e-tiny --image e2e-disk --network e2e-net --wait e2e-server >/dev/null
      openstack server show e2e-server -f value -c status -c OS-EXT-SRV-ATTR:hypervisor_hostname
      test "$(openstack server show e2e-server -f value -c status)" = ACTIVE'
  fi
fi
if enabled cinder; then
  check "cinder's volume service list shows cinder-scheduler and cinder-volume up" client sh -ec '
    for i in $(seq 40); do
      openstack volume service list -f value -c Binary -c State > /tmp/volume-services
      grep -qx "cinder-scheduler up" /tmp/volume-services && grep -qx "cinder-volume up" /tmp/volume-services && exit 0
      sleep 3
    done
    cat /tmp/volume-services; exit 1'
  check "a volume reaches available (RBD on the Ceph cluster)" client sh -ec '
    openstack volume create --size 1 e2e-volume >/dev/null
    for i in $(seq 60); do
      s=$(openstack volume show e2e-volume -f value -c status)
      [ "$s" = available ] && exit 0
      [ "$s" = error ] && break
      sleep 2
    done
    echo "volume status: $s"; exit 1'
fi
if enabled horizon; then
  check "horizon's login page answers 200" client sh -ec '
    test "$(curl -s -o /tmp/login.html -w "%{http_code}" http://horizon/auth/login/)" = 200
    grep -q "<form" /tmp/login.html'
fi

# keystone's keys: one rotation of each, from the CronJobs, while tokens and stored credentials stay readable
key_names() { kubectl get secret "$1" -n "$NS" -o json | python3 -c 'import json, sys; print(" ".join(sorted((json.load(sys.stdin).get("data") or {}), key=int)))'; }
# rotate JOB SECRET CHECKS...: runs the CronJob's Job now and checks the Secret gained one key
rotate() {
  local cronjob=$1 secret=$2 before after
  before=$(key_names "$secret")
  # the Job the CronJob would start, from its jobTemplate (as kubectl create job --from=cronjob/... does)
  kubectl get cronjob "$cronjob" -n "$NS" -o json | python3 -c '
import json, sys
c = json.load(sys.stdin)
t = c["spec"]["jobTemplate"]
print(json.dumps({"apiVersion": "batch/v1", "kind": "Job",
                  "metadata": {"name": sys.argv[1], "labels": t.get("metadata", {}).get("labels", {})},
                  "spec": t["spec"]}))' "$cronjob-now" | kubectl create -n "$NS" -f - > "$RUN/$cronjob.log" 2>&1
  if kubectl wait -n "$NS" --for=condition=complete "job/$cronjob-now" --timeout=900s >> "$RUN/$cronjob.log" 2>&1; then
    after=$(key_names "$secret")
    if [[ "$before" == "0 1" && "$after" == "0 1 2" ]]; then ok "$cronjob: $secret went from keys $before to $after"
    else fail "$cronjob: $secret went from keys '$before' to '$after', expected 0 1 to 0 1 2"; fi
  else
    fail "$cronjob did not complete: $(kubectl logs -n "$NS" "job/$cronjob-now" --tail 5 2>&1 | tr '\n' ' ')"
    explain
  fi
  kubectl logs -n "$NS" "job/$cronjob-now" 2>/dev/null | grep '^keystone-keys' | indent
  kubectl delete job -n "$NS" "$cronjob-now" > /dev/null 2>&1
}
if enabled keystone; then
  check "keystone-api answers /healthcheck under Apache mod_wsgi" client sh -ec '
    test "$(curl -s -o /dev/null -w "%{http_code}" http://keystone-api:5000/healthcheck)" = 200
    curl -sI http://keystone-api:5000/v3 | grep -qi "^server: apache"'
  EC2=$(os ec2 credentials create -f value -c access 2> "$RUN/ec2.err")
  [[ -n "$EC2" ]] || fail "an EC2 credential to keep across the rotation: $(tail -2 "$RUN/ec2.err")"
  rotate keystone-fernet-rotate keystone-fernet-keys
  if [[ -n "$TOKEN" ]]; then
    check "a token issued before the fernet rotation still validates" client sh -ec "
      ADMIN=\$(openstack token issue -f value -c id)
      curl -sf -o /dev/null -H \"X-Auth-Token: \$ADMIN\" -H 'X-Subject-Token: $TOKEN' http://keystone-api:5000/v3/auth/tokens"
  fi
  rotate keystone-credential-rotate keystone-credential-keys
  if [[ -n "$EC2" ]]; then
    check "the EC2 credential made before the credential rotation still reads back" client sh -ec "
      openstack ec2 credentials show $EC2 -f value -c secret | grep -q ."
  fi
fi
if enabled placement; then
  check "placement-api answers under Apache mod_wsgi" client sh -ec '
    curl -sI http://placement-api:8778/ | grep -qi "^server: apache"'
fi

# ---------------------------------------------------------------------------------------------------------------
# 3. Day two

# every pod of the namespace with its uid and restart count, the client left out
pods_now() {
  kubectl get pods -n "$NS" -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.uid} {.status.phase} {range .status.containerStatuses[*]}{.restartCount},{end}{"\n"}{end}' \
    | grep -v '^openstack-client ' | grep -v ' Succeeded ' | sort
}

pods_now > "$RUN/pods.before"
./osk render "${FLAGS[@]}" > "$RUN/kit2.yaml" 2> "$RUN/render.err" || echo "osk render: $(head -3 "$RUN/render.err")" > "$RUN/reapply.log"
[[ -s "$RUN/kit2.yaml" ]] && kubectl apply -f "$RUN/kit2.yaml" > "$RUN/reapply.log" 2>&1
changed=$(grep -vc ' unchanged$' "$RUN/reapply.log")
if [[ "$changed" -eq 0 ]]; then ok "re-apply of the same render: all $(wc -l < "$RUN/reapply.log") objects unchanged"; else
  fail "re-apply changed $changed objects: $(grep -v ' unchanged$' "$RUN/reapply.log" | head -5 | tr '\n' ' ')"; fi
sleep 15
pods_now > "$RUN/pods.after"
if cmp -s "$RUN/pods.before" "$RUN/pods.after"; then ok "re-apply restarted no pod ($(wc -l < "$RUN/pods.before") pods)"; else
  fail "re-apply changed pods: $(diff "$RUN/pods.before" "$RUN/pods.after" | grep '^[<>]' | head -6 | tr '\n' ' ')"; fi

# one config value of one service: keystone's debug flag rolls out keystone-api alone
if enabled keystone; then
  ./osk apply "${FLAGS[@]}" --set 'keystone.conf.keystone\.conf.DEFAULT.debug=true' > "$RUN/config.log" 2>&1
  configured=$(grep ' configured$' "$RUN/config.log" | cut -d' ' -f1 | sort | tr '\n' ' ')
  if [[ "$configured" == "configmap/keystone-etc deployment.apps/keystone-api " ]]; then
    ok "a keystone config change configures its ConfigMap and keystone-api only"
  else
    fail "a keystone config change configured: $configured"
  fi
  if kubectl rollout status deployment/keystone-api -n "$NS" --timeout=300s > /dev/null 2>&1; then
    ok "keystone-api rolled out the change"
  else
    fail "keystone-api did not roll out"; explain
  fi
  pods_now > "$RUN/pods.config"
  others=$(diff <(grep -v '^keystone-api-' "$RUN/pods.after") <(grep -v '^keystone-api-' "$RUN/pods.config") | grep -c '^[<>]')
  if [[ "$others" -eq 0 ]] && ! diff -q <(grep '^keystone-api-' "$RUN/pods.after") <(grep '^keystone-api-' "$RUN/pods.config") >/dev/null; then
    ok "only keystone-api's pods were replaced"
  else
    fail "the config change replaced other pods: $(diff <(grep -v '^keystone-api-' "$RUN/pods.after") <(grep -v '^keystone-api-' "$RUN/pods.config") | grep '^[<>]' | head -4 | tr '\n' ' ')"
  fi
  check "keystone answers after the change (token issue)" os token issue -f value -c id
fi

# the upgrade recipe: delete the one-shot Jobs, apply; a token from before still validates
fernet_keys() { kubectl get secret keystone-fernet-keys -n "$NS" -o jsonpath='{.data}' 2>/dev/null | sha256sum; }
keys_before=$(fernet_keys)
upgrade_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# the upgrade also moves two public endpoints to external names: the ks-endpoints and bootstrap Jobs update them
MOVED=()
enabled nova && MOVED+=(--set "nova.catalog.public=http://nova.external.example:8774/v2.1")
enabled keystone && MOVED+=(--set-string "keystone.bootstrap.envVars.KEYSTONE_PUBLIC_URL=http://keystone.external.example:5000/v3/")
if ./osk apply "${FLAGS[@]}" "${MOVED[@]}" --recreate-jobs > "$RUN/upgrade.log" 2>&1 && wait_ready 600; then
  ok "upgrade recipe (--recreate-jobs): every Job re-ran to Complete, every workload Ready"
else
  fail "upgrade recipe: $(grep ' waiting$' "$RUN/states" | cut -d' ' -f1 | tr '\n' ' ') $(tail -3 "$RUN/upgrade.log")"
  explain
fi
# the moved endpoints stay: every later apply renders them too (else their Jobs' templates change back, and a
# Job's template is immutable)
FLAGS+=("${MOVED[@]}")
# the online data migrations run again after the new schema sync
for job in $(enabled nova && echo nova-online-data-migrations) $(enabled cinder && echo cinder-online-data-migrations); do
  done_at=$(kubectl get job "$job" -n "$NS" -o jsonpath='{.status.completionTime}' 2>/dev/null)
  if [[ -n "$done_at" && ! "$done_at" < "$upgrade_started" ]]; then
    ok "the upgrade re-ran $job after the db sync (Complete at $done_at)"
  else
    fail "the upgrade did not re-run $job (completed '${done_at}', upgrade started $upgrade_started)"
  fi
done
if enabled keystone; then
  # the catalogue's public URLs are the new ones (read through the internal identity endpoint: the external name
  # resolves nowhere here), and nothing else was added
  want="identity http://keystone.external.example:5000/v3/"
  enabled nova && want+=" compute http://nova.external.example:8774/v2.1"
  got=$(for t in identity $(enabled nova && echo compute); do
    echo "$t $(os --os-interface internal endpoint list --service "$t" --interface public -f value -c URL 2>&1 | tr '\n' ' ' | sed 's/ $//')"
  done | tr '\n' ' ' | sed 's/ $//')
  if [[ "$got" == "$want" ]]; then ok "the upgrade moved the public endpoints to the new URLs ($got)"; else
    fail "public endpoints after the upgrade: '$got', expected '$want'"; fi
  if [[ "$(fernet_keys)" == "$keys_before" ]]; then ok "the upgrade kept keystone's fernet keys"; else
    fail "the upgrade replaced keystone's fernet keys (every token issued before it is invalid)"; fi
  if [[ -n "$TOKEN" ]]; then
    check "a token issued before the upgrade still validates" client sh -ec "
      ADMIN=\$(openstack token issue -f value -c id)
      curl -sf -o /dev/null -H \"X-Auth-Token: \$ADMIN\" -H 'X-Subject-Token: $TOKEN' http://keystone-api:5000/v3/auth/tokens"
  else
    fail "a token issued before the upgrade still validates: no token was issued before it"
  fi
fi

# a RabbitMQ password changed after the first boot: the broker keeps its user in its data directory, so the
# restarted member must set the Secret's new password on it (and say so), and the broker's clients reconnect
if enabled rabbitmq; then
  rabbitmqctl_in() { kubectl exec -n "$NS" "$1" -c server -- runuser -u rabbitmq -- rabbitmqctl "${@:2}"; }
  OLDPASS=$(kubectl get secret rabbitmq-secrets -n "$NS" -o jsonpath='{.data.rabbitmq-password}' | base64 -d)
  NEWPASS="rotated p@ss:%41-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
  started=$(date +%s)
  if ./osk apply "${FLAGS[@]}" --set-string "global.passwords.rabbitmq=$NEWPASS" > "$RUN/password.log" 2>&1 \
      && kubectl rollout status statefulset/rabbitmq-server -n "$NS" --timeout=600s > /dev/null 2>&1 && wait_ready 600; then
    ok "a new RabbitMQ password rolled out in $(($(date +%s) - started)) s ($(grep -c ' configured$' "$RUN/password.log") objects configured)"
  else
    fail "a new RabbitMQ password: $(grep ' waiting$' "$RUN/states" | cut -d' ' -f1 | tr '\n' ' ') $(tail -3 "$RUN/password.log")"
    explain
  fi
  members=$(kubectl get pods -n "$NS" -o name | grep '^pod/rabbitmq-server-' | cut -d/ -f2)
  # the members set it once booted, a few seconds after their AMQP port opens
  set_by=""
  for _ in $(seq 24); do
    for m in $members; do
      kubectl logs -n "$NS" "$m" -c server 2>/dev/null | grep -q "^rabbitmq: set the Secret's password for user " && set_by="$set_by $m"
    done
    [[ -n "$set_by" ]] && break
    sleep 5
  done
  if [[ -n "$set_by" ]]; then ok "the restarted broker set the Secret's new password on its kept user ($set_by )"; else
    fail "no RabbitMQ member set the new password: $(for m in $members; do kubectl logs -n "$NS" "$m" -c server 2>/dev/null | grep '^rabbitmq: '; done | tr '\n' ' ')"; fi
  m=$(head -1 <<< "$members")
  check "RabbitMQ accepts the new password" rabbitmqctl_in "$m" authenticate_user -- openstack "$NEWPASS"
  if rabbitmqctl_in "$m" authenticate_user -- openstack "$OLDPASS" > "$RUN/check.out" 2>&1; then
    fail "RabbitMQ still accepts the old password"
  else
    ok "RabbitMQ refuses the old password"
  fi
  if enabled neutron; then
    # the agents report their state to neutron-server over the broker, with the new password
    check "neutron's agents are alive again after the password change" client sh -ec "sleep 30; $AGENTS_ALIVE" || agent_logs
  fi
fi

# Galera failover (opt-in, OSK_NODE_GALERA_MEMBERS=2 or 3): the member the mariadb Service serves is deleted; the
# Service moves to another Ready member within seconds and SQL goes on through it with the data written before;
# the deleted member rejoins the cluster with that data, and the Service stays with the member it moved to
if enabled mariadb && [[ "$GALERA_MEMBERS" -gt 1 ]]; then
  serving() { kubectl get endpoints mariadb -n "$NS" -o jsonpath='{.subsets[0].addresses[0].targetRef.name}' 2>/dev/null; }
  # SQL in member $1, through the mariadb Service (-h mariadb) or the member's own server (-h 127.0.0.1)
  sql() { kubectl exec -n "$NS" "$1" -c server -- bash -c 'MYSQL_PWD="$DB_ROOT_PASSWORD" mysql -h "$0" -uroot -Nse "$1"' "$2" "$3"; }
  first=$(serving)
  check "a row written through the mariadb Service (member $first)" sql "$first" mariadb \
    "CREATE DATABASE IF NOT EXISTS e2e_galera; CREATE TABLE IF NOT EXISTS e2e_galera.t (id INT PRIMARY KEY); REPLACE INTO e2e_galera.t VALUES (1)"
  uid=$(kubectl get pod "$first" -n "$NS" -o jsonpath='{.metadata.uid}')
  started=$(date +%s)
  kubectl delete pod "$first" -n "$NS" --wait=false > /dev/null
  moved=""
  for _ in $(seq 60); do
    s=$(serving)
    if [[ -n "$s" && "$s" != "$first" ]]; then moved=$s; break; fi
    sleep 1
  done
  if [[ -n "$moved" ]]; then
    ok "deleting Galera member $first moved the mariadb Service to $moved in $(($(date +%s) - started)) s"
    if [[ "$(sql "$moved" mariadb "SELECT CONCAT(@@hostname, ' ', COUNT(*)) FROM e2e_galera.t" 2> "$RUN/check.out")" == "$moved 1" ]]; then
      ok "SQL through the mariadb Service reaches $moved and reads the row"
    else
      fail "SQL through the mariadb Service after the failover: $(tail -2 "$RUN/check.out" | tr '\n' ' ')"
    fi
  else
    fail "deleting Galera member $first: the mariadb Service still serves '$(serving)' after 60 s"
  fi
  back=""
  for _ in $(seq 120); do
    if [[ "$(kubectl get pod "$first" -n "$NS" -o jsonpath='{.metadata.uid} {.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == *" True" ]] \
        && [[ "$(kubectl get pod "$first" -n "$NS" -o jsonpath='{.metadata.uid}')" != "$uid" ]]; then back=yes; break; fi
    sleep 5
  done
  if [[ -n "$back" ]]; then
    ok "Galera member $first rejoined and is Ready again after $(($(date +%s) - started)) s"
    got=$(sql "$first" 127.0.0.1 "SELECT CONCAT(COUNT(*), ' ', (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE')) FROM e2e_galera.t" 2>&1)
    if [[ "$got" == "1 $GALERA_MEMBERS" ]]; then ok "the rejoined member $first holds the row and sees $GALERA_MEMBERS members"; else
      fail "the rejoined member $first: rows and cluster size '$got', expected '1 $GALERA_MEMBERS'"; fi
  else
    fail "Galera member $first did not come back Ready in 600 s"; explain
  fi
  if [[ -n "$moved" && "$(serving)" == "$moved" ]]; then ok "the mariadb Service stays with $moved while it is Ready"; else
    fail "the mariadb Service serves '$(serving)' after $first came back, expected $moved"; fi
fi

finish
