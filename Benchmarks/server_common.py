"""What the HTTP benchmarks (P3, P6) share: a free port and a clean stop of `cdna serve`."""
import signal
import socket
import subprocess


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(server):
    """SIGTERM, then SIGKILL if the server has not stopped within 30 s."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
