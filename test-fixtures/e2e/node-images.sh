#!/usr/bin/env bash
# Container images for the real-node suite, built locally from Debian bookworm's packages (there is no registry).
#
#   node-images.sh build            build the image's package layer (cached)
#   node-images.sh rootfs           build the stages of that layer (cached) and print the folder of the last one, a
#                                   root filesystem with every package installed (for tools run in a chroot)
#   node-images.sh import ADDRESS NAME...
#                                   import the image into the containerd at ADDRESS (namespace k8s.io), unless it
#                                   is there already, and tag it under every NAME (the image names a render uses)
#   node-images.sh import-pause ADDRESS
#                                   the same for the pod sandbox image, named as `node-images.sh pause-name` prints
#
# One image holds every service: Debian's OpenStack Zed packages (keystone, glance, placement, nova, neutron,
# cinder, horizon), MariaDB with Galera, RabbitMQ, Memcached, Open vSwitch, Apache with mod_wsgi, the OpenStack
# client, and a kubernetes-entrypoint stand-in (kubernetes-entrypoint.py beside this script). It is tagged under
# each name the charts render, so the manifests run unchanged apart from the e2e overlay. A second, tiny image
# holds the pod sandbox's pause binary.
#
# Stages are cached in $OSK_E2E_CACHE/images (default ~/.cache/osk-e2e/images), each keyed by what it is built
# from (its package list and $RECIPE); osk's own files are a second, small layer made on every import, so changing
# the stand-in costs seconds. The image's tag is made of both layers' digests: a changed layer is a new image.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${OSK_E2E_CACHE:-$HOME/.cache/osk-e2e}
IMAGES="$CACHE/images"
SUITE=bookworm

# what the base root filesystem holds (debootstrap --variant=minbase --include)
BASE_PACKAGES=(python3 ca-certificates curl iproute2 procps netcat-openbsd less)
# the services, as Debian bookworm packages them
OPENSTACK_PACKAGES=(
  keystone python3-keystone
  glance-api glance-common
  placement-api python3-placement
  nova-api nova-conductor nova-scheduler nova-novncproxy
  neutron-server neutron-plugin-ml2 neutron-openvswitch-agent neutron-dhcp-agent neutron-l3-agent neutron-metadata-agent
  cinder-api cinder-scheduler cinder-volume
  openstack-dashboard python3-django-horizon
  apache2 libapache2-mod-wsgi-py3 uwsgi-core uwsgi-plugin-python3
  mariadb-server mariadb-client galera-4 rsync
  rabbitmq-server memcached openvswitch-switch
  python3-openstackclient python3-pymysql python3-memcache
)
# what the charts' commands need besides the services (a stage of its own, so adding one is quick)
EXTRA_PACKAGES=(dumb-init mariadb-backup python3-osc-placement
  nova-compute libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils python3-libvirt
  ceph-mon ceph-osd ceph-mgr ceph-common python3-rbd python3-rados
  iputils-ping arping)

log() { echo "node-images.sh: $*" >&2; }

# the Debian mirror this machine's apt uses
mirror() {
  local m
  m=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1)
  [[ -n "$m" ]] || m=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1)
  echo "${m:-http://deb.debian.org/debian}"
}

# bump when the way a stage is built changes (its package list is part of its key already)
RECIPE=1
BASE_KEY=$(printf '%s\n' "$SUITE" "${BASE_PACKAGES[@]}" | sha256sum | cut -c1-16)
OPENSTACK_KEY=$(printf '%s\n' "$BASE_KEY" "$RECIPE" "${OPENSTACK_PACKAGES[@]}" | sha256sum | cut -c1-16)
EXTRA_KEY=$(printf '%s\n' "$OPENSTACK_KEY" "$RECIPE" "${EXTRA_PACKAGES[@]}" | sha256sum | cut -c1-16)
BASE_ROOT="$IMAGES/rootfs-base-$BASE_KEY"
OPENSTACK_ROOT="$IMAGES/rootfs-openstack-$OPENSTACK_KEY"
EXTRA_ROOT="$IMAGES/rootfs-extra-$EXTRA_KEY"
# the image's layers: the packages (big, rebuilt only when a package list changes) and osk's own files
LAYER="$IMAGES/layer-$EXTRA_KEY.tar"
OSK_FILES=("$HERE/kubernetes-entrypoint.py:/usr/local/bin/kubernetes-entrypoint"
  "$HERE/kolla-set-configs.py:/usr/local/bin/kolla_set_configs")
