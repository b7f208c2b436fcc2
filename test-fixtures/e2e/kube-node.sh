#!/usr/bin/env bash
# A real single-node Kubernetes v1.20.2 cluster for the real-node suite (run-node.sh): etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kubelet and kube-proxy (built by kube-apiserver.sh install), with
# containerd, runc and the CNI plugins from Debian's packages, cluster DNS and a volume provisioner
# (node-services.py).
#
#   kube-node.sh install           install the runtime packages, build the binaries and the images (all cached)
#   kube-node.sh start RUNDIR [IMAGE...]
#                                  start the node; writes RUNDIR/kubeconfig; imports the images and tags them under
#                                  every IMAGE name given; waits until the node is Ready
#   kube-node.sh stop RUNDIR       stop every process the node started and remove what it made
#   kube-node.sh exec RUNDIR CMD...
#                                  run CMD in the node's network (to reach pods and Services)
#
# Isolation. Everything runs inside one network and mount namespace of the node's own, held open by a process
# whose id is RUNDIR/holder.pid. The host sees only one end of a veth pair (10.89.0.1/30; the node is 10.89.0.2),
# so the host's iptables, routes and sysctls stay untouched; the kubelet's and containerd's mounts live and die
# in the node's mount namespace, where /run is a tmpfs and /etc, /var/lib and /usr/lib are overlays whose upper
# layers are in RUNDIR/host, so what pods write through hostPath volumes never reaches the host. Pods get addresses in 10.244.0.0/24 with routes only to the Service range
# (10.96.0.0/24) and the node: no default route, so nothing in a pod reaches beyond this machine.
#
# Stopping ends, by process id, exactly the processes of the node: those in its mount namespace and those in its
# cgroup tree (the containers), then removes the cgroups, the veth pair and the folders it created. It is safe to
# run after a start that failed half-way, and again after a stop.
#
# Caches: binaries in $OSK_E2E_CACHE/bin, images in $OSK_E2E_CACHE/images, and containerd's image store in
# $OSK_E2E_CACHE/containerd, so a second start imports nothing.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${OSK_E2E_CACHE:-$HOME/.cache/osk-e2e}
BIN="$CACHE/bin"
# OSK_NODE_INDEX (0 to 63, default 0) lets a second node run beside the first: its own veth pair and addresses
# (10.89.INDEX.1 and .2), cgroups and containerd image store
INDEX=${OSK_NODE_INDEX:-0}
[[ "$INDEX" =~ ^([0-9]|[1-5][0-9]|6[0-3])$ ]] || { echo "kube-node.sh: OSK_NODE_INDEX must be 0 to 63" >&2; exit 2; }
HOST_IP=10.89.$INDEX.1
NODE_IP=10.89.$INDEX.2
POD_CIDR=10.244.0.0/24
POD_GATEWAY=10.244.0.1
SERVICE_CIDR=10.96.0.0/24
NODE_NAME=osk-node
VETH_HOST=osk-h$INDEX
VETH_NODE=osk-n$INDEX
CONTAINERD_ROOT="$CACHE/containerd"
((INDEX == 0)) || CONTAINERD_ROOT="$CACHE/containerd-$INDEX"
NODE_LABELS=openstack-control-plane=enabled,openstack-compute-node=enabled,openvswitch=enabled
CGROUP_SUBSYSTEMS=(cpu cpuacct cpuset memory devices freezer blkio pids systemd unified)

log() { echo "kube-node.sh: $*" >&2; }

install() {
  "$HERE/kube-apiserver.sh" install
  "$HERE/apt-install.sh" containerd runc containernetworking-plugins iptables dnsmasq-base socat conntrack
  "$HERE/node-images.sh" build
}

# the cgroup every node cgroup lives under: below this process's memory cgroup, so the node's memory is counted
# where this process's is
cgroup_root() {
  local mem
  mem=$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)
  mem=${mem%/}
  echo "$mem/osk-node$( ((INDEX == 0)) || echo "-$INDEX")"
}

# runs CMD in the node's namespaces
in_node() {
  local run=$1; shift
  nsenter -t "$(cat "$run/holder.pid")" -n -m -- "$@"
}

