"""Attacker's probes, run by the test command against a real `cdna serve --demo`:

1. connection and header probes on raw sockets (idle and trickling clients are closed, a
   stray Authorization header does not break the health checks, the sign-in page does not
   reflect a hostile `next`, links do not come from the Host header);
2. an XSS crawl: a payload in every free-text field the API takes, then every page, report
   and chart reachable from the home page fetched and searched for the payload unescaped;
3. schemathesis against /openapi.json with an API token, positive and negative cases, every
   check (bounded examples, fixed seed);
4. a bounded fuzz of every importer and analysis command from seed files: a crash, a message
   without FILE:LINE:COLUMN, or more than 2 s on a file under 1 MB fails.

Prints one line per failure and ends with `probes: N passed, N failed`.
"""
import argparse
import html.parser
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

PASSWORD = "probe password 0123"
MARKER = "data-xss"
IDLE_TIMEOUT = 3


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def expect(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed.append(what)
            print(f"FAIL {what}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base, path, method="GET", token=None, body=None, content_type="application/json", headers=None):
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


# 1. Connection and header probes -------------------------------------------------------

def raw_exchange(port, data, wait):
    """Sends `data`, waits up to `wait` seconds for the server to answer or close."""
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(data)
        s.settimeout(wait)
        received = b""
        started = time.monotonic()
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    return received, True, time.monotonic() - started
                received += chunk
        except socket.timeout:
            return received, False, time.monotonic() - started


def connection_probes(results, base, port, token):
    _, closed, after = raw_exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", IDLE_TIMEOUT + 5)
    results.expect(closed, f"a client trickling its headers is closed after the idle timeout (closed={closed}, {after:.1f}s)")
    _, closed, after = raw_exchange(port, b"", IDLE_TIMEOUT + 5)
    results.expect(closed, f"an idle connection is closed after the idle timeout (closed={closed}, {after:.1f}s)")
    for path in ["/healthz", "/readyz", "/metrics", "/openapi.json"]:
        status, _, _ = request(base, path, headers={"Authorization": "Bearer stray"})
        results.expect(status == 200, f"{path} answers 200 with a stray Authorization header, not {status}")
    hostile = urllib.parse.quote('"><meta http-equiv="refresh" content="0;url=https://phish.invalid/">')
    status, page, _ = request(base, f"/login?next={hostile}")
    results.expect(status == 200 and "<meta http-equiv" not in page, "the sign-in page does not reflect next")
    # Without single sign-on set up, its routes are not there: a 404, whatever they are sent.
    for path in ["/auth/oidc/start?next=" + hostile, "/auth/oidc/callback?code=" + "x" * 5000 + "&state=%00",
                 "/auth/oidc/callback?error=%3Cscript%3E"]:
        status, page, _ = request(base, path)
        results.expect(status == 404 and "<script>" not in page, f"{path[:40]} answers 404 without single sign-on, not {status}")
    status, _, headers = request(base, "/login")
    policy = headers.get("Content-Security-Policy", "")
    results.expect("base-uri 'none'" in policy, f"pages forbid <base> ({policy})")
    status, body, _ = request(base, "/api/v1/workspaces/harbor/campaigns", token=token)
    campaigns = json.loads(body).get("items", []) if status == 200 else []
    open_campaign = next((c for c in campaigns if c.get("state") == "open"), campaigns[0] if campaigns else None)
    if open_campaign:
        units = json.loads(request(base, "/api/v1/workspaces/harbor/units", token=token)[1])["items"]
        status, body, _ = request(
            base, f"/api/v1/workspaces/harbor/campaigns/{open_campaign['id']}/links", "POST", token,
            {"unit": units[0]["code"], "count": 1}, headers={"Host": "evil.example"})
        links = json.loads(body).get("links", []) if status == 201 else []
        results.expect(links and all(link.startswith(base) for link in links),
                       f"links come from the public URL, not the Host header ({status}: {links[:1]})")


# 2. XSS crawl ---------------------------------------------------------------------------

CODE_NAMES = {"code", "slug", "unit", "parent", "role", "segment", "job", "outcome", "metric", "from", "to", "node",
              "strategy", "initiative", "instrument", "framework", "dimension", "force", "email", "password",
              "evidence", "hypothesis", "decision", "tension", "impact", "customer_metric", "task", "chosen",
              "journey", "step", "offering", "participant", "respondent", "voter", "test", "round", "target", "id"}


def resolve(document, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


class Payloads:
    def __init__(self):
        self.count = 0

    def next(self):
        self.count += 1
        return f'"><svg {MARKER}={self.count}>\'&amp;'


def sample(document, schema, payloads, name=""):
    schema = resolve(document, schema) or {}
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        # Optional references to other records are left out: a made-up code would only get
        # the whole request refused, and the free text with it.
        required = set(schema.get("required", []))
        return {key: sample(document, value, payloads, key) for key, value in schema.get("properties", {}).items()
                if key in required or key.lower() not in CODE_NAMES - {"code", "slug"}}
    if kind == "array":
        return [sample(document, schema.get("items", {}), payloads, name)]
    if kind == "integer":
        return 1_700_000_000 if name.endswith("_at") else 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    lowered = name.lower()
    if lowered in CODE_NAMES or lowered.endswith("_code"):
        payloads.count += 1
        return f"xss{payloads.count}"
    if lowered.endswith("_on") or lowered in {"date", "month"}:
        return "2026-01-15"
    return payloads.next()


def inject(results, base, token, document):
    payloads = Payloads()
    accepted = 0
    for path, operations in sorted(document["paths"].items()):
        if "{" in path.replace("{workspace}", ""):
            continue
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if method not in ("post", "put") or "application/json" not in content:
                continue
            for _ in range(2):
                body = sample(document, content["application/json"]["schema"], payloads)
                status, answer, _ = request(base, path.replace("{workspace}", "harbor"), method.upper(), token, body)
                accepted += status in (200, 201)
                if os.environ.get("PROBE_VERBOSE"):
                    print(method, path, status, answer[:150])
    # A campaign and a study named by the attacker, with links, so the public pages are tried too.
    units = json.loads(request(base, "/api/v1/workspaces/harbor/units", token=token)[1])["items"]
    status, body, _ = request(base, "/api/v1/workspaces/harbor/campaigns", "POST", token, {
        "name": payloads.next(), "instrument": "customer-dna", "opens_at": 1_700_000_000,
        "population": {units[0]["code"]: 6}})
    public = []
    if status == 201:
        campaign = json.loads(body)["id"]
        status, body, _ = request(base, f"/api/v1/workspaces/harbor/campaigns/{campaign}/links", "POST", token,
                                  {"unit": units[0]["code"], "count": 1})
        public += [urllib.parse.urlparse(link).path for link in json.loads(body).get("links", [])]
    results.expect(accepted >= 10, f"the API took payloads in at least 10 write operations ({accepted})")
    return public


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "href" and value:
                self.links.append(value)


def sign_in(base):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(base + "/login", timeout=30).read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"email": "admin@localhost", "password": PASSWORD, "csrf_token": csrf}).encode()
    opener.open(base + "/login", data=form, timeout=30).read()
    return opener


def crawl(results, base, public, limit=600):
    opener = sign_in(base)
    queue, seen, leaks, fetched = ["/", "/w/harbor"] + public, set(), [], 0
    while queue and fetched < limit:
        path = queue.pop(0)
        if path in seen or path.startswith("/logout"):
            continue
        seen.add(path)
        try:
            response = opener.open(base + path, timeout=30)
            body, kind = response.read().decode("utf-8", "replace"), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            body, kind = error.read().decode("utf-8", "replace"), error.headers.get("Content-Type", "")
        fetched += 1
        # Only what a browser renders as markup counts; YAML, JSON, CSV and Markdown
        # downloads carry the text as typed, as data files must.
        renders = "html" in kind or "svg" in kind
        if renders and (f"<svg {MARKER}" in body or f"{MARKER}=" in body.replace(f"&quot;&gt;&lt;svg {MARKER}=", "")):
            leaks.append(path)
        if "html" in kind:
            parser = Links()
            parser.feed(body)
            for link in parser.links:
                target = urllib.parse.urljoin(base + path, link)
                if target.startswith(base):
                    relative = target[len(base):].split("#")[0]
                    if relative and relative not in seen:
                        queue.append(relative)
    results.expect(fetched >= 40, f"the crawl reached at least 40 pages, reports and charts ({fetched})")
    results.expect(not leaks, f"no page shows a payload unescaped: {leaks[:10]}")
    print(f"xss crawl: {fetched} pages fetched", flush=True)


# 3. schemathesis ------------------------------------------------------------------------

def schemathesis(results, base, token, venv_bin, output):
    env = dict(os.environ, SCHEMATHESIS_HOOKS="schemathesis_hooks",
               PYTHONPATH=os.path.dirname(os.path.abspath(__file__)))
    command = [
        os.path.join(venv_bin, "schemathesis"), "run", base + "/openapi.json", "-H", f"Authorization: Bearer {token}",
        "--checks", "all",
        # The token is fixed on every request, so a generated "invalid auth" is not what arrives.
        "--exclude-checks", "ignored_auth",
        "-D", "all", "--generation-with-security-parameters=false", "--set-path", "workspace=harbor",
        "--hypothesis-max-examples", "40", "--hypothesis-deadline=None", "--hypothesis-seed", "20261130",
        "--workers", "2", "--no-color",
    ]
    with open(os.path.join(output, "schemathesis.log"), "w") as log:
        completed = subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=900)
    summary = open(os.path.join(output, "schemathesis.log")).read().strip().splitlines()[-1:]
    print(f"schemathesis: {' '.join(summary)}", flush=True)
    results.expect(completed.returncode == 0,
                   f"schemathesis found failures (exit {completed.returncode}); see {output}/schemathesis.log")


