"""
Runs the platform's own Python guide (shared/amdahl-api/python-guide.md) as
written against a running platform, and prints one JSON line of results.

    AMDAHL_URL=http://127.0.0.1:4010 API_KEY=amdhl_local_dev \
      /usr/bin/python3 test/python/guide_driver.py ../shared/amdahl-api/python-guide.md

The guide's ```python blocks are read at run time and exec'd in order in one
namespace, so that the client, the helpers and the usage snippets are the
guide's own code, not a copy of it. Each block is matched to exactly one rule
below by a marker it contains; a block no rule matches (the guide changed)
stops the run rather than being silently skipped.

Blocks run:
- the environment, the client, query_data and its usage (the channel query),
  the pages CRUD helpers and their usage (the "Weekly sentiment" page), the
  agent helpers (definitions only: the error-handling pattern calls
  start_agent), webhooks register/manage, verify_webhook_signature, the
  error-handling pattern, the retry helper, and iter_pages.
- iter_pages has a placeholder path, "/<list-endpoint>", and the guide says to
  "swap in the resource path and the array key it returns": the driver
  replaces that placeholder text with "/pages" before exec (GET /pages answers
  its array under "items", the guide's default key). Nothing else is changed.

Blocks skipped (they cannot run here):
- the SSE stream helper: it imports sseclient (sseclient-py is not installed)
  and the platform has no agent sessions to stream;
- the SSE usage snippet: it needs a session_id from a started agent;
- the httpx variant: httpx is not installed, and it streams agents too;
- the Flask receiver: Flask is not installed and it reads WEBHOOK_SECRET from
  the environment; the driver runs its own receiver (http.server in a thread)
  and calls the guide's verify_webhook_signature from it.
(The ```bash pip install block is not Python and is not read.)
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import re
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GUIDE = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("AMDAHL_GUIDE", "")
BULK_PAGES = 110  # more than one page of iter_pages' limit of 100

# (label, marker found in the block, action): "run", "skip: <reason>", or a dict of replacements then run.
RULES: list[tuple[str, str, object]] = [
    ("environment", 'AMDAHL_URL = os.environ["AMDAHL_URL"]', "run"),
    ("client", "class AmdahlClient", "run"),
    ("data queries", "def query_data(", "run"),
    ("data query usage (channel query)", "result = query_data(", "run"),
    ("pages CRUD", "def list_pages(", "run"),
    ("pages usage (Weekly sentiment)", '"Weekly sentiment"', "run"),
    ("agents (definitions; the error pattern calls start_agent)", "def start_agent(", "run"),
    ("agents SSE stream", "from sseclient import SSEClient", "skip: sseclient-py is not installed and there are no agent sessions to stream"),
    ("agents SSE usage", "for event in stream_agent(", "skip: needs a session_id from a started agent"),
    ("agents httpx stream", "import httpx", "skip: httpx is not installed; it streams agents"),
    ("webhooks register and manage", "def register_webhook(", "run"),
    ("webhook HMAC verification", "def verify_webhook_signature(", "run"),
    ("Flask receiver", "from flask import", "skip: Flask is not installed and it needs WEBHOOK_SECRET; the driver runs its own receiver"),
    ("error handling pattern", 'start_agent(client, profile_id="content_writer"', "run"),
    ("retry helper", "def with_retry(", "run"),
    ("pagination", "def iter_pages(", {'"/<list-endpoint>"': '"/pages"'}),
]


def python_blocks(markdown: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^```python[ \t]*\n(.*?)^```", markdown, re.S | re.M)]


def exec_block(ns: dict, code: str, label: str) -> str:
    """Runs one block in the shared namespace; returns what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"<python-guide: {label}>", "exec", dont_inherit=True), ns)
    return out.getvalue()


class Receiver:
    """A webhook receiver on 127.0.0.1: keeps every delivery's raw body and headers."""

    def __init__(self) -> None:
        self.deliveries: "queue.Queue[dict]" = queue.Queue()
        deliveries = self.deliveries

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                deliveries.put({"path": self.path, "raw": raw, "headers": {k.lower(): v for k, v in self.headers.items()}})
                body = b'{"received": true}'
                self.send_response(202)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/amdahl"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, event_type: str, page_id: str, timeout_s: float = 15.0) -> dict | None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                d = self.deliveries.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                return None
            try:
                event = json.loads(d["raw"])
            except ValueError:
                continue
            if event.get("type") == event_type and (event.get("data") or {}).get("page_id") == page_id:
                d["event"] = event
                return d
        return None

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def error_of(fn) -> dict:
    """Calls fn and reports the AmdahlError it raises (or that it raised none)."""
    AmdahlError = NS["AmdahlError"]
    try:
        fn()
    except AmdahlError as err:
        return {"raised": "AmdahlError", "status": err.status, "code": err.code, "message": str(err)}
    except Exception as err:  # noqa: BLE001
        return {"raised": type(err).__name__, "message": str(err)}
    return {"raised": None}


