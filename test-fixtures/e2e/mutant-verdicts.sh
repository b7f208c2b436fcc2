#!/usr/bin/env bash
# The real server's verdicts on the mutants of test-fixtures/validate/mutants (see its README):
#   mutant-verdicts.sh OUT.tsv
# writes every mutant (render/target/test-classes and cli/target/osk.jar must be built: mvn verify), applies them
# all with kubectl apply --dry-run=server --validate=strict into namespace "mutants" of the server $KUBECONFIG
# names, and writes OUT.tsv: id, accepts|rejects, the server's message. A mutant is rejected when kubectl names
# its file in an error; the accepted ones must then be as many as kubectl's "created (server dry run)" lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
java -cp render/target/test-classes:cli/target/osk.jar dev.osk.render.validate.MutantVerdicts "$WORK/m" >/dev/null
kubectl get namespace mutants >/dev/null 2>&1 || kubectl create namespace mutants >/dev/null
(cd "$WORK" && kubectl apply --dry-run=server --validate=strict -n mutants -f m/ > out 2> err) || true
python3 - "$WORK" "$OUT" <<'PY'
import re, sys
work, out = sys.argv[1], sys.argv[2]
index = [l.rstrip('\n').split('\t', 1) for l in open(work + '/m/index.tsv')][1:]
text = open(work + '/err').read()
rejected = {}
for m in re.finditer(r'"m/(\d{5}\.yaml)"', text):
    if m.group(1) not in rejected:
        seg = re.split(r', (?:error validating|unable to decode|error when)|\n\S', text[m.end():m.end() + 400])[0]
        rejected[m.group(1)] = re.sub(r'\s+', ' ', seg.strip(' :'))[:240]
created = sum(1 for l in open(work + '/out') if l.rstrip().endswith('(server dry run)'))
if created + len(rejected) != len(index):
    sys.exit('mutant-verdicts.sh: %d mutants, but kubectl created %d and named %d in errors'
             % (len(index), created, len(rejected)))
with open(out, 'w') as f:
    f.write('id\tserver\tmessage\n')
    for file, id in index:
        f.write('%s\t%s\t%s\n' % (id, 'rejects' if file in rejected else 'accepts', rejected.get(file, '')))
print('%d mutants, server rejects %d' % (len(index), len(rejected)))
PY
