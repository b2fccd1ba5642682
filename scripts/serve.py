"""``make serve``: the live-reloading preview, with a plain message when the port is taken.

``mkdocs serve`` answers a busy port with a raw ``OSError`` traceback; this checks the
port first and says what to do. Usage: ``python scripts/serve.py [PORT]`` (default 8000).
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


def port_is_free(port: int) -> bool:
    """True when nothing listens on HOST:port (binding is the only sure test)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    """Check the port, then hand over to ``mkdocs serve`` in this process."""
    text = argv[0] if argv else "8000"
    if not text.isdigit() or not 0 < int(text) < 65536:
        print(f"make serve: PORT must be a number from 1 to 65535, got '{text}'", file=sys.stderr)
        return 2
    port = int(text)
    if not port_is_free(port):
        print(
            f"make serve: port {port} is already in use, perhaps by another `make serve`.\n"
            f"Stop that one (Ctrl+C in its terminal), or use another port: make serve PORT={port + 1}",
            file=sys.stderr,
        )
        return 1
    mkdocs = Path(sys.executable).parent / "mkdocs"
    os.chdir(ROOT)
    os.execv(str(mkdocs), [str(mkdocs), "serve", "--dev-addr", f"{HOST}:{port}", "--livereload"])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