# 4. Fuzzing the file readers --------------------------------------------------------------

LOCATED = re.compile(r"^[^\n]*:\d+:\d+: .+", re.M)


def seeds(cdna, data, work):
    instrument_path = os.path.join(os.path.dirname(__file__), "../../Sources/DNACore/Resources/instruments/customer-dna.yaml")
    instrument = yaml.safe_load(open(instrument_path))
    likert = [item["id"] for item in instrument["items"] if item.get("type", "likert") == "likert"]
    rng = random.Random(7)
    rows = ["respondent,unit,role," + ",".join(likert)]
    for person in range(30):
        rows.append(f"p{person},u{person % 3},," + ",".join(rng.choice(["1", "2", "3", "4", "5", "", "dk"]) for _ in likert))
    files = {
        "responses.csv": "\n".join(rows) + "\n",
        "outcomes.csv": "respondent,segment,outcome,importance,satisfaction\n" + "".join(
            f"r{i},s{i % 2},o{j},{rng.randint(1, 5)},{rng.randint(1, 5)}\n" for i in range(20) for j in range(4)),
        "votes.csv": "voter,task\n" + "".join(f"v{i},t{rng.randint(1, 9)}\n" for i in range(40)),
        "tasks.csv": "participant,task,result,seconds,target_seconds\n" + "".join(
            f"p{i},t{i % 3},{rng.choice(['success', 'failure', 'disaster'])},{rng.randint(5, 90)},60\n" for i in range(30)),
        "org.csv": "unit,parent,name\nfz-hq,,Fuzz HQ\nfz-a,fz-hq,Fuzz A\nfz-b,fz-a,\"Fuzz, B\"\n",
        "values.csv": "metric,date,value\n",
        "instrument.yaml": open(instrument_path).read(),
        "framework.yaml": open(os.path.join(os.path.dirname(instrument_path), "../frameworks/obsession.yaml")).read(),
    }
    exported = subprocess.run([cdna, "line-of-sight", "export", "--workspace", "harbor", "--data", data],
                              capture_output=True, text=True, timeout=60).stdout
    files["line-of-sight.yaml"] = exported
    model = subprocess.run([cdna, "customers", "export-model", "--workspace", "harbor", "--data", data],
                           capture_output=True, text=True, timeout=60).stdout
    files["customer-model.yaml"] = model
    metrics = re.findall(r"^\s*- code: \"?([A-Za-z0-9_-]+)", exported, re.M)[:3] or ["m"]
    files["values.csv"] += "".join(f"{metric},2026-0{month}-01,{month * 1.5}\n" for metric in metrics for month in range(1, 4))
    paths = {}
    for name, text in files.items():
        paths[name] = os.path.join(work, "seed-" + name)
        with open(paths[name], "w") as handle:
            handle.write(text)
    return paths


