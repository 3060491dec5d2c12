"""Concurrency probe: 64 token clients, reading and writing at once, against a real
`cdna serve --demo`, on SQLite and (given --postgres-url) PostgreSQL.

For a bounded time a third of the clients read (units, campaigns), a third add units through
the API and a third save answers through their own respondent links, while /readyz is polled.
It then sends SIGTERM. It fails unless writes and reads kept succeeding, every request got an
answer (2xx, or 503 with Retry-After under overload; never a hang or a 500), /readyz answered
within 3 s every time, and the process stopped within 15 s.

Then, on each database, durability: 16 clients send API responses, the server is killed with
SIGKILL in the middle, and the database must hold every acknowledged response once, and at
most one unacknowledged one per client. On PostgreSQL, two `cdna serve` on one database take
responses and read scorecards at once: every acknowledged response is stored once, nothing
else is, and both servers' scorecards count exactly those responses.

Prints `load: N passed, N failed`.
"""
import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

CLIENTS = 64


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, path, method="GET", token=None, body=None, content_type="application/json", timeout=20):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def run_database(name, cdna, database_args, env, seconds, failures):
    work = tempfile.mkdtemp(prefix=f"cdna-load-{name}-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args = database_args or ["--data", os.path.join(work, "data")]
    env = dict(env, CDNA_ADMIN_PASSWORD="load probe password")
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([cdna, "serve", "--demo", "--port", str(port)] + args, env=env, stdout=log, stderr=log)
    passed = 0

    def expect(condition, what):
        nonlocal passed
        if condition:
            passed += 1
        else:
            failures.append(f"{name}: {what}")
            print(f"FAIL {name}: {what}", flush=True)

    try:
        for _ in range(480):
            try:
                if call(base, "/readyz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                raise RuntimeError(f"cdna serve exited; see {work}/serve.log")
            time.sleep(0.25)
        token = subprocess.run([cdna, "token", "add", "--email", "admin@localhost", "--name", "load"] + args,
                               capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1]
        campaigns = json.loads(call(base, "/api/v1/workspaces/harbor/campaigns", token=token)[1])["items"]
        units = json.loads(call(base, "/api/v1/workspaces/harbor/units", token=token)[1])["items"]
        created = json.loads(call(base, "/api/v1/workspaces/harbor/campaigns", "POST", token, {
            "name": f"Load {name}", "instrument": "customer-dna", "opens_at": 1_700_000_000,
            "population": {units[0]["code"]: CLIENTS}})[1])
        links = json.loads(call(base, f"/api/v1/workspaces/harbor/campaigns/{created['id']}/links", "POST", token,
                                {"unit": units[0]["code"], "count": CLIENTS})[1])["links"]
        paths = [urllib.parse.urlparse(link).path for link in links]
        stop_at = time.monotonic() + seconds
        counts = {"read": 0, "write": 0, "answer": 0, "busy": 0}
        problems = []
        lock = threading.Lock()
        opener = urllib.request.build_opener(NoRedirect)

        def client(index):
            kind = ("read", "write", "answer")[index % 3]
            serial = 0
            while time.monotonic() < stop_at:
                serial += 1
                try:
                    if kind == "read":
                        path = "/api/v1/workspaces/harbor/units" if serial % 2 else "/api/v1/workspaces/harbor/campaigns"
                        status, _, headers = call(base, path, token=token)
                    elif kind == "write":
                        status, _, headers = call(base, "/api/v1/workspaces/harbor/units", "POST", token,
                                                  {"code": f"load-{name}-{index}-{serial}", "name": f"Load {index} {serial}"})
                    else:
                        body = urllib.parse.urlencode({"step": "0", "role": "", "action": "next"}).encode()
                        request = urllib.request.Request(base + paths[index], data=body, method="POST")
                        request.add_header("Content-Type", "application/x-www-form-urlencoded")
                        try:
                            with opener.open(request, timeout=20) as response:
                                status, headers = response.status, dict(response.headers)
                        except urllib.error.HTTPError as error:
                            status, headers = error.code, dict(error.headers)
                except Exception as error:  # a timeout is a hang
                    with lock:
                        problems.append(f"{kind}: {error!r}")
                    continue
                with lock:
                    if status in (200, 201, 303):
                        counts[kind] += 1
                    elif status == 503 and "Retry-After" in headers:
                        counts["busy"] += 1
                    else:
                        problems.append(f"{kind}: HTTP {status}")

        ready_times = []

        def poll_ready():
            while time.monotonic() < stop_at:
                started = time.monotonic()
                try:
                    status = call(base, "/readyz", timeout=3)[0]
                except Exception:
                    status = None
                ready_times.append((status, time.monotonic() - started))
                time.sleep(0.5)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)] + [threading.Thread(target=poll_ready)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 60)
        hung = [thread for thread in threads if thread.is_alive()]
        print(f"load {name}: {counts} in {seconds} s; readyz polls {len(ready_times)}, "
              f"slowest {max((t for _, t in ready_times), default=0):.2f} s; problems {problems[:5]}", flush=True)
        expect(not hung, f"{len(hung)} clients still waiting after the run")
        expect(not problems, f"{len(problems)} requests failed or hung: {problems[:5]}")
        expect(counts["write"] >= seconds and counts["answer"] >= seconds and counts["read"] >= seconds,
               f"reads, writes and answers all progressed: {counts}")
        expect(ready_times and all(status in (200, 503) and took < 3 for status, took in ready_times),
               f"/readyz answered within 3 s each time: {[r for r in ready_times if r[0] not in (200, 503) or r[1] >= 3][:5]}")
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
            expect(True, "stopped")
        except subprocess.TimeoutExpired:
            expect(False, "SIGTERM did not stop the server within 15 s")
        print(f"load {name}: stopped {time.monotonic() - started:.1f} s after SIGTERM", flush=True)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)
    return passed


