#!/usr/bin/env python3
"""The demo workspace behind scripts/demo.

Creates (or reuses) a git repository with three apps defined by Argo CD Applications (and,
in the cluster only, the root Application "fleet" that deploys them: app-of-apps), a
history of commits by several authors over several weeks, and a bare `origin` (with --forge:
served by the local forge, GitHub flavor, on 127.0.0.1, so that change requests open pull
requests there; its token is in GITHUB_TOKEN of the command, and git asks for it through a
credential helper that reads that variable); starts the
local API server (kube-emulator --controllers), deploys an older commit as Argo CD would
(field manager argocd-controller, tracking annotation), then drifts the cluster through the
API the way people do: a hand scale, an edited ConfigMap, a changed image, a failed
rollout, a changed Secret, two extra resources (one of a kind git does not name), a deleted
one. Then it runs a command (the GUI) with KUBECONFIG pointing at the server, and stops the
server when that command ends.

Usage: make_demo.py --emulator PATH [--forge PATH] --workspace DIR [--] COMMAND [ARGS...]
       make_demo.py --emulator PATH [--forge PATH] --workspace DIR --serve   (until Ctrl+C)
In COMMAND, {repo} is replaced by the repository folder and {audit_log} by the server's
audit log file (kube-emulator --audit-log: every write of the demo, with its user).
"""
import argparse
import datetime
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

import yaml

AUTHORS = {
    "alice": ("Alice Martin", "alice@example.invalid"),
    "bob": ("Bob Okafor", "bob@example.invalid"),
    "carol": ("Carol Nguyen", "carol@example.invalid"),
}
# Applied to the cluster before the newest commits: the cluster runs this one.
DEPLOYED_BEHIND_HEAD = 3
# The local forge's project and token: a demo token for a server on 127.0.0.1 only.
FORGE_PROJECT = "acme/fleet"
FORGE_TOKEN = "demo-forge-token"
# git's credential helper for the forge: the token from the environment, never on disk.
CREDENTIAL_HELPER = '!f() { test "$1" = get && printf "username=demo\\npassword=%s\\n" "$GITHUB_TOKEN"; }; f'


def deployment(name, ns, image, replicas=2, port=8080, env=None, cpu="100m", memory="128Mi"):
    container = {"name": name, "image": image, "ports": [{"containerPort": port}],
                 "resources": {"requests": {"cpu": cpu, "memory": memory}}}
    if env:
        container["env"] = [{"name": k, "value": v} for k, v in env.items()]
    container["readinessProbe"] = {"httpGet": {"path": "/healthz", "port": port}}
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": name, "namespace": ns, "labels": {"app": name}},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"containers": [container]}}}}


def service(name, ns, port=80, target=8080):
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": ns},
            "spec": {"selector": {"app": name},
                     "ports": [{"name": "http", "port": port, "targetPort": target}]}}


def configmap(name, ns, data):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": ns},
            "data": data}


def namespace(name):
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def docs(*objects):
    return "---\n".join(yaml.safe_dump(o, sort_keys=False) for o in objects)


def application(name, path, ns, origin):
    return docs({"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
                 "metadata": {"name": name, "namespace": "argocd"},
                 "spec": {"project": "default",
                          "source": {"repoURL": origin, "path": path, "targetRevision": "main"},
                          "destination": {"server": "https://kubernetes.default.svc",
                                          "namespace": ns},
                          "syncPolicy": {"syncOptions": ["ServerSideApply=true"]}}})


