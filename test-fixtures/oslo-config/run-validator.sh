#!/usr/bin/env bash
# Every oslo.config file the kit renders holds only options the services read.
#
#   run-validator.sh
#
# Renders the shipped kit with values/aio.yaml, with values/multinode-ha.yaml, and as the real-node suite does
# (values/aio.yaml and test-fixtures/e2e/node/*.yaml), takes every file out of every ConfigMap and checks each
# oslo.config file with oslo-config-validator --fatal-warnings against the option registries of Debian
# bookworm's OpenStack packages (Zed): the namespaces of each file are in files.txt, options that only 2024.1 has
# (or only Zed) in allowlist.txt. The packages are those of the real-node image: the validator runs in that
# image's root filesystem (test-fixtures/e2e/node-images.sh rootfs, built on first use), read-only, in a private
# mount namespace. Options set as OS_SECTION__OPTION environment variables are checked against the files their
# container mounts. A self-test first renders known-bad input (an unknown option, an unknown option in a
# keystoneauth plugin section, in a cinder backend section and in the environment, a config file files.txt
# does not list, and a stale allowlist entry) and requires each to be reported.
#
# Prints one "ok" or "FAILED" line per check (and one FAILED line per problem: file, section, option and where
# it is rendered); exits 1 when any check failed. Needs root (chroot, mount namespace; apt-get on first use).
set -uo pipefail
cd "$(dirname "$0")/../.."
HERE="$PWD/test-fixtures/oslo-config"
FAILED=0
fail() { FAILED=$((FAILED + 1)); echo "FAILED $*"; }

WORK=$(mktemp -d /tmp/osk-oslo-config.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
started=$(date +%s)

# the renders: LABEL FLAGS...
render() {
  local label=$1; shift
  if ! ./osk render "$@" > "$WORK/$label.yaml" 2> "$WORK/$label.err"; then
    fail "osk render ($label): $(head -3 "$WORK/$label.err")"
    return 1
  fi
}
NODE_FLAGS=(-f values/aio.yaml)
for f in test-fixtures/e2e/node/*.yaml; do NODE_FLAGS+=(-f "$f"); done
render aio -f values/aio.yaml || exit 1
render multinode-ha -f values/multinode-ha.yaml -f test-fixtures/passwords/kit-passwords.yaml || exit 1
render real-node "${NODE_FLAGS[@]}" || exit 1
render self-test -f values/aio.yaml -s '*/keystone/**' -s '*/glance/**' -s '*/cinder/**' \
  --set 'keystone.conf.keystone\.conf.DEFAULT.no_such_option=1' \
  --set 'keystone.conf.osk-self-test\.conf.DEFAULT.debug=true' \
  --set 'glance.conf.glance-api\.conf.keystone_authtoken.no_such_auth_option=1' \
  --set 'cinder.conf.cinder\.conf.lvm.no_such_backend_option=1' \
  --set-string 'keystone.api.envVars.OS_DEFAULT__NO_SUCH_ENV_OPTION=x' || exit 1
cp "$HERE/validate.py" "$HERE/files.txt" "$HERE/allowlist.txt" "$WORK/"
printf '%s\n' "keystone.conf DEFAULT osk_self_test_stale 2024.1 (self-test: matches nothing)" > "$WORK/stale.txt"

if ! ROOTFS=$(test-fixtures/e2e/node-images.sh rootfs 2> "$WORK/rootfs.err"); then
  fail "the real-node image's root filesystem: $(tail -5 "$WORK/rootfs.err")"
  exit 1
fi

# in_image CMD...: runs CMD in the image's root filesystem, mounted read-only, with $WORK at /tmp/work
in_image() {
  unshare --mount --propagation private -- bash -ec '
    root=$1 work=$2; shift 2
    mnt=$work/root
    mkdir -p "$mnt"
    mount --bind "$root" "$mnt"
    mount -o remount,bind,ro "$mnt"
    mount -t proc proc "$mnt/proc"
    mount --rbind /dev "$mnt/dev"
    mount -t tmpfs tmpfs "$mnt/tmp"
    mkdir "$mnt/tmp/work"
    mount --bind "$work" "$mnt/tmp/work"
    exec chroot "$mnt" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=/tmp \
      PYTHONDONTWRITEBYTECODE=1 "$@"' in_image "$ROOTFS" "$WORK" "$@"
}

# 1. the self-test: each bad input is reported, and nothing else
in_image python3 /tmp/work/validate.py /tmp/work/files.txt /tmp/work/stale.txt self-test=/tmp/work/self-test.yaml \
  > "$WORK/self-test.out" 2>&1
rc=$?
expected=(
  "FAILED keystone.conf [DEFAULT] no_such_option: not an option of this file's namespaces; in ConfigMap keystone-etc of self-test"
  "FAILED glance-api.conf [keystone_authtoken] no_such_auth_option: neither a keystonemiddleware option nor one of the password plugin's; in ConfigMap glance-etc of self-test"
  "FAILED cinder.conf [lvm] no_such_backend_option: not an option of this file's namespaces (as [backend_defaults]); in ConfigMap cinder-etc of self-test"
  "FAILED keystone.conf [DEFAULT] no_such_env_option: not an option of this file's namespaces (environment OS_DEFAULT__NO_SUCH_ENV_OPTION); in container api of Deployment keystone-api of self-test"
  "FAILED osk-self-test.conf (ConfigMap keystone-etc of self-test): not listed in /tmp/work/files.txt;"
  "FAILED /tmp/work/stale.txt:1: allowlist entry keystone.conf [DEFAULT] osk_self_test_stale (2024.1 only) matches nothing any more; remove it"
)
missing=()
for line in "${expected[@]}"; do grep -qF -- "$line" "$WORK/self-test.out" || missing+=("$line"); done
reported=$(grep -c '^FAILED ' "$WORK/self-test.out")
if [[ $rc -eq 1 && ${#missing[@]} -eq 0 && $reported -eq ${#expected[@]} ]]; then
  echo "ok     oslo-config-validator self-test: ${#expected[@]} planted problems reported, exit 1"
else
  fail "oslo-config-validator self-test: exit $rc, $reported problems reported; not reported: ${missing[*]:-none}"
  sed 's/^/         /' "$WORK/self-test.out"
fi

# 2. the kit
in_image python3 /tmp/work/validate.py /tmp/work/files.txt /tmp/work/allowlist.txt \
  aio=/tmp/work/aio.yaml multinode-ha=/tmp/work/multinode-ha.yaml real-node=/tmp/work/real-node.yaml \
  > "$WORK/kit.out" 2>&1
rc=$?
if [[ $rc -eq 0 ]]; then
  echo "ok     oslo-config-validator: $(tail -1 "$WORK/kit.out") ($(($(date +%s) - started)) s)"
else
  grep '^FAILED ' "$WORK/kit.out" || sed 's/^/         /' "$WORK/kit.out"
  fail "oslo-config-validator: $(tail -1 "$WORK/kit.out")"
fi
[[ $FAILED -eq 0 ]]