# starts CMD in the node's namespaces in the background, its output in RUNDIR/NAME.log, its pid in RUNDIR/NAME.pid
daemon() {
  local run=$1 name=$2; shift 2
  nsenter -t "$(cat "$run/holder.pid")" -n -m -- "$@" > "$run/$name.log" 2>&1 &
  echo $! > "$run/$name.pid"
}

certs() {
  local p=$1
  mkdir -p "$p"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=osk-node-ca" -keyout "$p/ca.key" -out "$p/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$p/apiserver.key" -out "$p/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:%s,IP:10.96.0.1,IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n' \
    "$NODE_IP" > "$p/san.ext"
  openssl x509 -req -in "$p/apiserver.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial -days 2 \
    -extfile "$p/san.ext" -out "$p/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$p/sa.key" 2048 2>/dev/null
  openssl rsa -in "$p/sa.key" -pubout -out "$p/sa.pub" 2>/dev/null
}

write_configs() {
  local run=$1 token=$2 cgroot=$3
  cat > "$run/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: osk-node
  cluster:
    server: https://$NODE_IP:6443
    certificate-authority: $run/pki/ca.crt
users:
- name: admin
  user:
    token: $token
contexts:
- name: osk-node
  context: {cluster: osk-node, user: admin}
current-context: osk-node
KC
  mkdir -p "$run/containerd" "$run/cni/net.d" "$run/kubelet" "$run/dns" "$run/volumes" "$run/log"
  cat > "$run/containerd/config.toml" <<TOML
version = 2
root = "$CONTAINERD_ROOT"
state = "$run/containerd/state"
[grpc]
  address = "$run/containerd/containerd.sock"
[ttrpc]
  address = "$run/containerd/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$run/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$("$HERE/node-images.sh" pause-name)"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$run/cni/net.d"
TOML
  cat > "$run/cni/net.d/10-osk.conflist" <<JSON
{"cniVersion": "0.4.0", "name": "osk", "plugins": [
  {"type": "bridge", "bridge": "osk0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "dataDir": "$run/cni/ipam",
            "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$POD_GATEWAY"}]],
            "routes": [{"dst": "$SERVICE_CIDR"}, {"dst": "$NODE_IP/32"}]}},
  {"type": "portmap", "capabilities": {"portMappings": true}}
]}
JSON
  : > "$run/resolv.conf"
  cat > "$run/kubelet/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication: {anonymous: {enabled: true}, webhook: {enabled: false}}
authorization: {mode: AlwaysAllow}
cgroupDriver: cgroupfs
cgroupRoot: $cgroot
clusterDNS: [$NODE_IP]
clusterDomain: cluster.local
resolvConf: $run/resolv.conf
failSwapOn: false
serializeImagePulls: false
maxPods: 200
evictionHard: {memory.available: 200Mi, nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
hairpinMode: hairpin-veth
YAML
  cat > "$run/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $run/kubeconfig}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $POD_CIDR
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
iptables: {masqueradeAll: true}
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
YAML
}

make_cgroups() {
  local run=$1 cgroot=$2 s dir parts part path
  : > "$run/cgroups-created"
  for s in "${CGROUP_SUBSYSTEMS[@]}"; do
    [[ -d "/sys/fs/cgroup/$s" ]] || continue
    path="/sys/fs/cgroup/$s"
    IFS=/ read -ra parts <<< "${cgroot#/}"
    for part in "${parts[@]}"; do
      dir="$path/$part"
      if [[ ! -d "$dir" ]]; then
        mkdir "$dir"
        echo "$dir" >> "$run/cgroups-created"
        if [[ $s == cpuset ]]; then
          cat "$path/cpuset.cpus" > "$dir/cpuset.cpus"
          cat "$path/cpuset.mems" > "$dir/cpuset.mems"
        fi
      fi
      path=$dir
    done
  done
}