def history(origin):
    """The repository's commits, oldest first: (author, days ago, message, {path: text})."""
    shop, billing, mon = "shop", "billing", "monitoring"
    web = lambda image="nginx:1.27.2", env=None: docs(deployment("web", shop, image, 2, 80, env or {"LOG_LEVEL": "info"}))
    api = lambda image="ghcr.io/example/shop-api:1.4.1": docs(deployment("api", shop, image, 2, 8080, {"DB_HOST": "postgres.shop"}, "250m", "256Mi"))
    grafana = lambda image="grafana/grafana:11.2.0": docs(deployment("grafana", mon, image, 1, 3000))
    commits = [
        ("alice", 41, "Start the fleet repository with the shop app", {
            "README.md": "# Fleet\n\nDesired state of the demo cluster, deployed by Argo CD.\n",
            "argocd/shop.yaml": application("shop", "apps/shop", shop, origin),
            "apps/shop/namespace.yaml": docs(namespace(shop)),
            "apps/shop/web.yaml": web(),
            "apps/shop/web-service.yaml": docs(service("web", shop, 80, 80)),
        }),
        ("alice", 40, "shop: web configuration", {
            "apps/shop/web-config.yaml": docs(configmap("web-config", shop, {"LOG_LEVEL": "info", "FEATURE_CHECKOUT_V2": "false"})),
        }),
        ("bob", 38, "shop: add the API", {
            "apps/shop/api.yaml": api(),
            "apps/shop/api-service.yaml": docs(service("api", shop, 80, 8080)),
        }),
        ("bob", 37, "shop: API secret", {
            "apps/shop/web-secret.yaml": docs({"apiVersion": "v1", "kind": "Secret",
                                                 "metadata": {"name": "web-secret", "namespace": shop},
                                                 "type": "Opaque",
                                                 "stringData": {"API_TOKEN": "demo-token-1", "SESSION_KEY": "s3ss10n"}}),
        }),
        ("carol", 35, "shop: ingress for the storefront", {
            "apps/shop/ingress.yaml": docs({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                                              "metadata": {"name": "web", "namespace": shop},
                                              "spec": {"rules": [{"host": "shop.example.invalid", "http": {"paths": [
                                                  {"path": "/", "pathType": "Prefix",
                                                   "backend": {"service": {"name": "web", "port": {"number": 80}}}},
                                                  {"path": "/api", "pathType": "Prefix",
                                                   "backend": {"service": {"name": "api", "port": {"number": 80}}}}]}}]}}),
        }),
        ("alice", 33, "Add the billing app (kustomize)", {
            "argocd/billing.yaml": application("billing", "apps/billing", billing, origin),
            "apps/billing/kustomization.yaml": yaml.safe_dump({
                "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
                "namespace": billing, "labels": [{"pairs": {"team": "billing"}}],
                "resources": ["namespace.yaml", "invoicer.yaml", "settings.yaml"]}, sort_keys=False),
            "apps/billing/namespace.yaml": docs(namespace(billing)),
            "apps/billing/invoicer.yaml": docs(deployment("invoicer", billing, "ghcr.io/example/invoicer:2.3.0", 2, 8080), service("invoicer", billing)),
            "apps/billing/settings.yaml": docs(configmap("billing-settings", billing, {"CURRENCY": "EUR", "INVOICE_DAY": "1"})),
        }),
        ("bob", 31, "billing: nightly invoice run", {
            "apps/billing/invoice-run.yaml": docs({"apiVersion": "batch/v1", "kind": "CronJob",
                                                    "metadata": {"name": "invoice-run", "namespace": billing},
                                                    "spec": {"schedule": "0 2 * * *", "jobTemplate": {"spec": {"template": {"spec": {
                                                        "restartPolicy": "OnFailure",
                                                        "containers": [{"name": "run", "image": "ghcr.io/example/invoicer:2.3.0",
                                                                        "args": ["run-invoices"]}]}}}}}}),
            "apps/billing/kustomization.yaml": yaml.safe_dump({
                "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
                "namespace": billing, "labels": [{"pairs": {"team": "billing"}}],
                "resources": ["namespace.yaml", "invoicer.yaml", "settings.yaml", "invoice-run.yaml"]}, sort_keys=False),
        }),
        ("carol", 29, "Add the monitoring app", {
            "argocd/monitoring.yaml": application("monitoring", "apps/monitoring", mon, origin),
            "apps/monitoring/namespace.yaml": docs(namespace(mon)),
            "apps/monitoring/grafana.yaml": grafana(),
            "apps/monitoring/grafana-service.yaml": docs(service("grafana", mon, 80, 3000)),
        }),
        ("carol", 27, "monitoring: prometheus", {
            "apps/monitoring/prometheus.yaml": docs(
                {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "prometheus", "namespace": mon}},
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "prometheus"},
                 "rules": [{"apiGroups": [""], "resources": ["pods", "services", "endpoints"], "verbs": ["get", "list", "watch"]}]},
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "prometheus"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "prometheus"},
                 "subjects": [{"kind": "ServiceAccount", "name": "prometheus", "namespace": mon}]},
                {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "prometheus", "namespace": mon},
                 "spec": {"serviceName": "prometheus", "replicas": 1, "selector": {"matchLabels": {"app": "prometheus"}},
                          "template": {"metadata": {"labels": {"app": "prometheus"}}, "spec": {
                              "serviceAccountName": "prometheus",
                              "containers": [{"name": "prometheus", "image": "prom/prometheus:v2.54.1",
                                              "args": ["--storage.tsdb.retention.time=15d"],
                                              "ports": [{"containerPort": 9090}]}]}}}},
                service("prometheus", mon, 9090, 9090)),
        }),
        ("bob", 26, "monitoring: node exporter on every node", {
            "apps/monitoring/node-exporter.yaml": docs({"apiVersion": "apps/v1", "kind": "DaemonSet",
                                                        "metadata": {"name": "node-exporter", "namespace": mon},
                                                        "spec": {"selector": {"matchLabels": {"app": "node-exporter"}},
                                                                 "template": {"metadata": {"labels": {"app": "node-exporter"}}, "spec": {
                                                                     "containers": [{"name": "node-exporter", "image": "prom/node-exporter:v1.8.2",
                                                                                     "ports": [{"containerPort": 9100}]}]}}}}),
        }),
        ("alice", 24, "shop: autoscale the API", {
            "apps/shop/api-hpa.yaml": docs({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                                             "metadata": {"name": "api", "namespace": shop},
                                             "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"},
                                                      "minReplicas": 3, "maxReplicas": 10,
                                                      "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}]}}),
        }),
        ("bob", 22, "shop: web 1.27.3", {"apps/shop/web.yaml": web("nginx:1.27.3")}),
        ("carol", 20, "monitoring: dashboards", {
            "apps/monitoring/dashboards.yaml": docs(configmap("grafana-dashboards", mon, {"shop.json": '{"title": "Shop"}', "billing.json": '{"title": "Billing"}'})),
        }),
        ("alice", 18, "shop: enable checkout v2", {
            "apps/shop/web-config.yaml": docs(configmap("web-config", shop, {"LOG_LEVEL": "info", "FEATURE_CHECKOUT_V2": "true"})),
        }),
        ("bob", 15, "billing: invoicer 2.3.1", {
            "apps/billing/invoicer.yaml": docs(deployment("invoicer", billing, "ghcr.io/example/invoicer:2.3.1", 2, 8080), service("invoicer", billing)),
        }),
        ("carol", 13, "monitoring: grafana 11.2.1", {"apps/monitoring/grafana.yaml": grafana("grafana/grafana:11.2.1")}),
        ("alice", 10, "shop: API 1.4.2", {"apps/shop/api.yaml": api("ghcr.io/example/shop-api:1.4.2")}),
        ("bob", 8, "billing: invoice day moves to the 2nd", {
            "apps/billing/settings.yaml": docs(configmap("billing-settings", billing, {"CURRENCY": "EUR", "INVOICE_DAY": "2"})),
        }),
        # The cluster runs the commit above; the ones below are not deployed yet.
        ("carol", 5, "shop: web logs as JSON", {"apps/shop/web.yaml": web("nginx:1.27.3", {"LOG_LEVEL": "info", "LOG_FORMAT": "json"})}),
        ("alice", 3, "shop: web asks for more memory", {
            "apps/shop/web.yaml": docs(deployment("web", shop, "nginx:1.27.3", 2, 80, {"LOG_LEVEL": "info", "LOG_FORMAT": "json"}, "100m", "256Mi")),
        }),
        ("bob", 1, "monitoring: keep 30 days of metrics", None),
    ]
    # The last commit edits the prometheus retention in place.
    text = commits[8][3]["apps/monitoring/prometheus.yaml"].replace("retention.time=15d", "retention.time=30d")
    commits[-1] = ("bob", 1, "monitoring: keep 30 days of metrics", {"apps/monitoring/prometheus.yaml": text})
    return commits


