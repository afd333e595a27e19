"""Requests per second and latency of Engage's participant pages under gunicorn, beside bare Flask.

    python benchmarks/serve_speed.py [--requests 2000] [--concurrency 8] [--workers 2]
        [--duration 40] [--rounds 4]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

In one run the script creates a temporary instance folder with a SQLite database (or,
with ``--database-url``, a temporary database of its own on that PostgreSQL server,
dropped at the end), runs ``engage init``, opens the workshop questionnaire, and serves
Engage and ``benchmarks/bare_app.py`` with gunicorn (sync workers) on loopback ports.
A load generator of ``--concurrency`` threads, each one participant with its own
cookies and response, then sends ``--requests`` requests per scenario (stopping
early after ``--duration`` seconds), in ``--rounds`` turns taken by the scenarios:

  bare      GET / of the one-route Flask app
  welcome   GET /s/<slug>/ (by a participant who has started: "continue where you left off")
  page      GET /s/<slug>/r/<token>/p/profile (a participant's question page)
  save      POST /s/<slug>/r/<token>/p/why with a long answer and action=save (302)

Every request must return the expected status (200, or a 302 back to the same page for
a save); anything else is counted as an error and the script exits with status 1.
The ratios to the bare endpoint are the figures to quote: the load generator shares
the CPU with the server, so absolute figures depend on the machine more than ratios.
"""

import argparse
import contextlib
import html
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
SLUG = "iew-2026-industry"
ANSWER = ("Interoperable standards let a small operator buy equipment from several vendors "
          "and let regulators cite one shared reference instead of writing their own. ") * 6


class Client:
    """One participant: an HTTP connection and a cookie jar.

    The connection is kept open where the server allows it; gunicorn's sync workers
    close it after each response, so there each request opens a new one.
    """

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {}
        self.keep_cookies = True

    def send(self, method, path, form=None):
        """Return ``(status, Location header, body)`` of one request."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()  # the next request reconnects
            raise
        if self.keep_cookies:
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, response.getheader("Location", ""), data


def hidden_fields(page):
    """Return ``{name: value}`` of the hidden inputs of an HTML page."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page.decode()):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if attributes.get("type") == "hidden" and "name" in attributes:
            fields[attributes["name"]] = html.unescape(attributes.get("value", ""))
    return fields


def expect(result, status, what):
    if result[0] != status:
        raise RuntimeError(f"{what}: expected {status}, got {result[0]}: {result[2][:300]!r}")
    return result


def start_participant(client):
    """Start a response as a browser does; return the page paths and forms to measure."""
    welcome = expect(client.send("GET", f"/s/{SLUG}/"), 200, "welcome page")
    fields = hidden_fields(welcome[2])
    start = {name: fields[name] for name in ("csrf_token", "idempotency_key", "lang")}
    location = expect(client.send("POST", f"/s/{SLUG}/start", start), 302, "start")[1]
    token = re.search(r"/r/([^/?]+)/", location).group(1)
    base = f"/s/{SLUG}/r/{token}/p"
    why = expect(client.send("GET", f"{base}/why"), 200, "why page")
    save = {"csrf_token": hidden_fields(why[2])["csrf_token"], "lang": "en",
            "q_why_care": ANSWER, "action": "save"}
    # A browser follows the save's redirect and so drops the "saved" message from its
    # session; keeping the setup's cookies stops those messages piling up in ours.
    client.keep_cookies = False
    return {"page": f"{base}/profile", "save_path": f"{base}/why", "save_form": save}


SCENARIOS = {
    # name: (request sent by one participant, check of (status, location))
    "bare": (lambda c, p: c.send("GET", "/"), lambda s, _: s == 200),
    "welcome": (lambda c, p: c.send("GET", f"/s/{SLUG}/"), lambda s, _: s == 200),
    "page": (lambda c, p: c.send("GET", p["page"]), lambda s, _: s == 200),
    "save": (lambda c, p: c.send("POST", p["save_path"], p["save_form"]),
             lambda s, loc: s == 302 and loc.endswith("/p/why")),
}