wait_for() {
  local what=$1 tries=$2; shift 2
  for _ in $(seq "$tries"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  log "$what did not come up"
  return 1
}

start() {
  local run=$1; shift
  [[ ! -f "$run/holder.pid" ]] || { log "$run holds a node already: stop it first"; exit 1; }
  if ip link show "$VETH_HOST" >/dev/null 2>&1; then
    log "$VETH_HOST exists: node $INDEX runs already (stop it, or set OSK_NODE_INDEX for another one)"; exit 1
  fi
  mkdir -p "$run"
  run=$(cd "$run" && pwd)
  local cgroot token
  cgroot=$(cgroup_root)
  token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  certs "$run/pki"
  echo "$token,admin,admin,system:masters" > "$run/pki/tokens.csv"
  write_configs "$run" "$token" "$cgroot"
  echo "$cgroot" > "$run/cgroot"

  # the node's namespaces, held by one process
  unshare --net --mount --propagation private sleep infinity </dev/null >/dev/null 2>&1 &
  echo $! > "$run/holder.pid"
  sleep 0.2
  in_node "$run" mount --make-rshared /
  ip link add "$VETH_HOST" type veth peer name "$VETH_NODE"
  echo "$VETH_HOST" > "$run/veth"
  ip link set "$VETH_NODE" netns "$(cat "$run/holder.pid")"
  ip addr add "$HOST_IP/30" dev "$VETH_HOST"
  ip link set "$VETH_HOST" up
  in_node "$run" sh -ec "
    ip link set lo up
    ip addr add $NODE_IP/30 dev $VETH_NODE
    ip link set $VETH_NODE up
    # the pods' bridge, made here so the Service range can be routed to it before the first pod: processes of
    # the node's own network (hostNetwork pods) reach Services through kube-proxy's rules, and whatever matches
    # none stays on the bridge
    ip link add osk0 type bridge
    ip link set osk0 up
    ip route add $SERVICE_CIDR dev osk0
    sysctl -qw net.ipv4.ip_forward=1
    sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null || true
    # paths the daemons insist on, private to the node
    mount -t tmpfs -o mode=755 tmpfs /run
    mkdir -p /run/containerd
    mount --bind $run/log /var/log
    mkdir -p /var/log/pods /var/log/containers
    # what pods write through hostPath volumes (/var/lib/nova, /etc/ceph, ...) lands in the node's folder: the
    # host's /etc, /var/lib and /usr/lib are the read-only lower layers of overlays of the node's own
    for d in /etc /var/lib /usr/lib; do
      n=\$(echo \$d | tr / _)
      mkdir -p $run/host/upper\$n $run/host/work\$n
      mount -t overlay overlay -o lowerdir=\$d,upperdir=$run/host/upper\$n,workdir=$run/host/work\$n \$d
    done
    # a node has a module folder for its kernel, even when the kernel loads no modules
    mkdir -p /usr/lib/modules/\$(uname -r)"
  make_cgroups "$run" "$cgroot"
  # the top-level cgroups that exist now: libvirt makes its own (/machine) beside the node's, and stop removes
  # those that were not here before
  find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d | sort > "$run/cgroups-before"

  daemon "$run" etcd etcd --name osk-node --data-dir "$run/etcd-data" --unsafe-no-fsync \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster osk-node=http://127.0.0.1:2380 --listen-metrics-urls=
  local p="$run/pki"
  daemon "$run" apiserver "$BIN/kube-apiserver" --etcd-servers=http://127.0.0.1:2379 \
    --bind-address="$NODE_IP" --advertise-address="$NODE_IP" --secure-port=6443 --insecure-port=0 \
    --tls-cert-file="$p/apiserver.crt" --tls-private-key-file="$p/apiserver.key" --client-ca-file="$p/ca.crt" \
    --token-auth-file="$p/tokens.csv" --authorization-mode=RBAC --allow-privileged=true \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$p/sa.pub" --service-account-signing-key-file="$p/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" --kubelet-preferred-address-types=InternalIP \
    --cert-dir="$run/apiserver-certs"
  export KUBECONFIG="$run/kubeconfig"
  wait_for "kube-apiserver" 120 kubectl get --raw /readyz || { tail -20 "$run/apiserver.log" >&2; exit 1; }
  daemon "$run" controller-manager "$BIN/kube-controller-manager" --kubeconfig="$run/kubeconfig" \
    --service-account-private-key-file="$p/sa.key" --root-ca-file="$p/ca.crt" \
    --controllers='*,-nodeipam,-cloud-node-lifecycle,-route,-service' --leader-elect=false \
    --port=0 --bind-address=127.0.0.1 --cert-dir="$run/controller-manager-certs"
  daemon "$run" scheduler "$BIN/kube-scheduler" --kubeconfig="$run/kubeconfig" --leader-elect=false \
    --port=0 --bind-address=127.0.0.1 --cert-dir="$run/scheduler-certs"
  daemon "$run" containerd containerd --config "$run/containerd/config.toml"
  wait_for "containerd" 60 ctr --address "$run/containerd/containerd.sock" version \
    || { tail -20 "$run/containerd.log" >&2; exit 1; }
  # what a run that ended without stopping left in the image store
  remove_containers "$run"
  "$HERE/node-images.sh" import-pause "$run/containerd/containerd.sock"
  (($#)) && "$HERE/node-images.sh" import "$run/containerd/containerd.sock" "$@"
  daemon "$run" dns dnsmasq --keep-in-foreground --no-resolv --no-hosts --no-daemon --log-facility=- \
    --listen-address="$NODE_IP" --bind-interfaces --local=/cluster.local/ --local=/10.in-addr.arpa/ \
    --hostsdir="$run/dns" --pid-file= --user=root --cache-size=0
  daemon "$run" node-services python3 "$HERE/node-services.py" "$run/kubeconfig" "$run/dns/cluster.hosts" "$run/volumes"
  daemon "$run" kubelet "$BIN/kubelet" --config="$run/kubelet/config.yaml" --kubeconfig="$run/kubeconfig" \
    --container-runtime=remote --container-runtime-endpoint="unix://$run/containerd/containerd.sock" \
    --root-dir="$run/kubelet" --cert-dir="$run/kubelet/pki" --node-ip="$NODE_IP" \
    --hostname-override="$NODE_NAME" --node-labels="$NODE_LABELS" --v=1
  daemon "$run" kube-proxy "$BIN/kube-proxy" --config="$run/kube-proxy.yaml"
  wait_for "node $NODE_NAME" 120 kubectl wait --for=condition=Ready "node/$NODE_NAME" --timeout=1s \
    || { tail -20 "$run/kubelet.log" >&2; exit 1; }
  log "node $NODE_NAME is Ready; KUBECONFIG=$run/kubeconfig"
}

remove_containers() {
  local run=$1 c
  local ctr=(ctr --address "$run/containerd/containerd.sock" -n k8s.io)
  for c in $("${ctr[@]}" tasks ls -q 2>/dev/null); do "${ctr[@]}" tasks kill -s SIGKILL "$c" >/dev/null 2>&1 || true; done
  for c in $("${ctr[@]}" tasks ls -q 2>/dev/null); do "${ctr[@]}" tasks delete -f "$c" >/dev/null 2>&1 || true; done
  for c in $("${ctr[@]}" containers ls -q 2>/dev/null); do "${ctr[@]}" containers delete "$c" >/dev/null 2>&1 || true; done
}

# the pids of every process in the node's cgroup tree
cgroup_pids() {
  local cgroot=$1
  [[ -d "/sys/fs/cgroup/pids$cgroot" ]] && find "/sys/fs/cgroup/pids$cgroot" -name cgroup.procs -exec cat {} + 2>/dev/null
  [[ -d "/sys/fs/cgroup/memory$cgroot" ]] && find "/sys/fs/cgroup/memory$cgroot" -name cgroup.procs -exec cat {} + 2>/dev/null
  true
}

# the pids of every process in the mount namespace of the holder
namespace_pids() {
  local holder=$1 ns pid
  ns=$(readlink "/proc/$holder/ns/mnt" 2>/dev/null) || return 0
  for pid in /proc/[0-9]*; do
    pid=${pid#/proc/}
    [[ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" == "$ns" ]] && echo "$pid"
  done
  true
}

stop() {
  local run=$1
  [[ -d "$run" ]] || return 0
  run=$(cd "$run" && pwd)
  local cgroot holder="" pid
  cgroot=$(cat "$run/cgroot" 2>/dev/null || cgroup_root)
  [[ -f "$run/holder.pid" ]] && holder=$(cat "$run/holder.pid")
  # the kubelet first, so it restarts nothing; then the containers it ran
  for name in kubelet kube-proxy; do
    [[ -f "$run/$name.pid" ]] && kill "$(cat "$run/$name.pid")" 2>/dev/null || true
  done
  if [[ -S "$run/containerd/containerd.sock" ]] && [[ -n "$holder" ]] && kill -0 "$holder" 2>/dev/null; then
    timeout 60 bash -c "$(declare -f remove_containers); remove_containers '$run'" || true
  fi
  # whatever is left in the node's cgroups or its namespace, the holder last
  for _ in 1 2 3; do
    for pid in $(cgroup_pids "$cgroot"); do kill -9 "$pid" 2>/dev/null || true; done
    if [[ -n "$holder" ]]; then
      for pid in $(namespace_pids "$holder"); do
        [[ "$pid" == "$holder" ]] || kill -9 "$pid" 2>/dev/null || true
      done
    fi
    sleep 0.5
  done
  if [[ -n "$holder" ]]; then
    kill -9 "$holder" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$holder" 2>/dev/null || break; sleep 0.1; done
  fi
  for name in etcd apiserver controller-manager scheduler containerd dns node-services kubelet kube-proxy; do
    [[ -f "$run/$name.pid" ]] && kill -9 "$(cat "$run/$name.pid")" 2>/dev/null || true
  done
  # cgroups, deepest first (a killed process leaves its cgroup only once it is gone: a few tries), then the
  # ones start created and the ones others made beside them while the node ran (libvirt's /machine)
  local s try
  for try in $(seq 20); do
    for s in "${CGROUP_SUBSYSTEMS[@]}"; do
      [[ -d "/sys/fs/cgroup/$s$cgroot" ]] && find "/sys/fs/cgroup/$s$cgroot" -depth -type d -exec rmdir {} \; 2>/dev/null
    done
    if [[ -f "$run/cgroups-before" ]]; then
      find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d | sort | comm -13 "$run/cgroups-before" - \
        | while read -r d; do find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true; done
    fi
    local left=0
    for s in "${CGROUP_SUBSYSTEMS[@]}"; do [[ -d "/sys/fs/cgroup/$s$cgroot" ]] && left=1; done
    [[ -f "$run/cgroups-before" ]] && [[ -n "$(find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d | sort | comm -13 "$run/cgroups-before" -)" ]] && left=1
    ((left)) || break
    sleep 0.5
  done
  if [[ -f "$run/cgroups-created" ]]; then
    tac "$run/cgroups-created" | while read -r d; do rmdir "$d" 2>/dev/null || true; done
  fi
  if [[ -f "$run/veth" ]] && ip link show "$(cat "$run/veth")" >/dev/null 2>&1; then
    ip link delete "$(cat "$run/veth")" 2>/dev/null || true
  fi
  rm -f "$run"/*.pid "$run/veth" "$run/cgroups-created" "$run/cgroups-before"
  local left=""
  for s in "${CGROUP_SUBSYSTEMS[@]}"; do [[ -d "/sys/fs/cgroup/$s$cgroot" ]] && left+=" /sys/fs/cgroup/$s$cgroot"; done
  [[ -z "$left" ]] || log "could not remove cgroups:$left"
}

case "${1:-}" in
  install) install ;;
  start) shift; start "${1:?run folder}" "${@:2}" ;;
  stop) stop "${2:?run folder}" ;;
  exec) shift; run=${1:?run folder}; shift; in_node "$run" "$@" ;;
  *) echo "usage: $0 install | start RUNDIR [IMAGE...] | stop RUNDIR | exec RUNDIR CMD..." >&2; exit 2 ;;
esac