def run(args, cwd=None, env=None, input=None, check=True):
    result = subprocess.run(args, cwd=cwd, env=env, input=input, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"make_demo: {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def forge_port(workspace):
    """The local forge's port, fixed for the workspace: the Applications name its URL."""
    path = os.path.join(workspace, "forge.port")
    if os.path.exists(path):
        with open(path) as f:
            return int(f.read().strip())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    os.makedirs(workspace, exist_ok=True)
    with open(path, "w") as out:
        out.write(f"{port}\n")
    return port


def make_repository(workspace, forge_url=None):
    """The demo repository, and where its origin is: the bare repository, served by the
    local forge at forge_url when given (a file:// URL otherwise)."""
    repo = os.path.join(workspace, "fleet")
    origin = os.path.join(workspace, "origin.git")
    origin_url = forge_url + "/" + FORGE_PROJECT + ".git" if forge_url else "file://" + os.path.abspath(origin)
    if os.path.isdir(os.path.join(repo, ".git")):
        current = run(["git", "remote", "get-url", "origin"], cwd=repo, check=False).strip()
        if current == origin_url:
            return repo
        print(f"make_demo: the demo repository's origin is {current}, not {origin_url}: making it again",
              flush=True)
    port_file = os.path.join(workspace, "forge.port")
    port = open(port_file).read() if os.path.exists(port_file) else None
    shutil.rmtree(workspace, ignore_errors=True)
    os.makedirs(repo)
    if port:
        with open(port_file, "w") as out:
            out.write(port)
    if forge_url:
        # The forge serves ROOT/OWNER/REPO.git; origin.git stays where tools look for it.
        bare = os.path.join(workspace, "forge", FORGE_PROJECT + ".git")
        os.makedirs(os.path.dirname(bare))
        run(["git", "init", "-q", "--bare", "-b", "main", bare])
        os.symlink(os.path.relpath(bare, workspace), origin)
    else:
        run(["git", "init", "-q", "--bare", "-b", "main", origin])
    run(["git", "init", "-q", "-b", "main", repo])
    run(["git", "remote", "add", "origin", origin_url], cwd=repo)
    if forge_url:
        run(["git", "config", "credential.helper", CREDENTIAL_HELPER], cwd=repo)
    # Who the newcomer's change requests are by, whatever their own git config says.
    run(["git", "config", "user.name", "Demo Operator"], cwd=repo)
    run(["git", "config", "user.email", "operator@example.invalid"], cwd=repo)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    for author, days_ago, message, files in history(origin_url):
        for path, text in files.items():
            full = os.path.join(repo, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as out:
                out.write(text)
        run(["git", "add", "-A"], cwd=repo)
        name, email = AUTHORS[author]
        when = (now - datetime.timedelta(days=days_ago, hours=(days_ago * 7) % 9)).isoformat()
        env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_AUTHOR_DATE=when,
                   GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email, GIT_COMMITTER_DATE=when,
                   GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
        run(["git", "commit", "-q", "-m", message], cwd=repo, env=env)
    # Straight into the bare repository (the forge serves the same one), and origin/main
    # as a fetch would leave it.
    run(["git", "push", "-q", os.path.abspath(origin), "main"], cwd=repo)
    run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=repo)
    run(["git", "branch", "-q", "--set-upstream-to=origin/main"], cwd=repo)
    return repo


def start_forge(forge, workspace, port):
    """The local forge (GitHub flavor) over the workspace's bare repository."""
    process = subprocess.Popen([forge, "--port", str(port), "--flavor", "github",
                                "--root", os.path.join(workspace, "forge"),
                                "--token", FORGE_TOKEN,
                                "--state-dump", os.path.join(workspace, "forge-pulls.json")],
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("listening on "):
        process.kill()
        sys.exit(f"make_demo: local-forge did not start on port {port} (in use? run scripts/demo --fresh)")
    return process, line[len("listening on "):]


def rendered(repo, revision, path):
    """The manifests of an app folder at a revision, as Argo CD would render them."""
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(["git", "archive", revision, path], cwd=repo, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        folder = os.path.join(tree, path)
        if os.path.exists(os.path.join(folder, "kustomization.yaml")):
            return list(yaml.safe_load_all(run(["kubectl", "kustomize", folder])))
        objects = []
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name)) as f:
                objects += [d for d in yaml.safe_load_all(f) if d]
        return objects


def track(obj, app):
    """Argo CD's annotation tracking: <app>:<group>/<kind>:<namespace>/<name>."""
    group = obj["apiVersion"].split("/")[0] if "/" in obj["apiVersion"] else ""
    meta = obj.setdefault("metadata", {})
    ns = meta.get("namespace", "")
    meta.setdefault("annotations", {})["argocd.argoproj.io/tracking-id"] = \
        f"{app}:{group}/{obj['kind']}:{ns}/{meta['name']}"
    return obj


def kubectl(kubeconfig, *args, input=None, check=True):
    return run(["kubectl", "--kubeconfig", kubeconfig, *args], input=input, check=check)


def deploy_and_drift(repo, kubeconfig, crd_folder):
    kubectl(kubeconfig, "apply", "--server-side", "--validate=false", "-f", crd_folder)
    kubectl(kubeconfig, "apply", "--server-side", "--validate=false", "-f", "-",
            input=docs(namespace("argocd")))
    deployed = f"HEAD~{DEPLOYED_BEHIND_HEAD}"
    for app, path in (("shop", "apps/shop"), ("billing", "apps/billing"), ("monitoring", "apps/monitoring")):
        objects = [track(o, app) for o in rendered(repo, deployed, path)]
        objects.sort(key=lambda o: o["kind"] != "Namespace")
        kubectl(kubeconfig, "apply", "--server-side", "--validate=false", "--field-manager=argocd-controller",
                "--force-conflicts", "-f", "-", input=docs(*objects))
    for path in ("argocd/shop.yaml", "argocd/billing.yaml", "argocd/monitoring.yaml"):
        kubectl(kubeconfig, "apply", "--server-side", "--validate=false", "--field-manager=argocd-server",
                "-f", os.path.join(repo, path))
    # App-of-apps: the root Application that deploys the argocd/ folder exists only in the
    # cluster (made with `argocd app create`); it is Synced, its Applications being applied.
    origin = run(["git", "remote", "get-url", "origin"], cwd=repo).strip()
    root = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
            "metadata": {"name": "fleet", "namespace": "argocd"},
            "spec": {"project": "default",
                     "source": {"repoURL": origin, "path": "argocd", "targetRevision": "main"},
                     "destination": {"server": "https://kubernetes.default.svc", "namespace": "argocd"}}}
    kubectl(kubeconfig, "apply", "--server-side", "--validate=false", "--field-manager=argocd-server",
            "-f", "-", input=docs(root))

    # What people did to the cluster since, each under its own field manager.
    kubectl(kubeconfig, "scale", "deployment/web", "-n", "shop", "--replicas=5")
    kubectl(kubeconfig, "patch", "configmap/web-config", "-n", "shop", "--field-manager=kubectl-edit",
            "--type=merge", "-p", '{"data":{"LOG_LEVEL":"debug"}}')
    kubectl(kubeconfig, "set", "image", "deployment/invoicer", "-n", "billing",
            "invoicer=ghcr.io/example/invoicer:2.3.1-hotfix")
    kubectl(kubeconfig, "set", "image", "deployment/grafana", "-n", "monitoring", "grafana=grafana/grafana:broken")
    kubectl(kubeconfig, "patch", "secret/web-secret", "-n", "shop", "--field-manager=kubectl-edit",
            "-p", '{"stringData":{"API_TOKEN":"rotated-by-hand"}}')
    kubectl(kubeconfig, "apply", "--server-side", "--validate=false", "--field-manager=bob-debugging", "-f", "-",
            input=docs(track(configmap("debug-flags", "shop", {"TRACE": "1"}), "shop")))
    # Of a kind git does not name at all: still the app's, by Argo CD's tracking annotation.
    debug_role = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                  "metadata": {"name": "debug-exec", "namespace": "shop"},
                  "rules": [{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}]}
    kubectl(kubeconfig, "apply", "--server-side", "--validate=false", "--field-manager=bob-debugging", "-f", "-",
            input=docs(track(debug_role, "shop")))
    kubectl(kubeconfig, "delete", "service/grafana", "-n", "monitoring")


