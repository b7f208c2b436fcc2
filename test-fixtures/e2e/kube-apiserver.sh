#!/usr/bin/env bash
# A real kube-apiserver (v1.20.2, built from Debian's kubernetes source package) and etcd on loopback, for the
# end-to-end suite.
#
#   kube-apiserver.sh install        install the build tools and etcd, build the Kubernetes binaries once (cached):
#                                    kube-apiserver, and for the real node (kube-node.sh) kubelet, kube-proxy,
#                                    kube-scheduler, kube-controller-manager and the pause image's binary
#   kube-apiserver.sh start RUNDIR   start etcd and kube-apiserver; writes RUNDIR/kubeconfig; waits for /readyz
#   kube-apiserver.sh stop RUNDIR    stop both by their process ids
#
# The binary is cached outside the repository in $OSK_E2E_CACHE (default ~/.cache/osk-e2e) and reused when
# present. Ports: $ETCD_PORT (default 12379, peers 12380) and $API_PORT (default 16443), loopback only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${OSK_E2E_CACHE:-$HOME/.cache/osk-e2e}
APISERVER="$CACHE/bin/kube-apiserver"
BINARIES=(kube-apiserver kubelet kube-proxy kube-scheduler kube-controller-manager)
# what the cached binaries were built from; a change rebuilds them
RECIPE="v1.20.2 from Debian's source package, vendored reflect2 replaced by Debian's 1.0.2"
ETCD_PORT=${ETCD_PORT:-12379}
API_PORT=${API_PORT:-16443}

log() { echo "kube-apiserver.sh: $*" >&2; }

install() {
  "$HERE/apt-install.sh" etcd-server openssl curl ca-certificates
  command -v kubectl >/dev/null || "$HERE/apt-install.sh" kubernetes-client
  local have=1
  for b in "${BINARIES[@]}" pause; do [[ -x "$CACHE/bin/$b" ]] || have=0; done
  [[ "$(cat "$CACHE/bin/recipe" 2>/dev/null)" == "$RECIPE" ]] || have=0
  if ((have)); then
    log "using cached binaries in $CACHE/bin"
    return
  fi
  # reflect2 1.0.1, as v1.20.2 vendors it, iterates maps through Go runtime internals that changed in Go 1.18:
  # built with Debian's Go 1.19 the servers crash ("fatal error: fault" in mapiterinit) on the first PATCH of a
  # map-valued field. 1.0.2 is the fix, with the same API; Debian ships it.
  "$HERE/apt-install.sh" golang-go rsync make dpkg-dev gcc libc6-dev golang-github-modern-go-reflect2-dev
  local work="$CACHE/build"
  rm -rf "$work"
  mkdir -p "$work/apt/parts" "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/src" "$CACHE/bin"
  # a private deb-src list made from the system one, so /etc/apt stays untouched
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$work/apt/parts/debsrc.sources"
  else
    grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > "$work/apt/parts/debsrc.list"
  fi
  local apto=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$work/apt/parts"
    -o Dir::State::Lists="$work/apt/lists" -o Dir::Cache="$work/apt/cache")
  apt-get "${apto[@]}" update -qq
  (cd "$work/src" && apt-get "${apto[@]}" source --download-only kubernetes-client >/dev/null)
  local tarball
  tarball=$(ls "$work"/src/kubernetes_*.orig.tar.gz | head -1)
  log "building ${BINARIES[*]} from $(basename "$tarball") (about 15 minutes on 2 cores)"
  tar xzf "$tarball" -C "$work/src"
  local tree
  tree=$(find "$work/src" -maxdepth 1 -type d -name 'kubernetes-*' | head -1)
  rm -rf "$tree/vendor/github.com/modern-go/reflect2"
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$tree/vendor/github.com/modern-go/reflect2"
  local what=()
  for b in "${BINARIES[@]}"; do what+=("cmd/$b"); done
  (cd "$tree" && make WHAT="${what[*]}" GOFLAGS=-trimpath KUBE_BUILD_PLATFORMS=linux/amd64 >"$work/build.log" 2>&1) \
    || { tail -30 "$work/build.log" >&2; exit 1; }
  gcc -Os -static -DVERSION=v3.4-osk -o "$CACHE/bin/pause.tmp" "$tree/build/pause/linux/pause.c"
  for b in "${BINARIES[@]}"; do
    cp "$tree/_output/bin/$b" "$CACHE/bin/$b.tmp"
  done
  for b in "${BINARIES[@]}" pause; do mv "$CACHE/bin/$b.tmp" "$CACHE/bin/$b"; done
  echo "$RECIPE" > "$CACHE/bin/recipe"
  rm -rf "$work"
  log "built $("$APISERVER" --version)"
}

start() {
  local run=$1
  mkdir -p "$run/pki"
  local p="$run/pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=osk-e2e-ca" -keyout "$p/ca.key" -out "$p/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$p/apiserver.key" -out "$p/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$p/san.ext"
  openssl x509 -req -in "$p/apiserver.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial -days 2 \
    -extfile "$p/san.ext" -out "$p/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$p/sa.key" 2048 2>/dev/null
  openssl rsa -in "$p/sa.key" -pubout -out "$p/sa.pub" 2>/dev/null
  local token
  token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  echo "$token,admin,admin,system:masters" > "$p/tokens.csv"
  cat > "$run/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: osk-e2e
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $p/ca.crt
users:
- name: admin
  user:
    token: $token
contexts:
- name: osk-e2e
  context: {cluster: osk-e2e, user: admin}
current-context: osk-e2e
KC
  etcd --name osk-e2e --data-dir "$run/etcd-data" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
    --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
    --initial-cluster "osk-e2e=http://127.0.0.1:$((ETCD_PORT + 1))" > "$run/etcd.log" 2>&1 &
  echo $! > "$run/etcd.pid"
  "$APISERVER" --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" --insecure-port=0 \
    --tls-cert-file="$p/apiserver.crt" --tls-private-key-file="$p/apiserver.key" \
    --token-auth-file="$p/tokens.csv" --authorization-mode=RBAC --allow-privileged=true \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$p/sa.pub" --service-account-signing-key-file="$p/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 --endpoint-reconciler-type=none \
    --disable-admission-plugins=ServiceAccount --cert-dir="$run/certs" > "$run/apiserver.log" 2>&1 &
  echo $! > "$run/apiserver.pid"
  for _ in $(seq 120); do
    if KUBECONFIG="$run/kubeconfig" kubectl get --raw /readyz >/dev/null 2>&1; then
      log "ready on 127.0.0.1:$API_PORT"
      return
    fi
    sleep 1
  done
  log "kube-apiserver did not become ready; last log lines:"
  tail -20 "$run/apiserver.log" >&2
  stop "$run"
  exit 1
}

stop() {
  local run=$1
  for svc in apiserver etcd; do
    if [[ -f "$run/$svc.pid" ]]; then
      kill "$(cat "$run/$svc.pid")" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$(cat "$run/$svc.pid")" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$(cat "$run/$svc.pid")" 2>/dev/null || true
      rm -f "$run/$svc.pid"
    fi
  done
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?run folder}" ;;
  stop) stop "${2:?run folder}" ;;
  *) echo "usage: $0 install | start RUNDIR | stop RUNDIR" >&2; exit 2 ;;
esac