# the pod sandbox image's name, as the node's containerd is configured to use it
PAUSE_NAME="osk.local/e2e/pause:3.2"

# runs "$@" in a private mount namespace with /proc, /sys and /dev mounted in ROOT; the mounts end with it
in_root() {
  local root=$1; shift
  unshare --mount --propagation private -- bash -ec '
    root=$1; shift
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t sysfs sysfs "$root/sys"
    exec chroot "$root" "$@"' in_root "$root" "$@"
}

build_base() {
  [[ -d "$BASE_ROOT" ]] && return
  "$HERE/apt-install.sh" debootstrap
  local tmp="$BASE_ROOT.tmp.$$"
  rm -rf "$tmp"
  log "debootstrap $SUITE (minbase) into $tmp (about 4 minutes)"
  local inc
  inc=$(IFS=,; echo "${BASE_PACKAGES[*]}")
  debootstrap --variant=minbase --include="$inc" "$SUITE" "$tmp" "$(mirror)" > "$IMAGES/debootstrap.log" 2>&1 \
    || { tail -20 "$IMAGES/debootstrap.log" >&2; rm -rf "$tmp"; exit 1; }
  rm -rf "$tmp/var/cache/apt/archives/"*.deb
  mv "$tmp" "$BASE_ROOT"
}

