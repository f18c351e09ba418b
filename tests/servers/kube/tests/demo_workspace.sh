#!/usr/bin/env bash
# The demo workspace (resources/demo/make_demo.py): its repository history and the drift it
# puts on the local API server, checked with git and kubectl as a user would look.
# Usage: demo_workspace.sh KUBE_EMULATOR MAKE_DEMO
set -uo pipefail
emulator=$1
make_demo=$2
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
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

if [ "${1:-}" = --inside ]; then
    shift
    inside "$@"
    exit $?
fi
python3 "$make_demo" --emulator "$emulator" --workspace "$workspace/demo" -- bash "$0" --inside "{repo}"
