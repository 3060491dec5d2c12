"""P3: responses submitted over HTTP, measured with wrk beside GET /healthz on the same server.

For each database (a fresh SQLite file; PostgreSQL when --postgres-url is given) it starts
`cdna serve`, makes a campaign in the demo workspace and drives
`POST /api/v1/workspaces/harbor/campaigns/{id}/responses` with wrk at 1, 16 and 64
connections. A Lua script gives every request its own respondent and counts the statuses;
after each run the stored responses are counted: every 2xx must be stored, and at most one
more per connection (a request in flight when wrk stopped is stored but not counted by wrk). The ceiling
is `GET /healthz` at the same connections. Prints one row per run with the ratio.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

from server_common import free_port, stop

import yaml

LUA = r"""
local counter = 0
statuses = {}
local threads = {}
setup = function(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
init = function(args)
  statuses = {}
end
request = function()
  counter = counter + 1
  local body = string.format(BODY, tid, counter)
  return wrk.format("POST", PATH, HEADERS, body)
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do totals[status] = (totals[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(totals) do table.insert(parts, string.format('"%d":%d', status, n)) end
  io.write(string.format('RESULT {"requests":%d,"seconds":%f,"p50_ms":%f,"p99_ms":%f,"errors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, table.concat(parts, ",")))
end
"""



def call(base, path, method="GET", token=None, body=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as response:
        return json.loads(response.read() or b"null")


def wrk(script, url, connections, seconds):
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    if script:
        command[1:1] = ["-s", script]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    output = completed.stdout
    match = re.search(r"RESULT (\{.*\})", output)
    if match:
        return json.loads(match.group(1))
    if script:
        raise RuntimeError(f"wrk gave no result: {output[-800:]} {completed.stderr[-800:]}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale}


def run(name, cdna, database_args, seconds, connections_list):
    work = tempfile.mkdtemp(prefix=f"cdna-p3-{name}-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args = database_args or ["--data", os.path.join(work, "data")]
    env = dict(os.environ, CDNA_ADMIN_PASSWORD="p3 bench password", CDNA_LOG_LEVEL="warning")
    env.pop("CDNA_DATABASE_URL", None)
    server = subprocess.Popen([cdna, "serve", "--demo", "--port", str(port)] + args, env=env,
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "serve.log"), "w"))
    rows = []
    try:
        for _ in range(600):
            try:
                if call(base, "/readyz")["status"] == "ready":
                    break
            except OSError:
                pass
            time.sleep(0.2)
        token = subprocess.run([cdna, "token", "add", "--email", "admin@localhost", "--name", "p3"] + args,
                               capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1]
        unit = call(base, "/api/v1/workspaces/harbor/units", token=token)["items"][0]["code"]
        instrument = yaml.safe_load(open(os.path.join(os.path.dirname(__file__),
                                                      "../Sources/DNACore/Resources/instruments/customer-dna.yaml")))
        likert = [item["id"] for item in instrument["items"] if item.get("type", "likert") == "likert"]
        answers = ",".join(f'\\"{item}\\":\\"{1 + i % 5}\\"' for i, item in enumerate(likert))
        for connections in connections_list:
            campaign = call(base, "/api/v1/workspaces/harbor/campaigns", "POST", token, {
                "name": f"P3 {connections} {time.time()}", "instrument": "customer-dna", "opens_at": 1_700_000_000,
                "population": {unit: 1_000_000}})["id"]
            path = f"/api/v1/workspaces/harbor/campaigns/{campaign}/responses"
            script = os.path.join(work, f"p3-{connections}.lua")
            body = '{\\"respondent\\":\\"t%d-%d\\",\\"unit\\":\\"' + unit + '\\",\\"answers\\":{' + answers + '}}'
            with open(script, "w") as handle:
                handle.write(f'BODY = "{body}"\nPATH = "{path}"\n'
                             f'HEADERS = {{["Authorization"] = "Bearer {token}", ["Content-Type"] = "application/json"}}\n' + LUA)
            result = wrk(script, base + path, connections, seconds)
            ok = sum(n for status, n in result["statuses"].items() if status.startswith("2"))
            others = {status: n for status, n in result["statuses"].items() if not status.startswith("2")}
            progress = call(base, f"/api/v1/workspaces/harbor/campaigns/{campaign}", token=token)["progress"]
            stored_count = progress["submitted"]
            ceiling = wrk(None, base + "/healthz", connections, seconds)
            rps = ok / result["seconds"]
            rows.append((name, connections, rps, result["p99_ms"], ceiling["rps"], ceiling["p99_ms"], ok, stored_count, others,
                         result["errors"]))
            print(f"P3 {name:8} c={connections:<3} {rps:8.0f} responses/s  p99 {result['p99_ms']:7.1f} ms | "
                  f"GET /healthz {ceiling['rps']:8.0f}/s p99 {ceiling['p99_ms']:6.1f} ms | ratio {rps / ceiling['rps']:.2f} | "
                  f"2xx {ok} stored {stored_count} {'OK' if 0 <= stored_count - ok <= connections else 'MISMATCH'} | other {others} "
                  f"socket errors {result['errors']}", flush=True)
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--postgres-url", default="")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", default="1,16,64")
    arguments = parser.parse_args()
    connections = [int(c) for c in arguments.connections.split(",")]
    cdna = os.path.abspath(arguments.cdna)
    print("P3 target: 5,000 responses/s sustained on SQLite, p99 under 50 ms, zero errors", flush=True)
    run("sqlite", cdna, None, arguments.seconds, connections)
    if arguments.postgres_url:
        run("postgres", cdna, ["--database-url", arguments.postgres_url], arguments.seconds, connections)


if __name__ == "__main__":
    main()
