"""P7: invitations to 10,000 participants through a local SMTP server, with two servers
sharing PostgreSQL; the target is all sent within 60 s, each exactly once.

The SMTP server is the test suite's aiosmtpd (Tests/mail/smtp_server.py), which writes each
message it accepts to a spool. Beside cdna, the ceiling: Python's smtplib sending the same
number of mails of the same size straight to that server over 16 connections at once (two
servers with eight connections each is what cdna uses), so the ratio says how much of the
time is the SMTP server's own.

cdna's run: 10,000 participants imported into the demo workspace, a wave over their unit,
`cdna campaign invite` (the mails go into the outbox in one transaction, timed apart), then
two `cdna serve --smtp-url` processes on the same PostgreSQL send the outbox; the clock
stops when the spool holds a mail for every address, and the spool is read again a few
seconds later to see that no address got two.
"""
import argparse
import base64
import json
import os
import shutil
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from email.message import EmailMessage

from server_common import free_port, stop


def received(spool, prefix):
    counts = {}
    for name in os.listdir(spool):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(spool, name), "rb") as handle:
            recipient = handle.readline().decode().strip()[len("X-Envelope-To: "):]
        if recipient.startswith(prefix):
            counts[recipient] = counts.get(recipient, 0) + 1
    return counts


def wait_for(spool, prefix, people, started, limit):
    """Seconds from `started` until every address has mail; None if not within `limit`."""
    while time.time() - started < limit:
        if len(received(spool, prefix)) >= people:
            return time.time() - started
        time.sleep(0.2)
    return None


def ceiling(port, spool, people, size):
    """smtplib over 16 connections: the SMTP server's own pace for this many mails."""
    prefix = f"ceiling-{int(time.time())}-"
    body = "x" * size
    queue = list(range(people))
    lock = threading.Lock()

    def worker():
        with smtplib.SMTP("127.0.0.1", port) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    index = queue.pop()
                message = EmailMessage()
                message["From"], message["To"], message["Subject"] = "bench@example.com", f"{prefix}{index}@example.com", "P7"
                message.set_content(body)
                client.send_message(message)

    started = time.time()
    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - started
    return elapsed, len(received(spool, prefix))


def start_server(cdna, args, env, work, label):
    port = free_port()
    log = open(os.path.join(work, f"serve-{label}.log"), "w")
    server = subprocess.Popen([cdna, "serve", "--port", str(port)] + args, env=env, stdout=log, stderr=log)
    for _ in range(600):
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise RuntimeError(f"cdna serve exited; see {work}/serve-{label}.log")
        time.sleep(0.2)
    raise RuntimeError("cdna serve did not get ready")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cdna", required=True)
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--smtp", required=True, help="the JSON file the test SMTP server wrote")
    parser.add_argument("--people", type=int, default=10000)
    arguments = parser.parse_args()
    cdna = os.path.abspath(arguments.cdna)
    with open(arguments.smtp) as handle:
        smtp = json.load(handle)
    port, spool = smtp["ports"]["plain"], smtp["spool"]
    people = arguments.people
    work = tempfile.mkdtemp(prefix="cdna-p7-")
    database = ["--database-url", arguments.postgres_url]
    env = {k: v for k, v in os.environ.items() if k != "CDNA_DATABASE_URL"}
    env.update(CDNA_LINK_KEY=base64.b64encode(os.urandom(32)).decode(), CDNA_MAIL_FROM="surveys@harbor.example",
               CDNA_ADMIN_PASSWORD="p7 bench password", CDNA_LOG_LEVEL="warning")
    servers = []
    try:
        run = f"p7-{int(time.time())}"
        subprocess.run([cdna, "demo", *database], env=env, check=True, capture_output=True)
        people_file = os.path.join(work, "people.csv")
        with open(people_file, "w") as handle:
            handle.write("email,name,unit\n" + "".join(f"{run}-{i}@example.com,Person {i},claims\n" for i in range(people)))
        for step in (("participants", "import", "--workspace", "harbor", people_file),
                     ("campaign", "create", "--workspace", "harbor", "--name", run, "--unit", f"claims={people}")):
            subprocess.run([cdna, *step, *database], env=env, check=True, capture_output=True)
        started = time.time()
        subprocess.run([cdna, "campaign", "invite", "--workspace", "harbor", "--campaign", run, *database],
                       env=env, check=True, capture_output=True)
        queued = time.time() - started
        started = time.time()
        for label in ("a", "b"):
            servers.append(start_server(cdna, database + ["--smtp-url", f"smtp://127.0.0.1:{port}"], env, work, label))
        # The clock runs from the servers' start: finding the outbox and sending it both count.
        sent = wait_for(spool, run + "-", people, started, 300)
        total = time.time() - started
        time.sleep(5)
        counts = received(spool, run + "-")
        twice = sum(1 for count in counts.values() if count > 1)
        for server in servers:
            stop(server)
        servers = []
        size = 1500  # about the size of an invitation's two parts in base64
        ceiling_seconds, ceiling_count = ceiling(port, spool, people, size)
        print(f"P7 target: invitations to {people:,} participants, two servers on PostgreSQL, all sent within 60 s, each once")
        print(f"P7 queued {people:,} invitations (links, invitations, outbox) in one transaction in {queued:.1f} s")
        if sent is None:
            print(f"P7 cdna: {len(counts):,} of {people:,} addresses had mail after {total:.0f} s  not met")
        else:
            print(f"P7 cdna: {people:,} mails sent by two servers in {sent:.1f} s "
                  f"({people / sent:,.0f} mails/s); addresses with two mails: {twice}  {'met' if sent <= 60 and twice == 0 else 'not met'}")
        print(f"P7 ceiling: smtplib, 16 connections, {ceiling_count:,} mails in {ceiling_seconds:.1f} s "
              f"({ceiling_count / ceiling_seconds:,.0f} mails/s)")
        if sent:
            print(f"P7 ratio: cdna takes {sent / ceiling_seconds:.2f}x the ceiling's time")
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