NS: dict = {"__name__": "amdahl_python_guide"}


def main() -> dict:
    results: dict = {"python": sys.version.split()[0], "guide": GUIDE}
    with open(GUIDE, encoding="utf-8") as f:
        blocks = python_blocks(f.read())

    # ---- exec the guide's blocks, in its order
    ran: list[str] = []
    skipped: list[dict] = []
    printed: dict[str, str] = {}
    matched: dict[str, int] = {label: 0 for label, _, _ in RULES}
    for i, code in enumerate(blocks):
        rule = next((r for r in RULES if r[1] in code), None)
        if rule is None:
            raise RuntimeError(f"python block {i} of the guide matches no rule; the guide changed:\n{code[:300]}")
        label, _, action = rule
        matched[label] += 1
        if isinstance(action, str) and action.startswith("skip"):
            skipped.append({"block": label, "reason": action[len("skip: "):]})
            continue
        if isinstance(action, dict):
            for old, new in action.items():
                if old not in code:
                    raise RuntimeError(f"{label}: placeholder {old} not found in the guide")
                code = code.replace(old, new)
        printed[label] = exec_block(NS, code, label)
        ran.append(label)
    missing = [label for label, n in matched.items() if n != 1]
    if missing:
        raise RuntimeError(f"guide blocks not found exactly once: {missing}")
    results["blocks"] = {"total": len(blocks), "ran": ran, "skipped": skipped}

    AmdahlClient = NS["AmdahlClient"]
    AmdahlError = NS["AmdahlError"]
    client = NS["client"]  # the guide's usage snippets made it: AmdahlClient() from AMDAHL_URL and API_KEY
    query_data = NS["query_data"]
    list_pages, get_page, create_page = NS["list_pages"], NS["get_page"], NS["create_page"]
    update_page, archive_page = NS["update_page"], NS["archive_page"]

    results["base"] = NS["BASE"]

    # ---- the guide's channel query, as its usage block ran it
    result = NS["result"]
    lines = [line for line in printed["data query usage (channel query)"].splitlines() if line.strip()]
    results["channel_query"] = {
        "printed": lines,
        "rows": result["rows"],
        "printed_matches_rows": lines == [f'{r["channel"]} {r["events"]}' for r in result["rows"]],
    }

    # ---- pages: the guide's "Weekly sentiment" page, created by its usage block
    page = NS["page"]
    pages: dict = {
        "created": {k: page.get(k) for k in ("id", "name", "tags", "status", "version")},
        "printed_id": printed["pages usage (Weekly sentiment)"].strip(),
    }
    listed = list_pages(client)
    pages["listed"] = any(p["id"] == page["id"] for p in listed.get("items", []))
    got = get_page(client, page["id"])
    pages["got"] = {k: got.get(k) for k in ("id", "name", "declared_queries", "spec")}

    # a webhook on this page's events, to a receiver the driver runs
    receiver = Receiver()
    hook = NS["register_webhook"](client, url=receiver.url, events=["page.updated", "page.archived"], description="python guide driver")
    secret = hook.get("secret")
    webhook: dict = {"registered": {k: hook.get(k) for k in ("id", "url", "events", "description")}, "secret_returned": isinstance(secret, str) and len(secret) > 10}

    updated = update_page(client, page["id"], {"name": "Weekly sentiment (edited)", "tags": ["weekly", "sentiment", "edited"]})
    pages["updated"] = {k: updated.get(k) for k in ("id", "name", "tags", "version")}

    verify = NS["verify_webhook_signature"]
    d = receiver.wait_for("page.updated", page["id"])
    if d is None:
        webhook["delivery"] = None
    else:
        raw, sig = d["raw"], d["headers"].get("x-webhook-signature")
        webhook["delivery"] = {
            "event": d["event"],
            "path": d["path"],
            "signature_valid": verify(raw, sig, secret),
            "tampered_body_valid": verify(raw + b" ", sig, secret),
            "wrong_secret_valid": verify(raw, sig, secret + "x"),
            "missing_header_valid": verify(raw, None, secret),
        }

    archive_page(client, page["id"])
    d = receiver.wait_for("page.archived", page["id"])
    webhook["archived_delivery"] = None if d is None else {
        "type": d["event"]["type"],
        "signature_valid": verify(d["raw"], d["headers"].get("x-webhook-signature"), secret),
    }
    pages["get_after_archive"] = error_of(lambda: get_page(client, page["id"]))
    pages["listed_after_archive"] = any(p["id"] == page["id"] for p in NS["iter_pages"](client))
    results["pages"] = pages

    # the rest of the guide's webhook helpers
    hooks = NS["list_webhooks"](client)
    webhook["listed"] = any(h["id"] == hook["id"] for h in hooks.get("items", []))
    webhook["secret_in_list"] = any("secret" in h for h in hooks.get("items", []))
    webhook["updated_description"] = NS["update_webhook"](client, hook["id"], {"description": "python guide driver (edited)"}).get("description")
    NS["delete_webhook"](client, hook["id"])
    webhook["after_delete"] = not any(h["id"] == hook["id"] for h in NS["list_webhooks"](client).get("items", []))
    receiver.close()
    results["webhook"] = webhook

    # ---- pagination: more pages than one request of iter_pages (limit 100) returns
    for i in range(BULK_PAGES):
        create_page(client, {
            "name": f"Bulk page {i:03d}",
            "tags": ["guide-bulk"],
            "declared_queries": [{"name": "n", "sql": "SELECT COUNT(*) AS n FROM interactions"}],
            "spec": {"type": "Table", "data": {"$query": "n"}},
        })
    first = list_pages(client)
    requests_made = {"n": 0}
    original_get = client.get

    def counting_get(path, **kwargs):
        requests_made["n"] += 1
        return original_get(path, **kwargs)

    client.get = counting_get  # counts iter_pages' requests; the call itself is the guide's
    try:
        ids = [p["id"] for p in NS["iter_pages"](client)]
    finally:
        del client.get
    results["pagination"] = {
        "bulk_created": BULK_PAGES,
        "first_page_items": len(first.get("items", [])),
        "first_page_has_next_cursor": bool(first.get("next_cursor")),
        "iterated": len(ids),
        "unique": len(set(ids)),
        "requests": requests_made["n"],
        "bulk_seen": sum(1 for p in NS["iter_pages"](client) if "guide-bulk" in p.get("tags", [])),
    }

    # ---- errors: AmdahlError's status and code
    bad = AmdahlClient(api_key="amdhl_not_a_real_key")
    errors = {
        "bad_key": error_of(lambda: query_data(bad, "SELECT 1 AS one FROM interactions LIMIT 1")),
        "write_statement": error_of(lambda: query_data(client, "DELETE FROM interactions")),
        "unknown_page": error_of(lambda: get_page(client, "pg_does_not_exist")),
        # the pattern as the guide wrote it: start_agent has no endpoint here (404)
        "pattern_as_written": printed["error handling pattern"].strip(),
    }
    # the same pattern block again, with start_agent bound to a write statement: its invalid_argument branch
    pattern = next(c for c in blocks if 'start_agent(client, profile_id="content_writer"' in c)
    saved = NS["start_agent"]
    NS["start_agent"] = lambda client, **_: query_data(client, "DELETE FROM interactions")
    try:
        errors["pattern_invalid_argument"] = exec_block(NS, pattern, "error handling pattern, write statement").strip()
    finally:
        NS["start_agent"] = saved
    results["errors"] = errors

    # ---- the retry helper: retries 5xx (and 429), never other 4xx
    with_retry = NS["with_retry"]
    calls = {"flaky": 0, "bad": 0}

    def flaky():
        calls["flaky"] += 1
        if calls["flaky"] < 3:
            raise AmdahlError(status=503 if calls["flaky"] == 1 else 429, code="unavailable", message="try again")
        return query_data(client, "SELECT channel, COUNT(*) AS events FROM interactions GROUP BY channel")

    started = time.monotonic()
    rows = with_retry(flaky, base_s=0.05)["rows"]

    def bad_request():
        calls["bad"] += 1
        return query_data(client, "DROP TABLE interactions")

    non_retryable = error_of(lambda: with_retry(bad_request, base_s=0.05))
    results["retry"] = {
        "flaky_attempts": calls["flaky"],
        "flaky_rows": len(rows),
        "flaky_seconds": round(time.monotonic() - started, 3),
        "non_retryable_calls": calls["bad"],
        "non_retryable": non_retryable,
    }
    return results


if __name__ == "__main__":
    try:
        out = main()
        out["ok"] = True
    except Exception as error:  # noqa: BLE001
        out = {"ok": False, "error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()}
    sys.stdout.write(json.dumps(out, default=str) + "\n")
    sys.stdout.flush()