def measure(participants, scenario, total, seconds):
    """Return ``(latencies, errors, elapsed)`` of ``total`` requests shared by the threads."""
    request, ok = SCENARIOS[scenario]
    lock, sent, latencies, errors = threading.Lock(), [0], [], []
    stop_at = time.perf_counter() + seconds

    def run(client, paths):
        while time.perf_counter() < stop_at:
            with lock:
                if sent[0] >= total:
                    return
                sent[0] += 1
            began = time.perf_counter()
            try:
                status, location, body = request(client, paths)
                failure = None if ok(status, location) else f"{status} {location} {body[:120]!r}"
            except Exception as error:  # noqa: BLE001 - every failure is reported, not raised
                failure = repr(error)
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                if failure:
                    errors.append(failure)

    threads = [threading.Thread(target=run, args=p, daemon=True) for p in participants]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - began


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app, workers, env, log_path, ready_path, extra=()):
    """Serve ``app`` with gunicorn on a free loopback port; yield the port; stop it after."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", app, "--workers", str(workers),
               "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", *extra]
    with open(log_path, "wb") as log:
        # A session of its own: Ctrl+C reaches only this script, which stops gunicorn below.
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {app} did not start:\n{log_path.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if Client(port).send("GET", ready_path)[0] == 200:
                    break
            time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the group holds gunicorn and its workers
            server.wait()


@contextlib.contextmanager
def database(url, instance):
    """Yield the URL of an empty database: SQLite in ``instance``, or a temporary PostgreSQL one."""
    if not url:
        yield f"sqlite:///{instance / 'engage.sqlite3'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"engage_bench_{secrets.token_hex(4)}"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def engage(env, *args):
    """Run one ``engage`` command (the console script beside this Python)."""
    script = Path(sys.executable).parent / "engage"
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "from survey.cli import cli; cli()"]
    done = subprocess.run([*command, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"engage {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="per scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="participant threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--duration", type=float, default=40, help="seconds at most per scenario")
    parser.add_argument("--rounds", type=int, default=4, help="turns each scenario takes")
    parser.add_argument("--database-url",
                        help="PostgreSQL server on which to create a temporary database")
    args = parser.parse_args(argv)
    # `kill` stops the run like Ctrl+C does: through the cleanups below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    with contextlib.ExitStack() as cleanups:
        instance = Path(tempfile.mkdtemp(prefix="engage-serve-"))
        cleanups.callback(shutil.rmtree, instance, ignore_errors=True)
        url = cleanups.enter_context(database(args.database_url, instance))
        env = {**os.environ, "ENGAGE_ENV": "development",
               "ENGAGE_INSTANCE_PATH": str(instance), "ENGAGE_DATABASE_URL": url,
               "ENGAGE_SECRET_KEY": secrets.token_hex(32)}
        engage(env, "init")
        engage(env, "survey", "open", SLUG)
        bare_port = cleanups.enter_context(gunicorn(
            "bare_app:app", args.workers, env, instance / "bare.log", "/",
            ["--pythonpath", str(HERE)]))
        engage_port = cleanups.enter_context(gunicorn(
            "survey:create_app()", args.workers, env, instance / "engage.log", f"/s/{SLUG}/"))

        participants = []
        for _ in range(args.concurrency):
            client = Client(engage_port)
            participants.append((client, start_participant(client)))
        bare_clients = [(Client(bare_port), {}) for _ in range(args.concurrency)]

        print(f"gunicorn {args.workers} sync workers, {args.concurrency} client threads, "
              f"{url.split(':')[0]} database, up to {args.requests} requests "
              f"or {args.duration:g} s per scenario")
        # Scenarios take turns, a slice of the requests each time, so that a burst of other
        # work on the machine slows them all alike instead of skewing the ratios.
        clients = {name: participants for name in SCENARIOS} | {"bare": bare_clients}
        runs = {name: ([], [], 0.0) for name in SCENARIOS}
        for scenario in SCENARIOS:
            measure(clients[scenario], scenario, 2 * args.concurrency, args.duration)  # warm-up
        for _ in range(args.rounds):
            for scenario, (latencies, errors, elapsed) in runs.items():
                more = measure(clients[scenario], scenario, args.requests // args.rounds,
                               args.duration / args.rounds)
                runs[scenario] = (latencies + more[0], errors + more[1], elapsed + more[2])

    print(f"{'scenario':<9} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} "
          f"{'p95 ms':>7}  vs bare")
    bare = runs["bare"]
    bare_rps, bare_p95 = len(bare[0]) / bare[2], percentile(bare[0], 0.95)
    for scenario, (latencies, errors, elapsed) in runs.items():
        rps, p95 = len(latencies) / elapsed, percentile(latencies, 0.95)
        ratio = ("" if scenario == "bare"
                 else f"{rps / bare_rps:.2f}x rps, p95 {p95 / bare_p95:.1f}x")
        print(f"{scenario:<9} {len(latencies):>8} {len(errors):>6} {rps:>7.0f} "
              f"{percentile(latencies, 0.5) * 1000:>7.1f} {p95 * 1000:>7.1f}  {ratio}")
    for scenario, (_, errors, _) in runs.items():
        if errors:
            print(f"{scenario}: {len(errors)} requests failed, e.g. {errors[0]}")
    return 1 if any(errors for _, errors, _ in runs.values()) else 0

if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the servers and files are already cleaned up
        sys.exit("interrupted")
