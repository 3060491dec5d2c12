"""P4: `cdna import responses` streaming a wide responses CSV, beside the floor of the same
file loaded without any checks: the sqlite3 shell's `.import` and PostgreSQL's `COPY` into a
plain table of text columns. Prints rows/s and peak memory (`/usr/bin/time -v`) per size.
"""
import argparse
import os
import re
import shutil
import subprocess
import tempfile


def timed(command, env=None):
    completed = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True, env=env)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {completed.stderr[-1500:]}")
    wall = completed.stderr.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0]
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", completed.stderr).group(1)) / 1024
    return seconds, rss, completed.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--out", default="bench-output")
    parser.add_argument("--sizes", default="100000,1000000,7500000")
    parser.add_argument("--postgres-url", default="")
    parser.add_argument("--psql", default="psql")
    arguments = parser.parse_args()
    cdna = os.path.abspath(arguments.cdna)
    print("P4 target: streaming, peak memory under 300 MB, progress shown; aim 100,000 rows/s SQLite, 50,000 rows/s PostgreSQL")
    for size in [int(s) for s in arguments.sizes.split(",")]:
        data = os.path.join(arguments.out, f"p4-{size}")
        csv = os.path.join(data, "responses.csv")
        if not os.path.exists(csv):
            subprocess.run([cdna, "bench", "assessment-data", "--respondents", str(size), "--items", "60", "--output", data], check=True)
        megabytes = os.path.getsize(csv) / 1e6
        work = tempfile.mkdtemp(prefix="cdna-p4-")
        try:
            store = ["--data", os.path.join(work, "db")]
            campaign = subprocess.run([cdna, "bench", "import-target", "--input", data] + store, capture_output=True, text=True,
                                      check=True).stdout.strip().splitlines()[-1]
            seconds, rss, _ = timed([cdna, "import", "responses", "--workspace", "bench", "--campaign", campaign, csv] + store)
            floor, floor_rss, _ = timed(["sqlite3", os.path.join(work, "floor.db"), ".mode csv", f".import {csv} t"])
            print(f"P4 sqlite   {size:>9} rows {megabytes:7.0f} MB: cdna {size / seconds:9.0f} rows/s ({seconds:6.1f} s, peak {rss:6.0f} MB)"
                  f" | sqlite3 .import {size / floor:9.0f} rows/s ({floor:6.1f} s, peak {floor_rss:5.0f} MB) | ratio {floor / seconds:.2f}",
                  flush=True)
            if arguments.postgres_url:
                name = f"cdna_p4_{size}"
                admin = arguments.postgres_url
                subprocess.run([arguments.psql, admin, "-qc", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"],
                               check=True)
                url = re.sub(r"/[^/?]+\?", f"/{name}?", admin)
                pg = ["--database-url", url]
                campaign = subprocess.run([cdna, "bench", "import-target", "--input", data] + pg, capture_output=True, text=True,
                                          check=True).stdout.strip().splitlines()[-1]
                seconds, rss, _ = timed([cdna, "import", "responses", "--workspace", "bench", "--campaign", campaign, csv] + pg)
                header = open(csv).readline().strip().split(",")
                columns = ", ".join(f'"{c}" text' for c in header)
                subprocess.run([arguments.psql, url, "-qc", f"CREATE TABLE floor ({columns})"], check=True)
                floor, floor_rss, _ = timed([arguments.psql, url, "-qc", f"\\copy floor FROM '{os.path.abspath(csv)}' CSV HEADER"])
                print(f"P4 postgres {size:>9} rows {megabytes:7.0f} MB: cdna {size / seconds:9.0f} rows/s ({seconds:6.1f} s, peak {rss:6.0f} MB)"
                      f" | COPY {size / floor:9.0f} rows/s ({floor:6.1f} s) | ratio {floor / seconds:.2f}", flush=True)
                subprocess.run([arguments.psql, admin, "-qc", f"DROP DATABASE {name}"], check=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
