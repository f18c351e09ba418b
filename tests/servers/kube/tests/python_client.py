#!/usr/bin/env python3
"""The local API server checked with the official Python client (python3-kubernetes).

Usage: python_client.py KUBE_EMULATOR
Starts kube-emulator on a free port on 127.0.0.1, lists with pagination and watches, and
prints 'N passed, N failed'. Exits non-zero on any failure. Bounded in time.
"""
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"PASS   : {name}")
    else:
        results["failed"] += 1
        print(f"FAIL!  : {name} {detail}")


def start_server(executable, folder):
    kubeconfig = os.path.join(folder, "kubeconfig")
    process = subprocess.Popen([executable, "--port", "0", "--kubeconfig-out", kubeconfig],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("listening on "):
        raise RuntimeError("kube-emulator did not start: " + process.stderr.read())
    return process, kubeconfig


def main():
    executable = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        process, kubeconfig = start_server(executable, folder)
        try:
            run(kubeconfig)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


def run(kubeconfig):
    api_client = config.new_client_from_config(config_file=kubeconfig, context="admin")
    core = client.CoreV1Api(api_client)

    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="paging")))
    for i in range(7):
        core.create_namespaced_config_map(
            "paging", client.V1ConfigMap(metadata=client.V1ObjectMeta(name=f"cm-{i}",
                                                                      labels={"batch": "a" if i < 4 else "b"}),
                                         data={"index": str(i)}))

    # Pagination: limit + continue, in name order, nothing lost or repeated.
    names, token, pages = [], None, 0
    while True:
        page = core.list_namespaced_config_map("paging", limit=3, _continue=token)
        pages += 1
        names += [item.metadata.name for item in page.items]
        token = page.metadata._continue
        if not token:
            break
    check("list paginates", names == [f"cm-{i}" for i in range(7)] and pages == 3,
          f"names={names} pages={pages}")

    selected = core.list_namespaced_config_map("paging", label_selector="batch in (b)")
    check("label selector", [i.metadata.name for i in selected.items] == ["cm-4", "cm-5", "cm-6"])

    # Watch from the list's resourceVersion sees a later change, and nothing before it.
    listed = core.list_namespaced_config_map("paging")
    events = []

    def watch_changes():
        w = watch.Watch()
        for event in w.stream(core.list_namespaced_config_map, "paging",
                              resource_version=listed.metadata.resource_version, timeout_seconds=10):
            events.append((event["type"], event["object"].metadata.name))
            if event["type"] == "DELETED":
                w.stop()

    thread = threading.Thread(target=watch_changes)
    thread.start()
    time.sleep(0.5)
    core.patch_namespaced_config_map("cm-1", "paging", {"data": {"index": "one"}})
    core.delete_namespaced_config_map("cm-2", "paging")
    thread.join(timeout=15)
    check("watch delivers changes in order", events == [("MODIFIED", "cm-1"), ("DELETED", "cm-2")],
          f"events={events}")

    try:
        core.read_namespaced_config_map("cm-2", "paging")
        check("deleted object is gone", False)
    except ApiException as e:
        check("deleted object is gone", e.status == 404 and e.reason == "Not Found", str(e))

    reader = client.CoreV1Api(config.new_client_from_config(config_file=kubeconfig, context="reader"))
    try:
        reader.delete_namespaced_config_map("cm-3", "paging")
        check("reader cannot write", False)
    except ApiException as e:
        check("reader cannot write", e.status == 403, str(e))


if __name__ == "__main__":
    sys.exit(main())
