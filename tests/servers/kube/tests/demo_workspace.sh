#!/usr/bin/env bash
# The demo workspace (resources/demo/make_demo.py): its repository history and the drift it
# puts on the local API server, checked with git and kubectl as a user would look.
# Also checks `gitops-console status` and `diff` against it, as a script or CI would use them.
# Usage: demo_workspace.sh KUBE_EMULATOR MAKE_DEMO GITOPS_CONSOLE
set -uo pipefail
emulator=$1
make_demo=$2
console=${3:-}
workspace=$(mktemp -d)
trap 'rm -rf "$workspace"' EXIT

passed=0
failed=0
check() { # name, expected, actual
    if [ "$2" = "$3" ]; then
        passed=$((passed + 1)); echo "PASS   : $1"
    else
        failed=$((failed + 1)); echo "FAIL!  : $1: expected '$2', got '$3'"
    fi
}

# Runs inside make_demo.py, with KUBECONFIG set and the server up.
inside() {
    local repo=$1 k="kubectl --request-timeout=10s"
    check "commits" 1 "$([ "$(git -C "$repo" rev-list --count HEAD)" -ge 20 ] && echo 1)"
    check "authors" 3 "$(git -C "$repo" log --format=%ae | sort -u | wc -l)"
    check "weeks of history" 1 "$([ $(( $(git -C "$repo" log -1 --format=%ct) - $(git -C "$repo" log --reverse --format=%ct | head -1) )) -gt $((21 * 86400)) ] && echo 1)"
    check "bare origin holds main" "$(git -C "$repo" rev-parse HEAD)" "$(git -C "$repo/../origin.git" rev-parse main)"
    check "hand-scaled web" 5 "$($k get deployment web -n shop -o jsonpath='{.spec.replicas}')"
    check "edited config" debug "$($k get configmap web-config -n shop -o jsonpath='{.data.LOG_LEVEL}')"
    check "changed image" ghcr.io/example/invoicer:2.3.1-hotfix \
        "$($k get deployment invoicer -n billing -o jsonpath='{.spec.template.spec.containers[0].image}')"
    check "extra tracked resource" "shop:/ConfigMap:shop/debug-flags" \
        "$($k get configmap debug-flags -n shop -o jsonpath='{.metadata.annotations.argocd\.argoproj\.io/tracking-id}')"
    check "missing resource" 1 "$($k get service grafana -n monitoring >/dev/null 2>&1; echo $?)"
    check "changed secret" rotated-by-hand "$($k get secret web-secret -n shop -o jsonpath='{.data.API_TOKEN}' | base64 -d)"
    # HEAD adds LOG_FORMAT to web; the cluster runs a commit from before that.
    check "deployed an older commit" 0 "$($k get deployment web -n shop -o yaml | grep -c LOG_FORMAT)"
    local progressing=""
    for _ in $(seq 1 50); do
        progressing=$($k get deployment grafana -n monitoring -o jsonpath='{.status.conditions[?(@.type=="Progressing")].reason}')
        [ -n "$progressing" ] && break
        sleep 0.2
    done
    check "failed rollout" ProgressDeadlineExceeded "$progressing"

    if [ -n "$console" ]; then
        local out code
        out=$("$console" status --repo "$repo" --context admin 2>&1); code=$?
        check "status exits 1 on drift" 1 "$code"
        check "status: hand-scaled web" 1 "$(grep -cE '^shop +Deployment.apps +shop +web +OutOfSync' <<<"$out")"
        check "status: extra ConfigMap" 1 "$(grep -cE '^shop +ConfigMap +shop +debug-flags +Extraneous' <<<"$out")"
        check "status: extra Role, a kind git does not name" 1 \
            "$(grep -cE '^shop +Role.rbac.authorization.k8s.io +shop +debug-exec +Extraneous' <<<"$out")"
        check "status: deleted Service" 1 "$(grep -cE '^monitoring +Service +monitoring +grafana +Missing' <<<"$out")"
        check "status: failed rollout" 1 "$(grep -cE '^monitoring +Deployment.apps +monitoring +grafana +OutOfSync +Degraded' <<<"$out")"
        check "status: untouched api" 1 "$(grep -cE '^shop +Deployment.apps +shop +api +Synced' <<<"$out")"
        out=$("$console" status --repo "$repo" --context admin -o json 2>/dev/null)
        check "status -o json" "fleet billing monitoring shop" \
            "$(python3 -c 'import json,sys; print(" ".join(a["name"] for a in json.load(sys.stdin)["apps"]))' <<<"$out")"
        # The root Application only the cluster holds deploys the other three (app-of-apps).
        check "status -o json: parents" "- fleet fleet fleet" \
            "$(python3 -c 'import json,sys; print(" ".join(a.get("parent", "-") for a in json.load(sys.stdin)["apps"]))' <<<"$out")"
        out=$("$console" status --repo "$repo" --context admin 2>&1)
        check "status: the cluster-only root, Synced" 1 "$(grep -cE '^fleet +Synced ' <<<"$out")"
        check "status: its Application, Synced" 1 "$(grep -cE '^fleet +Application.argoproj.io +argocd +shop +Synced' <<<"$out")"
        check "status: a child app under it" 1 "$(grep -cE '^└ shop +OutOfSync' <<<"$out")"
        out=$("$console" diff --repo "$repo" --context admin --app shop 2>&1); code=$?
        check "diff exits 1 on drift" 1 "$code"
        check "diff: replicas from git" 1 "$(grep -cx -- '-  replicas: 2' <<<"$out")"
        check "diff: replicas live" 1 "$(grep -cx -- '+  replicas: 5' <<<"$out")"
        check "diff: secret never shown" 0 "$(grep -c 'rotated-by-hand\|demo-token-1' <<<"$out")"
        # The server's audit log holds the demo's writes, and audit joins them in.
        check "audit log written" 1 "$([ -s "$audit_log" ] && echo 1)"
        out=$("$console" audit --repo "$repo" --context admin --app shop --audit-log "$audit_log" -o json 2>/dev/null)
        check "audit: the log read, nothing malformed, the app's writes kept" "0 1" \
            "$(python3 -c 'import json,sys; a=json.load(sys.stdin)["auditLog"]; print(a["malformed"], int(a["kept"] > 0))' <<<"$out")"
        # managedFields names no user; the audit log does: the hand scaling was admin's.
        check "audit: the hand scaling of web, by the audit log's user" 1 \
            "$(python3 -c 'import json,sys; print(int(any(e["source"] == "direct-write" and e["resource"]["ref"] == "Deployment.apps/shop/web" and e["actor"] == "admin" for e in json.load(sys.stdin)["events"])))' <<<"$out")"
        out=$("$console" status --repo "$repo" --context nowhere 2>&1); code=$?
        check "unknown context exits 2" 2 "$code"
        check "unknown context is named" 1 "$(grep -c 'no context nowhere' <<<"$out")"

        # Exact mode names the objects kubectl diff --server-side names for the same
        # manifests (git's HEAD as Argo CD applies them: its tracking annotation, its field
        # manager, taking fields others wrote). Extraneous objects are beyond kubectl diff.
        local exact="$workspace/exact-shop"
        mkdir -p "$exact"
        python3 - "$GITOPS_MAKE_DEMO" "$repo" "$exact/shop.yaml" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("make_demo", sys.argv[1])
demo = importlib.util.module_from_spec(spec)
spec.loader.exec_module(demo)
objects = [demo.track(o, "shop") for o in demo.rendered(sys.argv[2], "HEAD", "apps/shop")]
with open(sys.argv[3], "w") as out:
    out.write(demo.docs(*objects))
PY
        local theirs ours
        theirs=$($k diff --server-side --force-conflicts --field-manager=argocd-controller \
            -f "$exact/shop.yaml" 2>&1); code=$?
        check "kubectl diff --server-side exits 1" 1 "$code"
        out=$(timeout 120 "$console" diff --repo "$repo" --context admin --app shop --exact -o json 2>/dev/null); code=$?
        check "diff --exact exits 1 on drift" 1 "$code"
        ours=$(python3 -c '
import json, sys
for app in json.load(sys.stdin)["apps"]:
    for r in app["resources"]:
        if r["status"] in ("OutOfSync", "Missing"):
            print("/".join((r["group"], r["kind"], r["namespace"], r["name"])))' <<<"$out" | sort)
        theirs=$(python3 -c '
import re, sys
file = re.compile(r"^(?:(.+)\.)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)\.([A-Z][A-Za-z0-9]*)\.(?:([a-z0-9-]+)\.)?([^.]+)$")
for line in sys.stdin:
    m = re.match(r"^diff -u -N \S*/LIVE-[^/]*/(\S+) ", line)
    if m:
        f = file.match(m.group(1))
        print("/".join(x or "" for x in (f.group(1), f.group(3), f.group(4), f.group(5))) if f else "unparsed " + m.group(1))' <<<"$theirs" | sort)
        # Except api's replicas, which its HPA writes: kubectl diff shows them, the console
        # knows the autoscaler is an expected writer (README, "What counts as drift").
        check "kubectl diff --server-side shows the HPA's replicas" 1 "$(grep -cx 'apps/Deployment/shop/api' <<<"$theirs")"
        check "diff --exact names what kubectl diff --server-side names" \
            "$(grep -vx 'apps/Deployment/shop/api' <<<"$theirs")" "$ours"
        check "diff --exact finds the hand-scaled web" 1 "$(grep -cx 'apps/Deployment/shop/web' <<<"$ours")"
        out=$(timeout 120 "$console" status --repo "$repo" --context admin --app shop --exact 2>&1); code=$?
        check "status --exact exits 1 on drift" 1 "$code"
        check "status --exact: hand-scaled web" 1 "$(grep -cE '^shop +Deployment.apps +shop +web +OutOfSync' <<<"$out")"
        out=$("$console" diff --desired "$exact" --live "$exact" --exact 2>&1); code=$?
        check "--exact needs a cluster" 2 "$code"
    fi
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

if [ "${1:-}" = --inside ]; then
    console=${3:-}
    audit_log=${4:-}
    inside "$2"
    exit $?
fi
export GITOPS_MAKE_DEMO=$make_demo
python3 "$make_demo" --emulator "$emulator" --workspace "$workspace/demo" -- bash "$0" --inside "{repo}" "$console" "{audit_log}"