def mutations(data, rng):
    """Yields (name, bytes) for the mutation kinds the issue names."""
    yield "truncated", data[: rng.randint(0, max(0, len(data) - 1))]
    flipped = bytearray(data)
    for _ in range(max(1, len(data) // 200)):
        if flipped:
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    yield "flipped", bytes(flipped)
    cut = rng.randrange(max(1, len(data)))
    yield "invalid-utf8", data[:cut] + b"\xff\xfe\xc3" + data[cut:]
    yield "bom", b"\xef\xbb\xbf" + data
    yield "crlf", data.replace(b"\n", b"\r\n")
    yield "quotes", data[:cut] + b'"unterminated, "" field' + data[cut:]
    yield "huge-line", data[:cut] + b"x" * 900_000 + data[cut:]
    yield "many-columns", data[:cut] + b"," * 400_000 + data[cut:]
    yield "nul", data[:cut] + b"\x00" + data[cut:]
    yield "empty", b""


def fuzz(results, cdna, data, work, rounds):
    paths = seeds(cdna, data, work)
    store = ["--workspace", "harbor", "--data", data]
    commands = {
        "analyze assessment": (lambda f: [cdna, "analyze", "assessment", "--instrument", paths["instrument.yaml"], "--responses", f], "responses.csv"),
        "analyze instrument": (lambda f: [cdna, "analyze", "assessment", "--instrument", f, "--responses", paths["responses.csv"]], "instrument.yaml"),
        "analyze outcomes": (lambda f: [cdna, "analyze", "outcomes", "--responses", f], "outcomes.csv"),
        "analyze top-tasks": (lambda f: [cdna, "analyze", "top-tasks", "--votes", f], "votes.csv"),
        "analyze task-tests": (lambda f: [cdna, "analyze", "task-tests", "--results", f], "tasks.csv"),
        "analyze line-of-sight": (lambda f: [cdna, "analyze", "line-of-sight", "--model", f], "line-of-sight.yaml"),
        "frameworks check": (lambda f: [cdna, "frameworks", "check", f], "framework.yaml"),
        "import org-chart": (lambda f: [cdna, "import", "org-chart", f] + store, "org.csv"),
        "customers import-model": (lambda f: [cdna, "customers", "import-model", f] + store, "customer-model.yaml"),
        "line-of-sight import": (lambda f: [cdna, "line-of-sight", "import", f] + store, "line-of-sight.yaml"),
        "line-of-sight import-values": (lambda f: [cdna, "line-of-sight", "import-values", f] + store, "values.csv"),
    }
    rng = random.Random(20261130)
    runs = 0
    for name, (make, seed) in commands.items():
        original = open(paths[seed], "rb").read()
        for round_number in range(rounds):
            for kind, mutated in mutations(original, rng):
                target = os.path.join(work, f"fuzz-{round_number}-{kind}-{seed}")
                with open(target, "wb") as handle:
                    handle.write(mutated)
                started = time.monotonic()
                try:
                    completed = subprocess.run(make(target), capture_output=True, timeout=30)
                except subprocess.TimeoutExpired:
                    results.expect(False, f"{name} on {kind}: still running after 30 s")
                    continue
                elapsed = time.monotonic() - started
                runs += 1
                stderr = completed.stderr.decode("utf-8", "replace")
                what = f"{name} on a {kind} file ({len(mutated)} bytes)"
                results.expect(completed.returncode >= 0, f"{what}: crashed with signal {-completed.returncode}: {stderr[-300:]}")
                if completed.returncode != 0:
                    results.expect(LOCATED.search(stderr), f"{what}: message not located as FILE:LINE:COLUMN: {stderr[:300]}")
                if len(mutated) < 1_000_000:
                    results.expect(elapsed < 2.0, f"{what}: took {elapsed:.2f} s")
    print(f"fuzz: {runs} runs", flush=True)


def stop(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--venv-bin", default=os.path.dirname(sys.executable))
    parser.add_argument("--fuzz-rounds", type=int, default=2)
    arguments = parser.parse_args()
    cdna = os.path.abspath(arguments.cdna)
    os.makedirs(arguments.output, exist_ok=True)
    work = tempfile.mkdtemp(prefix="cdna-probes-")
    data = os.path.join(work, "data")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, CDNA_ADMIN_PASSWORD=PASSWORD, CDNA_IDLE_TIMEOUT=str(IDLE_TIMEOUT), CDNA_PUBLIC_URL=base)
    env.pop("CDNA_DATABASE_URL", None)
    log = open(os.path.join(arguments.output, "probe-server.log"), "w")
    server = subprocess.Popen([cdna, "serve", "--demo", "--data", data, "--port", str(port)], env=env, stdout=log, stderr=log)
    results = Results()
    try:
        for _ in range(240):
            try:
                if request(base, "/readyz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                raise RuntimeError("cdna serve exited")
            time.sleep(0.25)
        token = subprocess.run([cdna, "token", "add", "--email", "admin@localhost", "--name", "probes", "--data", data],
                               capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1]
        document = json.loads(request(base, "/openapi.json")[1])
        connection_probes(results, base, port, token)
        public = inject(results, base, token, document)
        crawl(results, base, public)
        schemathesis(results, base, token, arguments.venv_bin, arguments.output)
        results.expect(server.poll() is None, "the server is still running after the probes")
        stop(server)
        # The importers write the same database: they run once the server has stopped.
        fuzz(results, cdna, data, work, arguments.fuzz_rounds)
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)
    print(f"probes: {results.passed} passed, {len(results.failed)} failed", flush=True)
    sys.exit(1 if results.failed else 0)


if __name__ == "__main__":
    main()
