"""Runs the Cognito API emulator: moto's server with cognito_extensions registered.

Usage: python server.py [--host 127.0.0.1] [--port 5000]

Serves in the foreground until SIGTERM or SIGINT, then closes its socket and exits 0.
It prints one line, "moto listening on http://HOST:PORT", once the socket is bound.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from types import FrameType

# The extensions sit next to this file; make them importable however we are started,
# without leaving a __pycache__ in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import cognito_extensions  # noqa: E402
from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1", help="address to bind")
    parser.add_argument("-p", "--port", type=int, default=5000, help="port to bind")
    return parser.parse_args(argv)


def stop(signum: int, _frame: FrameType | None) -> None:
    # Raised in the main thread, this unwinds serve_forever(); request threads are
    # daemons, so nothing holds the process once the main thread returns.
    raise SystemExit(0)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    # moto builds some URLs (e.g. the JWKS one) from MOTO_PORT, as its own launcher does.
    os.environ.setdefault("MOTO_PORT", str(args.port))
    cognito_extensions.register()

    app = DomainDispatcherApplication(create_backend_app)
    server = make_server(
        args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler
    )
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"moto listening on http://{args.host}:{args.port}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main(sys.argv[1:])