def start_emulator(emulator, workspace):
    kubeconfig = os.path.join(workspace, "kubeconfig")
    # Every write of this run, as kube-apiserver's --audit-log-path records it (a new file:
    # an earlier run's writes are of another cluster).
    audit_log = os.path.join(workspace, "audit.log")
    if os.path.exists(audit_log):
        os.remove(audit_log)
    process = subprocess.Popen([emulator, "--controllers", "--bookmark-interval", "10000",
                                "--audit-log", audit_log, "--kubeconfig-out", kubeconfig],
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("listening on "):
        process.kill()
        sys.exit("make_demo: kube-emulator did not start")
    return process, kubeconfig, audit_log


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emulator", required=True)
    parser.add_argument("--forge", help="the local-forge executable: origin is served by it")
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--crds", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                       "tests", "data", "kube", "seed"))
    parser.add_argument("--serve", action="store_true", help="keep the server running until Ctrl+C")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()

    workspace = os.path.abspath(options.workspace)
    forge_process = None
    forge_url = None
    if options.forge:
        port = forge_port(workspace)
        forge_url = f"http://127.0.0.1:{port}"
    repo = make_repository(workspace, forge_url)
    if options.forge:
        forge_process, forge_url = start_forge(options.forge, workspace, port)
    process, kubeconfig, audit_log = start_emulator(options.emulator, workspace)
    try:
        crds = [os.path.join(options.crds, f) for f in ("argocd-application-crd.yaml",)]
        deploy_and_drift(repo, kubeconfig, crds[0])
        print(f"demo workspace: {repo}\nkubeconfig:     {kubeconfig}\n"
              f"audit log:      {audit_log}", flush=True)
        env = dict(os.environ, KUBECONFIG=kubeconfig)
        if forge_url:
            env["GITHUB_TOKEN"] = FORGE_TOKEN
            print(f"forge:          {forge_url}/{FORGE_PROJECT} (GitHub flavor; token in GITHUB_TOKEN)\n"
                  f"pull requests:  {forge_url}/_forge/pulls", flush=True)
        command = [a.replace("{repo}", repo).replace("{audit_log}", audit_log)
                   for a in options.command if a != "--"]
        if options.serve:
            exports = f"export KUBECONFIG={kubeconfig}"
            if forge_url:
                exports += f" GITHUB_TOKEN={FORGE_TOKEN}"
            print(f"in another shell: {exports}\nserving; Ctrl+C stops", flush=True)
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
            return 0
        if not command:
            return 0
        return subprocess.call(command, env=env)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        if forge_process:
            forge_process.send_signal(signal.SIGTERM)
            forge_process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
