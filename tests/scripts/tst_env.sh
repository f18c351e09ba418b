#!/usr/bin/env bash
# tst_env.sh SCRIPTS_ENV
#
# scripts/env in chroot mode shares its root between commands: a second command starts at
# once while another runs (a GUI from scripts/demo beside scripts/test), and making or
# refreshing the root (an exclusive lock) still waits for the running ones. Runs against a
# stand-in root: this system's /usr and /etc bound into a temporary folder, in a private
# mount namespace, with the package digest scripts/env expects.
set -euo pipefail

env_script=$1
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (unshare, mount, chroot)"; exit 77; }
command -v unshare >/dev/null || { echo "SKIP: unshare is missing"; exit 77; }

work=$(mktemp -d)
# The mounts below live in a private mount namespace and end with it; still, never delete
# through one that is somehow left (it would reach the system's /usr).
cleanup() {
    local mount
    for mount in "$work/host" "$work/root/usr" "$work/root/etc"; do
        if mountpoint -q "$mount" 2>/dev/null; then
            echo "not removing $work: $mount is still mounted" >&2
            return
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT
export work env_script

cat >"$work/body.sh" <<'BODY'
set -euo pipefail
    root=$work/root
    mkdir -p "$root/usr" "$root/etc" "$root/proc" "$root/dev"
    mount --bind /usr "$root/usr"
    mount --bind /etc "$root/etc"
    for dir in bin sbin lib lib64; do
        [ -L "/$dir" ] && ln -s "usr/$dir" "$root/$dir"
    done
    [ -x "$root/usr/bin/env" ] || { echo "FAIL: stand-in root has no /usr/bin/env"; exit 1; }
    list="$(dirname "$env_script")/packages.txt"
    sed -e "s/#.*//" -e "s/[[:space:]]//g" -e "/^\$/d" "$list" | sort -u >"$root/.gitops-packages"
    export GITOPS_ENV=chroot GITOPS_ENV_ROOT=$root

    # 1. A long command holds the root; a second one runs and ends while it does.
    "$env_script" sleep 4 &
    long=$!
    sleep 1
    start=$(date +%s)
    timeout 3 "$env_script" true || { echo "FAIL: a second scripts/env call waited for the first"; exit 1; }
    echo "ok - a second command ran at once beside a running one ($(( $(date +%s) - start )) s)"

    # 2. While it runs, the exclusive lock a refresh takes is refused...
    if flock -x -n "$root.lock" true; then
        echo "FAIL: the root could be refreshed under a running command"; exit 1
    fi
    echo "ok - a refresh cannot start while a command runs"
    # ...and granted once the command is done.
    wait "$long"
    timeout 3 flock -x "$root.lock" true || { echo "FAIL: the lock stayed taken after the command ended"; exit 1; }
    echo "ok - a refresh starts once the command has ended"

    # 3. Another checkout whose list asks for less (an older clone) uses the root as it is:
    #    no refresh, so it runs beside a command of this one.
    mkdir -p "$work/clone/scripts"
    cp "$env_script" "$work/clone/scripts/env"
    grep -v "^#" "$list" | grep . | head -n 5 >"$work/clone/scripts/packages.txt"
    "$env_script" sleep 4 &
    long=$!
    sleep 1
    timeout 3 "$work/clone/scripts/env" true ||
        { echo "FAIL: a checkout with a shorter package list waited to refresh the root"; exit 1; }
    wait "$long"
    echo "ok - a checkout with a shorter package list shares the root without a refresh"

    # 4. An optional list (GITOPS_ENV_EXTRA=NAME reads scripts/packages-NAME.txt) whose
    #    packages the root holds runs at once; one naming a package the root lacks waits to
    #    refresh the root (here: until it is stopped, since nothing may be installed into
    #    this stand-in root); a name with no list is refused.
    mkdir -p "$work/extra/scripts"
    cp "$env_script" "$list" "$work/extra/scripts/"
    grep -v "^#" "$list" | grep . | head -n 2 >"$work/extra/scripts/packages-held.txt"
    echo "gitops-console-no-such-package" >"$work/extra/scripts/packages-lacking.txt"
    "$env_script" sleep 6 &
    long=$!
    sleep 1
    GITOPS_ENV_EXTRA=held timeout 3 "$work/extra/scripts/env" true ||
        { echo "FAIL: an optional list the root holds waited for a refresh"; exit 1; }
    echo "ok - an optional package list the root already holds runs at once"
    set +e
    (GITOPS_ENV_EXTRA=lacking timeout -s KILL 2 "$work/extra/scripts/env" true) 2>/dev/null
    rc=$?
    set -e
    [ "$rc" -eq 137 ] ||
        { echo "FAIL: an optional list with a package the root lacks did not wait to refresh it (exit $rc)"; exit 1; }
    echo "ok - an optional package list the root lacks waits to refresh the root"
    wait "$long"
    timeout 3 flock -x "$root.lock" true || { echo "FAIL: the stopped refresh left the lock taken"; exit 1; }
    set +e
    message=$(GITOPS_ENV_EXTRA=nosuch "$work/extra/scripts/env" true 2>&1)
    rc=$?
    set -e
    [ "$rc" -eq 125 ] && [[ "$message" == *"packages-nosuch.txt"* ]] ||
        { echo "FAIL: an unknown optional list was not refused (exit $rc: $message)"; exit 1; }
    echo "ok - an optional list that does not exist is refused"

    # 5. The command's exit code is scripts/env's own.
    set +e
    "$env_script" /bin/sh -c "exit 7"
    rc=$?
    set -e
    [ "$rc" -eq 7 ] || { echo "FAIL: exit code $rc instead of 7"; exit 1; }
    echo "ok - the command exit code comes through"
BODY

# scripts/env makes its mount namespace private, which needs / to be a mount point. On a
# host it is; inside the build root (a chroot) it is not, so the test gives it one there.
# Only where / is no mount point is the parent namespace private already (scripts/env made
# it so), and only there may the new one keep the parent's propagation.
propagation=private
mountpoint -q / || propagation=unchanged
unshare --mount --propagation "$propagation" -- /bin/bash -euo pipefail -c '
    if ! mountpoint -q /; then
        mkdir -p "$work/host"
        mount --rbind / "$work/host"
        exec chroot "$work/host" /bin/bash "$work/body.sh"
    fi
    exec /bin/bash "$work/body.sh"
'
echo "5 passed, 0 failed"
