"""P6: the results page and the overview of an organization of 1,000 units, over HTTP.

For each database (a fresh SQLite file; PostgreSQL when --postgres-url is given) it makes
workspace p6 with `cdna bench results-setup` (1,000 units in four levels, two waves of the
generated respondents, so the page shows a trend too), starts `cdna serve`, signs in as an
admin through the sign-in form, and times `--requests` sequential GETs of:

  - the results page as it opens (the top levels of the tree),
  - the results page with a department opened (the drill-down a reader clicks),
  - the workspace overview,

after three warm-up requests each, beside `GET /healthz` on the same server. Prints p50, p95
and the page size; the target is p95 under 100 ms.
"""
import argparse
import http.cookiejar
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

from server_common import free_port, stop

PASSWORD = "p6 bench password"



def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(opener, url, requests):
    for _ in range(3):
        opener.open(url, timeout=60).read()
    times, size = [], 0
    for _ in range(requests):
        started = time.perf_counter()
        with opener.open(url, timeout=60) as response:
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"{url}: {response.status}")
        times.append((time.perf_counter() - started) * 1000)
        size = len(body)
    return percentile(times, 0.5), percentile(times, 0.95), size, body


def sign_in(base):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/login", timeout=30).read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"email": "p6@localhost", "password": PASSWORD, "csrf_token": csrf}).encode()
    opener.open(base + "/login", data=form, timeout=30).read()
    return opener


def run(name, cdna, data, database_args, requests):
    work = tempfile.mkdtemp(prefix=f"cdna-p6-{name}-")
    args = database_args or ["--data", os.path.join(work, "data")]
    env = dict(os.environ, CDNA_ADMIN_PASSWORD="p6 admin password", CDNA_LOG_LEVEL="warning", CDNA_PASSWORD=PASSWORD)
    env.pop("CDNA_DATABASE_URL", None)
    started = time.perf_counter()
    campaign = subprocess.run([cdna, "bench", "results-setup", "--input", data] + args, env=env, capture_output=True, text=True,
                              check=True).stdout.strip().splitlines()[-1]
    print(f"P6 {name:8} setup (1,000 units, 2 waves imported) in {time.perf_counter() - started:.1f} s", flush=True)
    subprocess.run([cdna, "user", "add", "--email", "p6@localhost", "--name", "P6", "--workspace", "p6", "--access", "admin"] + args,
                   env=env, capture_output=True, check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([cdna, "serve", "--port", str(port)] + args, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(work, "serve.log"), "w"))
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(base + "/readyz", timeout=5).status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        opener = sign_in(base)
        results = f"/w/p6/campaigns/{campaign}/results"
        pages = [("results page", results), ("results, a department open", results + "?open=g42"),
                 ("overview", "/w/p6/overview"), ("GET /healthz (ceiling)", "/healthz")]
        for label, path in pages:
            p50, p95, size, body = timed(opener, base + path, requests)
            if path.startswith(results) and b"Open a unit" not in body:
                raise RuntimeError(f"{label}: the page does not offer the tree's next level")
            verdict = "" if "healthz" in path else ("  met" if p95 < 100 else "  NOT met")
            print(f"P6 {name:8} {label:28} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {size / 1024:7.1f} KiB{verdict}", flush=True)
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--postgres-url", default="")
    arguments = parser.parse_args()
    cdna = os.path.abspath(arguments.cdna)
    data = os.path.join(arguments.out, f"p6-{arguments.respondents}")
    if not os.path.exists(os.path.join(data, "responses.csv")):
        subprocess.run([cdna, "bench", "assessment-data", "--respondents", str(arguments.respondents), "--units", "900",
                        "--output", data], check=True)
    print(f"P6 target: results page and overview for 1,000 units and {arguments.respondents:,} responses, p95 under 100 ms",
          flush=True)
    run("sqlite", cdna, data, None, arguments.requests)
    if arguments.postgres_url:
        run("postgres", cdna, data, ["--database-url", arguments.postgres_url], arguments.requests)


if __name__ == "__main__":
    main()
