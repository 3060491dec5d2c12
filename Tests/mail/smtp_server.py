"""A real SMTP server for the tests (aiosmtpd), in three flavours on free ports: plain, with
STARTTLS and a self-signed certificate (AUTH PLAIN allowed only after TLS), and implicit TLS.
Every accepted message is written to --spool as one .eml file whose first line names the
envelope recipients. Some recipients make it misbehave, so the client's handling of failures
can be tested against a real server:

  refuse-*   RCPT gets 550 (permanent)
  later-*    RCPT gets 451 (temporary)
  drop-*     the connection is closed in the middle of DATA, without a reply
  slow-*     DATA is answered only after --slow seconds

The script prints one line of JSON with the ports once it is listening, and runs until killed.
"""

import argparse
import asyncio
import json
import os
import ssl
import subprocess
import sys
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword, SMTP


class Spool:
    def __init__(self, directory, slow):
        self.directory = directory
        self.slow = slow

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return "550 5.1.1 <%s>: no such mailbox here" % address
        if address.startswith("later"):
            return "451 4.3.0 mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(address.startswith("drop") for address in envelope.rcpt_tos):
            server.transport.abort()
            return "421 4.4.2 closing"  # never reaches the client: the connection is gone
        if any(address.startswith("slow") for address in envelope.rcpt_tos):
            await asyncio.sleep(self.slow)
        name = "%d-%s.eml" % (time.time_ns(), uuid.uuid4().hex[:8])
        path = os.path.join(self.directory, name)
        with open(path + ".tmp", "wb") as handle:
            handle.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            handle.write(("X-Envelope-From: %s\r\n" % envelope.mail_from).encode())
            handle.write(("X-Secured: %s\r\n" % ("yes" if session.ssl else "no")).encode())
            handle.write(("X-Authenticated: %s\r\n" % (session.auth_data.login.decode() if session.auth_data else "")).encode())
            handle.write(envelope.original_content)
        os.rename(path + ".tmp", path)  # readers never see half a message
        return "250 2.0.0 queued as %s" % name


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login == b"cdna" and auth_data.password == b"s3cret pass":
        return AuthResult(success=True, auth_data=auth_data)
    return AuthResult(success=False, handled=False)


def certificate(directory):
    key, cert = os.path.join(directory, "key.pem"), os.path.join(directory, "cert.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True)
    return key, cert


def free_port():
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spool", required=True)
    parser.add_argument("--slow", type=float, default=5)
    args = parser.parse_args()
    os.makedirs(args.spool, exist_ok=True)
    # Beside the spool, so whoever removes the spool's directory removes the key too.
    cert_dir = os.path.join(os.path.dirname(os.path.abspath(args.spool)), "cert")
    os.makedirs(cert_dir, exist_ok=True)
    key, cert = certificate(cert_dir)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Spool(args.spool, args.slow)
    ports = {"plain": free_port(), "starttls": free_port(), "tls": free_port()}
    servers = [
        Controller(handler, hostname="127.0.0.1", port=ports["plain"]),
        Controller(handler, hostname="127.0.0.1", port=ports["starttls"], tls_context=context,
                   authenticator=authenticator, auth_require_tls=True),
        Controller(handler, hostname="127.0.0.1", port=ports["tls"], ssl_context=context,
                   authenticator=authenticator, auth_require_tls=False),
    ]
    for server in servers:
        server.start()
    print(json.dumps({"ports": ports, "ca": cert, "spool": args.spool}), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
