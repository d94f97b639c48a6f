"""gunicorn's settings for the load test: the checkout's own (gunicorn.conf.py), and each
request's CPU time in its worker written to the file ``LOAD_TEST_CPU_LOG`` names.

The load test shares two cores with PostgreSQL, locust and whatever else runs: a request's
time in the worker (the access log's) is mostly waiting for a core when the machine is
busy, so two runs compare only on a quiet machine. The CPU a request took in its worker's
thread moves far less (session 18: a submission's time in the worker went from 106 to
468 ms between runs as other work came and went, its CPU from 96 to 112 ms; the two second
models took the same CPU, which the times alone had hidden).

Read by ``gunicorn -c``, which then reads no gunicorn.conf.py of its own: that file's
settings are taken in here, so the workers run as deployed.
"""

from __future__ import annotations

import os
import runpy
import time
from pathlib import Path
from typing import Any

# Where each request's line goes: when it ended (Unix seconds), method, path, CPU
# milliseconds (workers append).
LOG_SETTING = "LOAD_TEST_CPU_LOG"

globals().update(
    {
        name: value
        for name, value in runpy.run_path(
            str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py")
        ).items()
        if not name.startswith("__")
    }
)


def pre_request(_worker: Any, req: Any) -> None:
    """Before the app: the thread's CPU clock (a request runs in one thread)."""
    req.load_test_cpu = time.thread_time()


def post_request(_worker: Any, req: Any, _environ: Any, _resp: Any) -> None:
    """After the response: its CPU, one line, appended whole (short lines in append mode)."""
    started = getattr(req, "load_test_cpu", None)
    path = os.environ.get(LOG_SETTING)
    if started is None or not path:
        return
    cpu_ms = 1000 * (time.thread_time() - started)
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{time.time():.3f} {req.method} {req.path} {cpu_ms:.3f}\n")
