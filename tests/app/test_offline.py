"""Offline by default: serving the dashboard and loading it contacts no other host."""

from __future__ import annotations

import ipaddress
import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from incidents.testing import ROOT, SEEDS, free_port
from tests.app.test_browser import open_map

pytestmark = pytest.mark.browser

# Installed in the server process: every socket connection and name lookup it
# makes is written down, whichever library makes it.
WATCH = """
import json, socket, sys
_log = open({log!r}, "a", buffering=1)
def _hook(event, args):
    if event in ("socket.connect", "socket.sendto"):
        kind = "udp" if args[0].type == socket.SOCK_DGRAM else "tcp"
        _log.write(json.dumps([event + "/" + kind, repr(args[1])]) + "\\n")
    elif event == "socket.getaddrinfo":
        _log.write(json.dumps(["lookup", str(args[0])]) + "\\n")
sys.addaudithook(_hook)
"""


def _local(target: str) -> bool:
    host = target.strip("()'\\\" ").split("'")[0].split(",")[0].strip("'\\\" ")
    if host in ("", "localhost", "None") or host.startswith("/"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def test_serving_on_every_interface_and_loading_a_page_contacts_no_other_host(tmp_path, page):
    watch = tmp_path / "watch"
    watch.mkdir()
    log = tmp_path / "connections.jsonl"
    (watch / "sitecustomize.py").write_text(WATCH.format(log=str(log)))
    port = free_port()
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(watch), str(ROOT)]),
        INCIDENTS_DATA_DIR=str(tmp_path),
        INCIDENTS_DB_URL=f"sqlite:///{tmp_path / 'incidents.sqlite'}",
        INCIDENTS_SEEDS_DIR=str(SEEDS),
    )
    # What `make run HOST=0.0.0.0` starts.
    command = [sys.executable, "-m", "ui.serve", "--server.port", str(port)]
    command += ["--server.address", "0.0.0.0", "--server.headless", "true"]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        open_map(page, url)
        time.sleep(2)  # anything started in the background has had its chance
    finally:
        proc.terminate()
        banner = proc.communicate(timeout=10)[0]
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert events, "the watch saw nothing: it is not installed"
    # Streamlit finds the LAN address (its "Network URL") by connecting a UDP
    # socket to 8.8.8.8: that only asks the routing table and sends nothing.
    outside = [e for e in events if not _local(e[1]) and e[0] != "socket.connect/udp"]
    assert outside == [], outside
    assert "External URL" not in banner