def start_server(cdna, args, env, work, label, demo):
    port = free_port()
    log = open(os.path.join(work, f"serve-{label}.log"), "w")
    command = [cdna, "serve", "--port", str(port)] + (["--demo"] if demo else []) + args
    server = subprocess.Popen(command, env=dict(env, CDNA_ADMIN_PASSWORD="load probe password"), stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    for _ in range(480):
        try:
            if call(base, "/readyz", timeout=2)[0] == 200:
                return server, base
        except OSError:
            pass
        if server.poll() is not None:
            raise RuntimeError(f"cdna serve exited; see {work}/serve-{label}.log")
        time.sleep(0.25)
    raise RuntimeError("cdna serve did not get ready")


def record(label, checks, failures):
    """Counts the checks that held and records the others; returns how many held."""
    held = 0
    for condition, what in checks:
        if condition:
            held += 1
        else:
            failures.append(f"{label}: {what}")
            print(f"FAIL {label}: {what}", flush=True)
    return held


def stop_servers(servers):
    for server in servers:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def stored_keys(database, campaign):
    """The respondent keys stored for a campaign, read from the database itself."""
    query = f"SELECT respondent_key FROM responses WHERE campaign_id = '{campaign}'"
    if database["kind"] == "sqlite":
        import sqlite3
        connection = sqlite3.connect(database["path"])
        try:
            return [row[0] for row in connection.execute(query)]
        finally:
            connection.close()
    output = subprocess.run([database["psql"], database["url"], "-Atc", query], capture_output=True, text=True, check=True).stdout
    return [line for line in output.splitlines() if line]


def submitter(base, token, path, prefix, stop, acked, problems, lock, answers):
    serial = 0
    while not stop.is_set():
        serial += 1
        key = f"{prefix}-{serial}"
        try:
            status, body, _ = call(base, path, "POST", token, {"respondent": key, "unit": answers["unit"], "answers": answers["items"]},
                                   timeout=20)
        except Exception:
            return  # the server went away: this request's fate is unknown
        with lock:
            if status == 201:
                acked.add(key)
            elif status != 503:
                problems.append(f"HTTP {status}: {body[:200]!r}")


def campaign_for_responses(base, token, label):
    units = json.loads(call(base, "/api/v1/workspaces/harbor/units", token=token)[1])["items"]
    unit = units[0]["code"]
    campaign = json.loads(call(base, "/api/v1/workspaces/harbor/campaigns", "POST", token, {
        "name": f"Durability {label} {time.time()}", "instrument": "customer-dna", "opens_at": 1_700_000_000,
        "population": {unit: 100_000}})[1])["id"]
    return campaign, {"unit": unit, "items": {item: str(1 + index % 5) for index, item in enumerate(likert_items())}}


def likert_items():
    import yaml
    path = os.path.join(os.path.dirname(__file__), "../../Sources/DNACore/Resources/instruments/customer-dna.yaml")
    with open(path) as handle:
        return [item["id"] for item in yaml.safe_load(handle)["items"] if item.get("type", "likert") == "likert"]


def run_sigkill(name, cdna, database_args, database, env, failures):
    """SIGKILL during a stream of submissions: every acknowledged response stored, once."""
    work = tempfile.mkdtemp(prefix=f"cdna-kill-{name}-")
    args = database_args or ["--data", os.path.join(work, "data")]
    if database["kind"] == "sqlite":
        database = dict(database, path=os.path.join(work, "data", "cdna.sqlite"))
    passed = 0
    server = None
    try:
        server, base = start_server(cdna, args, env, work, "first", demo=True)
        token = subprocess.run([cdna, "token", "add", "--email", "admin@localhost", "--name", "kill"] + args,
                               capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1]
        campaign, answers = campaign_for_responses(base, token, name)
        path = f"/api/v1/workspaces/harbor/campaigns/{campaign}/responses"
        stop, lock, acked, problems = threading.Event(), threading.Lock(), set(), []
        threads = [threading.Thread(target=submitter, args=(base, token, path, f"k{i}", stop, acked, problems, lock, answers))
                   for i in range(16)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        keys = stored_keys(database, campaign)
        stored = set(keys)
        lost = acked - stored
        print(f"kill {name}: {len(acked)} acknowledged before SIGKILL, {len(keys)} stored, {len(lost)} lost", flush=True)
        checks = [
            (len(acked) > 50, f"responses were acknowledged before the kill ({len(acked)})"),
            (not lost, f"every acknowledged response is stored after SIGKILL; lost {sorted(lost)[:5]}"),
            (len(keys) == len(stored), "no response is stored twice"),
            (len(stored - acked) <= 16, f"at most one unacknowledged response per client is stored ({len(stored - acked)})"),
            (not problems, f"no request failed before the kill: {problems[:3]}"),
        ]
        # The database opens again and the kept sums count exactly the stored responses.
        server, base = start_server(cdna, args, env, work, "second", demo=False)
        overall = json.loads(call(base, f"/api/v1/workspaces/harbor/campaigns/{campaign}/scorecard?by=none", token=token)[1])
        checks.append((overall["overall"].get("n") == len(stored), f"the scorecard counts the stored responses: {overall['overall']}"))
        passed += record(name, checks, failures)
    finally:
        stop_servers([server])
        shutil.rmtree(work, ignore_errors=True)
    return passed


def run_two_servers(cdna, database_args, database, env, seconds, failures):
    """Two servers on one PostgreSQL take responses and read scorecards at once."""
    work = tempfile.mkdtemp(prefix="cdna-two-")
    servers = []
    passed = 0
    try:
        first, base_a = start_server(cdna, database_args, env, work, "a", demo=True)
        servers.append(first)
        second, base_b = start_server(cdna, database_args, env, work, "b", demo=False)
        servers.append(second)
        token = subprocess.run([cdna, "token", "add", "--email", "admin@localhost", "--name", "two"] + database_args,
                               capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1]
        campaign, answers = campaign_for_responses(base_a, token, "two")
        path = f"/api/v1/workspaces/harbor/campaigns/{campaign}/responses"
        stop, lock, acked, problems = threading.Event(), threading.Lock(), set(), []
        threads = [threading.Thread(target=submitter, args=(base, token, path, f"{label}{i}", stop, acked, problems, lock, answers))
                   for label, base in (("a", base_a), ("b", base_b)) for i in range(16)]
        read_errors = []

        def reader(base):
            while not stop.is_set():
                status, body, _ = call(base, f"/api/v1/workspaces/harbor/campaigns/{campaign}/scorecard?by=unit", token=token)
                if status != 200:
                    read_errors.append(f"HTTP {status}: {body[:200]!r}")
                time.sleep(0.05)

        threads += [threading.Thread(target=reader, args=(base,)) for base in (base_a, base_b)]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        keys = stored_keys(database, campaign)
        counts = []
        for base in (base_a, base_b):
            overall = json.loads(call(base, f"/api/v1/workspaces/harbor/campaigns/{campaign}/scorecard?by=none", token=token)[1])
            counts.append(overall["overall"].get("n"))
        print(f"two servers: {len(acked)} acknowledged, {len(keys)} stored, scorecards count {counts}", flush=True)
        checks = [
            (len(acked) > 100, f"both servers took responses ({len(acked)})"),
            (set(keys) == acked and len(keys) == len(acked), "exactly the acknowledged responses are stored, each once"),
            (counts == [len(acked), len(acked)], f"both servers' scorecards count every response once: {counts}"),
            (not problems and not read_errors, f"no request failed: {(problems + read_errors)[:3]}"),
        ]
        passed += record("two servers", checks, failures)
    finally:
        stop_servers(servers)
        shutil.rmtree(work, ignore_errors=True)
    return passed


def run_two_senders(cdna, database_args, env, failures, people=1000):
    """Two servers on one PostgreSQL send a wave's invitations from one outbox through the
    test SMTP server (aiosmtpd, started by scripts/test): each address gets exactly one mail."""
    description = os.environ.get("CDNA_TEST_SMTP_SERVER")
    if not description:
        failures.append("two senders: CDNA_TEST_SMTP_SERVER is not set; scripts/test starts the SMTP server")
        return 0
    with open(description) as handle:
        smtp = json.load(handle)
    run = f"p7-{int(time.time())}"
    work = tempfile.mkdtemp(prefix="cdna-senders-")
    env = dict(env, CDNA_LINK_KEY=base64.b64encode(os.urandom(32)).decode(), CDNA_MAIL_FROM="surveys@harbor.example")
    servers = []
    passed = 0
    try:
        people_file = os.path.join(work, "people.csv")
        with open(people_file, "w") as handle:
            handle.write("email,name,unit\n" + "".join(f"{run}-{i}@example.com,Person {i},claims\n" for i in range(people)))

        def cdna_run(*args):
            return subprocess.run([cdna, *args, *database_args], capture_output=True, text=True, env=env)

        # Both servers run first (the first makes the demo if the database has none); the
        # invitations then land in the outbox they share.
        smtp_args = ["--smtp-url", f"smtp://localhost:{smtp['ports']['plain']}"]
        for label, demo in (("send-a", True), ("send-b", False)):
            server, _ = start_server(cdna, database_args + smtp_args, env, work, label, demo=demo)
            servers.append(server)
        for step in (
            ("participants", "import", "--workspace", "harbor", people_file),
            ("campaign", "create", "--workspace", "harbor", "--name", run, "--unit", f"claims={people}"),
            ("campaign", "invite", "--workspace", "harbor", "--campaign", run),
        ):
            result = cdna_run(*step)
            if result.returncode != 0:
                raise RuntimeError(f"cdna {' '.join(step)}: {result.stderr}")
        started = time.time()
        received = {}
        deadline = time.time() + 180
        while time.time() < deadline:
            received = {}
            for name in os.listdir(smtp["spool"]):
                if not name.endswith(".eml"):
                    continue
                with open(os.path.join(smtp["spool"], name), "rb") as handle:
                    first = handle.readline().decode().strip()
                recipient = first[len("X-Envelope-To: "):]
                if recipient.startswith(run + "-"):
                    received[recipient] = received.get(recipient, 0) + 1
            if len(received) >= people:
                break
            time.sleep(0.5)
        elapsed = time.time() - started
        time.sleep(3)  # a mail sent twice would arrive now
        again = sum(1 for name in os.listdir(smtp["spool"]) if name.endswith(".eml"))
        print(f"two senders: {len(received)} of {people} addresses received mail in {elapsed:.1f} s; "
              f"most mails to one address: {max(received.values() or [0])}; spool holds {again} mails", flush=True)
        checks = [
            (len(received) == people, f"every participant got the invitation ({len(received)} of {people})"),
            (all(count == 1 for count in received.values()), "no address got it twice"),
        ]
        passed += record("two senders", checks, failures)
    finally:
        stop_servers(servers)
        shutil.rmtree(work, ignore_errors=True)
    return passed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--postgres-url", default="")
    parser.add_argument("--psql", default="psql", help="psql, to read what PostgreSQL stored")
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--only", choices=["two-senders"], help="run one part alone, against --postgres-url")
    arguments = parser.parse_args()
    cdna = os.path.abspath(arguments.cdna)
    env = {k: v for k, v in os.environ.items() if k != "CDNA_DATABASE_URL"}
    failures = []
    if arguments.only == "two-senders":
        passed = run_two_senders(cdna, ["--database-url", arguments.postgres_url], env, failures)
        print(f"load: {passed} passed, {len(failures)} failed", flush=True)
        sys.exit(1 if failures else 0)
    passed = run_database("sqlite", cdna, None, env, arguments.seconds, failures)
    passed += run_sigkill("sqlite", cdna, None, {"kind": "sqlite"}, env, failures)
    if arguments.postgres_url:
        postgres = ["--database-url", arguments.postgres_url]
        database = {"kind": "postgres", "psql": arguments.psql, "url": arguments.postgres_url}
        passed += run_database("postgres", cdna, postgres, env, arguments.seconds, failures)
        passed += run_sigkill("postgres", cdna, postgres, database, env, failures)
        passed += run_two_servers(cdna, postgres, database, env, 6, failures)
        passed += run_two_senders(cdna, postgres, env, failures)
    print(f"load: {passed} passed, {len(failures)} failed", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