# stage ROOT PARENT PACKAGE...: ROOT is a copy of PARENT with the packages installed
stage() {
  local root=$1 parent=$2; shift 2
  [[ -d "$root" ]] && return
  local tmp="$root.tmp.$$"
  rm -rf "$tmp"
  cp -a "$parent" "$tmp"
  # no service starts at install time; answers come from the packages' defaults
  printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d"
  chmod 755 "$tmp/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$tmp/etc/resolv.conf"
  local name
  name=$(basename "$root")
  log "installing $# packages (with dependencies) into $name"
  if ! in_root "$tmp" env DEBIAN_FRONTEND=noninteractive LC_ALL=C bash -ec "
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends $*
      apt-get clean
      rm -rf /var/lib/apt/lists/*" > "$IMAGES/$name.log" 2>&1; then
    tail -30 "$IMAGES/$name.log" >&2
    rm -rf "$tmp"
    exit 1
  fi
  rm -f "$tmp/usr/sbin/policy-rc.d"
  : > "$tmp/etc/resolv.conf"
  mv "$tmp" "$root"
}

# a reproducible tar of a folder: sorted names, numeric owners (times are kept: Python checks them against its
# byte-code caches)
layer_tar() {
  tar --sort=name --numeric-owner --xattrs -C "$1" -cf "$2" .
}

# the same for osk's own small layers, with fixed times, so the same files give the same digest
small_tar() {
  tar --sort=name --numeric-owner --mtime=@0 -C "$1" -cf "$2" .
}

build() {
  mkdir -p "$IMAGES"
  if [[ ! -f "$LAYER" ]]; then
    build_base
    stage "$OPENSTACK_ROOT" "$BASE_ROOT" "${OPENSTACK_PACKAGES[@]}"
    stage "$EXTRA_ROOT" "$OPENSTACK_ROOT" "${EXTRA_PACKAGES[@]}"
    log "writing $(basename "$LAYER")"
    layer_tar "$EXTRA_ROOT" "$LAYER.tmp"
    mv "$LAYER.tmp" "$LAYER"
  fi
  # stages of earlier keys go
  find "$IMAGES" -maxdepth 1 \( -name 'rootfs-*' ! -name "$(basename "$BASE_ROOT")" \
    ! -name "$(basename "$OPENSTACK_ROOT")" ! -name "$(basename "$EXTRA_ROOT")" \
    -o -name 'layer-*' ! -name "$(basename "$LAYER")" ! -name "$(basename "$LAYER").sha256" \) -exec rm -rf {} +
}

# the root filesystem of the image's packages, built when missing (even when the layer exists already)
rootfs() {
  mkdir -p "$IMAGES"
  build_base
  stage "$OPENSTACK_ROOT" "$BASE_ROOT" "${OPENSTACK_PACKAGES[@]}"
  stage "$EXTRA_ROOT" "$OPENSTACK_ROOT" "${EXTRA_PACKAGES[@]}"
  echo "$EXTRA_ROOT"
}

# streams a docker-archive (the format `ctr images import` reads) of the given layer tars, tagged NAME, to stdout
docker_archive() {
  local name=$1 cmd=$2; shift 2
  local work
  work=$(mktemp -d)
  local layers=() diffs=() i=0 layer
  for layer in "$@"; do
    ln -s "$layer" "$work/layer$i.tar"
    layers+=("\"layer$i.tar\"")
    diffs+=("\"sha256:$(sha256sum "$layer" | cut -d' ' -f1)\"")
    i=$((i + 1))
  done
  local IFS=,
  cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["$cmd"]},
 "rootfs":{"type":"layers","diff_ids":[${diffs[*]}]}}
JSON
  printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":[%s]}]\n' "$name" "${layers[*]}" > "$work/manifest.json"
  tar -chf - -C "$work" .
  rm -rf "$work"
}

# the layer of osk's own files (tiny, made on every call) and the name that identifies the image built from them
osk_layer() {
  local root=$1 f
  for f in "${OSK_FILES[@]}"; do
    install -D -m 755 "${f%%:*}" "$root/${f#*:}"
  done
  small_tar "$root" "$root.tar"
}

import_pause() {
  local address=$1
  local ctr=(ctr --address "$address" -n k8s.io)
  [[ -x "$CACHE/bin/pause" ]] || { log "no $CACHE/bin/pause: run kube-apiserver.sh install first"; exit 1; }
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  mkdir -p "$work/pause"
  cp "$CACHE/bin/pause" "$work/pause/pause"
  small_tar "$work/pause" "$work/pause.tar"
  local pause="osk.local/e2e/pause:$(sha256sum "$work/pause.tar" | cut -c1-12)"
  if ! "${ctr[@]}" images ls -q | grep -qx "$pause"; then
    docker_archive "$pause" /pause "$work/pause.tar" | "${ctr[@]}" images import - >/dev/null
  fi
  "${ctr[@]}" images tag --force "$pause" "$PAUSE_NAME" >/dev/null
}

import() {
  local address=$1; shift
  [[ -f "$LAYER" ]] || { log "the image is not built: run node-images.sh build first"; exit 1; }
  local ctr=(ctr --address "$address" -n k8s.io)
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  osk_layer "$work/osk"
  local tag
  if [[ ! -s "$LAYER.sha256" ]]; then
    sha256sum "$LAYER" | cut -c1-12 > "$LAYER.sha256.tmp.$$"
    mv "$LAYER.sha256.tmp.$$" "$LAYER.sha256"
  fi
  tag="$(cat "$LAYER.sha256")-$(sha256sum "$work/osk.tar" | cut -c1-12)"
  local name="osk.local/e2e/openstack:$tag"
  if ! "${ctr[@]}" images ls -q | grep -qx "$name"; then
    log "importing $name ($(du -h "$LAYER" | cut -f1)) into containerd"
    docker_archive "$name" /bin/bash "$LAYER" "$work/osk.tar" | "${ctr[@]}" images import - >/dev/null
  fi
  for tag in "$@"; do
    "${ctr[@]}" images tag --force "$name" "$tag" >/dev/null
  done
  # images of earlier builds, and names this import does not give, go (containerd then frees their layers)
  local keep=" $name $* " old
  for old in $("${ctr[@]}" images ls -q | grep '^osk\.local/e2e/' | grep -v '^osk\.local/e2e/pause:'); do
    [[ "$keep" == *" $old "* ]] || "${ctr[@]}" images rm "$old" >/dev/null
  done
}

case "${1:-}" in
  build) build ;;
  rootfs) rootfs ;;
  import) shift; import "${1:?containerd address}" "${@:2}" ;;
  import-pause) import_pause "${2:?containerd address}" ;;
  pause-name) echo "$PAUSE_NAME" ;;
  *) echo "usage: $0 build | rootfs | import ADDRESS NAME... | import-pause ADDRESS | pause-name" >&2; exit 2 ;;
esac
