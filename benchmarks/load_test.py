"""Load test: gunicorn with 2 workers on PostgreSQL holding 10,000 cases, driven by locust.

usage: python benchmarks/load_test.py [--duration 60] [--users 12] [--cases 10000]

One command does everything and undoes it: a scratch database echo_load_<random> on the
local PostgreSQL (migrated with `flask db upgrade`, seeded by benchmarks/seeding.py), a
production-configured gunicorn (`-w 2`, throwaway secrets, no Redis: tasks run in the
web process) on a free loopback port, and locust headless in a second process for a
bounded time. Experts load /queue and open de-identified cases, coordinators open cases,
clinicians create a ~3 KB identified case and submit it through the browser forms (the
submission de-identifies it). Prints requests, requests/s, p50/p95/p99 and failures per
endpoint, the error rate, each worker's memory, and each figure against issue 6's target.
The server, the load generator and PostgreSQL share this machine's cores, so the figures
are a floor for what a dedicated web host would do. A speed goal: it prints figures and
fails only when the run itself breaks.

Two runs (two trees, two models) compare by their times only when the machine was equally
quiet in both, run alternately (A, B, A, B); each request's CPU in its worker (the "CPU
p50" column, benchmarks/load_cpu_hooks.py) hardly depends on what else runs. A second
model to measure: ECHO_DEID_SECOND_MODEL=DIR reaches the workers (DEID_SETTINGS).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402 - after the path, like every import of the project below
from sqlalchemy import text  # noqa: E402
from sqlmodel import Session  # noqa: E402

from benchmarks.load_cpu_hooks import LOG_SETTING  # noqa: E402
from benchmarks.load_names import (  # noqa: E402
    CASE_PAGE,
    CREATE,
    CREATE_SUBMIT,
    QUEUE,
    SIGN_IN,
    SUBMIT,
)
from benchmarks.seeding import seed_cases  # noqa: E402
from echo_cases.db import make_engine  # noqa: E402
from echo_cases.services import audit  # noqa: E402
from echo_cases.vault import Vault  # noqa: E402
from workflows import Role  # noqa: E402

BIN = ROOT / ".venv" / "bin"
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HOST = "127.0.0.1"
WORKERS = 2
# Issue 6's targets: p95 in milliseconds per endpoint, and memory per web worker.
P95_TARGETS_MS = {QUEUE: 50.0, CASE_PAGE: 50.0, SUBMIT: 250.0, CREATE_SUBMIT: 250.0}
RSS_TARGET_MB = 400.0
ACCESS_LOG = "access.log"
# Each request's CPU time in its worker (benchmarks/load_cpu_hooks.py).
CPU_LOG = "cpu.log"
CPU_HOOKS = ROOT / "benchmarks" / "load_cpu_hooks.py"
# The de-identifier's own settings, passed on to the workers from the caller's environment
# (the rest of ECHO_ is the production set below): a run with another second model
# (ECHO_DEID_SECOND_MODEL=DIR) measures that model. Session 17 set it, but the workers
# never saw it and ran the tree's default.
DEID_SETTINGS = ("ECHO_DEID_SECOND_MODEL", "ECHO_COMPILED_PATTERNS")
# When the request ended, method, path, status, microseconds inside the worker.
ACCESS_FORMAT = "%(t)s %(m)s %(U)s %(s)s %(D)s"
# Other work on the machine above this share makes the figures worth little.
BACKGROUND_WARNING = 0.15
REPORTED = (QUEUE, CASE_PAGE, CREATE, SUBMIT, CREATE_SUBMIT, SIGN_IN)


def main() -> int:
    args = _arguments()
    # Clean up on kill as on Ctrl-C; and Ctrl-C must raise even when started in the
    # background by a shell that ignores SIGINT for its children.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with ExitStack() as cleanup:
        work = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="echo-load-")))
        url = cleanup.enter_context(scratch_database(args.server))
        env = production_env(url, work)
        print(f"database {url.rsplit('/', 1)[1]}: migrating, seeding {args.cases:,} cases")
        _run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], env)
        plan = seed(url, env, args.cases, work)
        port = _free_port()
        server = cleanup.enter_context(gunicorn(env, port, work, args.threads))
        started = time.monotonic()
        wait_until_ready(server, port, timeout=args.ready_timeout)
        print(f"gunicorn ({_workers(args.threads)}) ready on {HOST}:{port} "
              f"after {time.monotonic() - started:.1f} s")
        memory = cleanup.enter_context(MemoryWatch.of(server))
        idle = memory.current()
        background = machine_busy_share(3.0)
        print(f"before the load: {100 * background:.0f} % of the machine busy with other work"
              + ("; the figures below will be slower than this machine can do"
                 if background > BACKGROUND_WARNING else ""))
        cpu = CpuWatch.start(server)
        samples = run_locust(args, env, plan, port, work)
        figures = cpu.stop()
        print_report(args, samples, server_times(work / ACCESS_LOG), memory, idle, figures,
                     cpu_times(work / CPU_LOG))
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--users", type=int, default=12,
                        help="simulated people (default 12: 2 clinicians, 2 coordinators, "
                             "the rest experts)")
    parser.add_argument("--clinicians", type=int, default=2)
    parser.add_argument("--coordinators", type=int, default=2)
    parser.add_argument("--spawn-rate", type=float, default=4.0, help="users started a second")
    parser.add_argument("--warmup", type=float, default=10.0,
                        help="seconds at the start left out of the figures (ramp-up, first "
                             "sign-ins, template compilation); default 10")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--server", default=SERVER,
                        help="a database on the PostgreSQL server to use (trust auth)")
    parser.add_argument("--ready-timeout", type=float, default=180.0)
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per worker; above 1, gunicorn's gthread workers "
                             "(default 1: sync workers)")
    args = parser.parse_args()
    if args.users < args.clinicians + args.coordinators + 1:
        parser.error("--users must leave at least one expert")
    return args


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


# --- the database -----------------------------------------------------------------------


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server; dropped afterwards, even after a failure."""
    name = f"echo_load_{secrets.token_hex(4)}"
    admin = server_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            # FORCE: a worker killed mid-request may leave a backend behind.
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped database {name}")


def production_env(database_url: str, work: Path) -> dict[str, str]:
    """What a production web process gets, with throwaway secrets and no Redis."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ECHO_", "REDIS_", "FLASK_", "DATABASE_")) or k in DEID_SETTINGS}
    env.update({
        "ECHO_ENV": "production",
        "ECHO_SECRET_KEY": secrets.token_urlsafe(48),
        "ECHO_SURROGATE_SECRET": secrets.token_urlsafe(48),
        "ECHO_DATA_KEYS": Vault.new_key(),
        "ECHO_AUDIT_KEYS": secrets.token_urlsafe(48),
        "ECHO_INSTANCE_DIR": str(work / "instance"),
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        LOG_SETTING: str(work / CPU_LOG),
    })
    return env


@dataclass(frozen=True)
class Plan:
    """What the simulated people need: whom to sign in as and which cases to open."""

    accounts: dict[str, list[str]]
    password: str
    case_ids: list[int]


def seed(url: str, env: dict[str, str], cases: int, work: Path) -> Path:
    """Seed the hub and its cases; write the locust plan file and return its path."""
    engine = make_engine(url)
    try:
        started = time.monotonic()
        hub = seed_cases(engine, cases, hub_slug="load",
                         vault=Vault(env["ECHO_DATA_KEYS"].split(",")))
        with Session(engine, info={"audit_keys": (env["ECHO_AUDIT_KEYS"],)}) as db:
            # A real trail is never empty; on an empty one the first two concurrent
            # audited writes (here: sign-ins) race to create its head row, and one fails.
            audit.record(db, "load_test_seeded", subject=f"cases:{hub.cases}")
            db.commit()
        with engine.connect() as connection:
            case_ids = list(connection.execute(
                text("SELECT id FROM \"case\" WHERE hub_id = :hub AND state = 'deidentified'"),
                {"hub": hub.hub_id}).scalars())
            connection.execute(text("ANALYZE"))
        print(f"seeded {hub.cases:,} cases ({len(case_ids):,} de-identified) "
              f"in {time.monotonic() - started:.1f} s")
    finally:
        engine.dispose()
    plan = Plan(accounts={role.value: list(hub.emails[role])
                          for role in (Role.EXPERT, Role.COORDINATOR, Role.CLINICIAN)},
                password=hub.password, case_ids=case_ids)
    path = work / "plan.json"
    path.write_text(json.dumps(plan.__dict__))
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,  # noqa: S603
                            timeout=300, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[-3:])} failed:\n{result.stderr[-3000:]}")


# --- the server -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _workers(threads: int) -> str:
    return f"{WORKERS} sync workers" if threads <= 1 else \
        f"{WORKERS} gthread workers of {threads} threads"


@contextmanager
def gunicorn(env: dict[str, str], port: int, work: Path,
             threads: int = 1) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn as deployment.md runs it (sync workers, no --preload), stopped afterwards.

    Its access log gives each request's time inside a worker, apart from the time it
    waited for a free worker, which only the client sees.
    """
    log = work / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            [str(BIN / "gunicorn"), "-w", str(WORKERS), "-b", f"{HOST}:{port}",
             *(["--threads", str(threads)] if threads > 1 else []),
             "--access-logfile", str(work / ACCESS_LOG), "--access-logformat", ACCESS_FORMAT,
             "-c", str(CPU_HOOKS), "wsgi:app"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield process
    finally:
        _stop(process, "gunicorn", log)
        _print_server_errors(log)


def _print_server_errors(log: Path) -> None:
    """A 5xx in the figures is worth its traceback: print the server's last one."""
    lines = log.read_text(errors="replace").splitlines()
    starts = [i for i, line in enumerate(lines) if "Traceback" in line]
    if starts:
        print(f"the server logged {len(starts)} traceback(s); the last:")
        print("\n".join(lines[starts[-1] - 1:starts[-1] + 40]))


def _stop(process: subprocess.Popen[bytes], what: str, log: Path | None = None) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    elif process.returncode not in (0, -signal.SIGTERM) and log is not None:
        print(f"{what} exited with {process.returncode}; its log ends:\n"
              f"{log.read_text(errors='replace')[-3000:]}")


def wait_until_ready(server: subprocess.Popen[bytes], port: int, *, timeout: float) -> None:
    """Until /healthz answers 200 from both workers: each loads its de-identifier itself."""
    deadline, in_a_row = time.monotonic() + timeout, 0
    # Either worker may answer a probe; 20 answers of 200 in a row leave a 1-in-a-million
    # chance that one of the two has not been asked.
    while in_a_row < 20:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode} before it was ready")
        if time.monotonic() > deadline:
            raise SystemExit(f"gunicorn not ready after {timeout:.0f} s")
        in_a_row = in_a_row + 1 if _health(port) == 200 else 0
        if len(worker_pids(server.pid)) < WORKERS or not in_a_row:
            time.sleep(0.5)


def _health(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return refused.code
    except OSError:
        return 0


def worker_pids(master: int) -> list[int]:
    """gunicorn's workers: the master's children, from /proc (Linux only, like the target)."""
    try:
        return [int(pid) for pid in
                Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


# --- memory and CPU ---------------------------------------------------------------------


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@dataclass
class MemoryWatch:
    """Every half second, each worker's resident memory; keeps the peak."""

    master: int
    peak: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    @classmethod
    @contextmanager
    def of(cls, server: subprocess.Popen[bytes]) -> Iterator[MemoryWatch]:
        watch = cls(server.pid)
        thread = threading.Thread(target=watch._loop, name="rss", daemon=True)
        thread.start()
        try:
            yield watch
        finally:
            watch._stop.set()
            thread.join()

    def current(self) -> dict[int, float]:
        return {pid: mb for pid in worker_pids(self.master)
                if (mb := rss_mb(pid)) is not None}

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            for pid, mb in self.current().items():
                self.peak[pid] = max(mb, self.peak.get(pid, 0.0))


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, all cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def machine_busy_share(seconds: float) -> float:
    """How busy the whole machine is over the next ``seconds``, 0 to 1."""
    busy, total = _machine_busy()
    time.sleep(seconds)
    busy_after, total_after = _machine_busy()
    return (busy_after - busy) / max(1.0, total_after - total)


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (here: the locust run)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class CpuWatch:
    """Cores used while the load runs: by the workers, by locust, by the whole machine."""

    workers: dict[int, float]
    machine: tuple[float, float]
    children: float
    began: float

    @classmethod
    def start(cls, server: subprocess.Popen[bytes]) -> CpuWatch:
        pids = worker_pids(server.pid)
        return cls({pid: _cpu_seconds(pid) for pid in pids}, _machine_busy(), _children_cpu(),
                   time.monotonic())

    def stop(self) -> dict[str, float]:
        seconds = time.monotonic() - self.began
        busy, total = _machine_busy()
        worker = sum(_cpu_seconds(pid) - before for pid, before in self.workers.items())
        share = (busy - self.machine[0]) / max(1.0, total - self.machine[1])
        return {"workers": worker / seconds, "locust": (_children_cpu() - self.children) / seconds,
                "machine": share * (os.cpu_count() or 1)}


# --- the load ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    name: str
    at: float
    ms: float
    error: str

    @property
    def ok(self) -> bool:
        return not self.error


def run_locust(args: argparse.Namespace, env: dict[str, str], plan: Path, port: int,
               work: Path) -> list[Sample]:
    """Run locust headless in its own process for the duration; return its timed requests."""
    samples_path, log = work / "samples.jsonl", work / "locust.log"
    locust_env = {**env, "LOAD_PLAN": str(plan), "LOAD_SAMPLES": str(samples_path),
                  "LOAD_CLINICIANS": str(args.clinicians),
                  "LOAD_COORDINATORS": str(args.coordinators)}
    command = [str(BIN / "locust"), "-f", str(ROOT / "benchmarks" / "locustfile.py"),
               "--headless", "--only-summary", "-u", str(args.users),
               "-r", str(args.spawn_rate), "-t", f"{args.duration}s", "--stop-timeout", "10",
               "--host", f"http://{HOST}:{port}", "--loglevel", "WARNING",
               "--exit-code-on-error", "0"]
    experts = args.users - args.clinicians - args.coordinators
    print(f"locust: {args.users} users ({experts} experts, {args.coordinators} coordinators, "
          f"{args.clinicians} clinicians) for {args.duration} s; it shares this machine's "
          f"{os.cpu_count()} cores with gunicorn and PostgreSQL\n"
          "  experts: GET /queue or GET /cases/<id> (de-identified), 0.5-1.5 s apart; "
          "coordinators: GET /cases/<id>\n"
          "  clinicians, 1-3 s apart: POST /cases/new (a ~3 KB identified case) then "
          "POST /cases/<id>/submit (de-identifies it), through the browser forms with their "
          "CSRF token; redirects not followed")
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=locust_env, cwd=ROOT, stdout=out,  # noqa: S603
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            process.wait(timeout=args.duration + 120)
        except subprocess.TimeoutExpired:
            print("locust overran its time; stopping it")
        finally:
            _stop(process, "locust", log)
    if process.returncode != 0 or not samples_path.exists():
        raise SystemExit(f"locust failed ({process.returncode}); its log ends:\n"
                         f"{log.read_text(errors='replace')[-3000:]}")
    return [Sample(**json.loads(line)) for line in samples_path.read_text().splitlines()]


# --- the report -------------------------------------------------------------------------


def _endpoint(method: str, path: str) -> str | None:
    """The report's name for a request the access log recorded."""
    if method == "GET" and path == "/queue":
        return QUEUE
    if method == "GET" and re.fullmatch(r"/cases/\d+", path):
        return CASE_PAGE
    if method == "POST" and path == "/cases/new":
        return CREATE
    if method == "POST" and re.fullmatch(r"/cases/\d+/submit", path):
        return SUBMIT
    return None


def server_times(access_log: Path) -> list[Sample]:
    """Each request's time inside a worker, from gunicorn's access log."""
    samples = []
    for line in access_log.read_text().splitlines():
        match = re.fullmatch(r"\[(.+?)\] (\S+) (\S+) (\d+) (\d+)", line)
        name = match and _endpoint(match[2], match[3])
        if match and name:
            at = datetime.strptime(match[1], "%d/%b/%Y:%H:%M:%S %z").timestamp()
            samples.append(Sample(name, at, int(match[5]) / 1000,
                                  "" if int(match[4]) < 400 else match[4]))
    return samples


def cpu_times(cpu_log: Path) -> list[Sample]:
    """Each request's CPU time in its worker, from load_cpu_hooks.py's log."""
    samples = []
    lines = cpu_log.read_text().splitlines() if cpu_log.exists() else []
    for line in lines:
        at, method, path, ms = line.split(" ")
        name = _endpoint(method, path)
        if name:
            samples.append(Sample(name, float(at), float(ms), ""))
    return samples


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest time that ``share`` of requests did not exceed."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = math.ceil(round(share * len(ordered), 9))
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def _ms(value: float) -> str:
    return "      -" if math.isnan(value) else f"{value:7.1f}"


def _verdict(good: bool) -> str:
    return "PASS" if good else "MISS"


def print_report(args: argparse.Namespace, samples: list[Sample], server: list[Sample],
                 memory: MemoryWatch, idle: dict[int, float], cpu: dict[str, float],
                 server_cpu: list[Sample]) -> None:
    start = min((s.at for s in samples), default=0.0)
    measured = [s for s in samples if s.at - start >= args.warmup or s.name == SIGN_IN]
    # The access log's clock has whole seconds: the cut may be up to a second early.
    in_worker = [s for s in server if s.at - int(start) >= args.warmup]
    worker_cpu = [s for s in server_cpu if s.at - start >= args.warmup]
    window = max(1e-9, max((s.at for s in samples), default=0.0) - start - args.warmup)
    print(f"\n== figures over {window:.0f} s after a {args.warmup:.0f} s warm-up "
          f"({args.users} users, {args.cases:,} cases, {_workers(args.threads)})")
    print(f"{'':<28} {'as the client saw it':^44} {'in a worker':^23}")
    print(f"{'endpoint':<28} {'reqs':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
          f"{'fail':>5} {'p50':>7} {'p95':>7} {'CPU p50':>7}  target (client p95)")
    for name in REPORTED:
        times = [s.ms for s in measured if s.name == name]
        worker = [s.ms for s in in_worker if s.name == name]
        worker_cpu_ms = [s.ms for s in worker_cpu if s.name == name]
        failures = sum(not s.ok for s in measured if s.name == name)
        rate = "" if name == SIGN_IN else f"{len(times) / window:7.1f}"
        target = P95_TARGETS_MS.get(name)
        p95 = percentile(times, 0.95)
        verdict = (f"< {target:.0f} ms {_verdict(p95 < target)}" if target and times
                   else "(not a target)")
        print(f"{name:<28} {len(times):6d} {rate:>7} {percentile(times, 0.50):7.1f} "
              f"{p95:7.1f} {percentile(times, 0.99):7.1f} {failures:5d} "
              f"{_ms(percentile(worker, 0.50))} {_ms(percentile(worker, 0.95))} "
              f"{_ms(percentile(worker_cpu_ms, 0.50))}  {verdict}")
    http = [s for s in measured if s.name != CREATE_SUBMIT]
    failed = sum(not s.ok for s in http)
    print(f"error rate: {failed} of {len(http)} requests failed "
          f"({100 * failed / max(1, len(http)):.2f} %), target 0: {_verdict(failed == 0)}")
    reasons = Counter(s.error for s in measured if s.error)
    for reason, times in reasons.most_common(5):
        print(f"  {times} x {reason}")
    print("milliseconds. create+submit: one clinician's two posts end to end. In a worker: "
          "from gunicorn's access log;\nthe rest of the client's time is waiting for a free "
          "worker (and the shared CPU). CPU: the worker's own for the request\n"
          "(load_cpu_hooks.py), which others' load on the machine hardly moves: compare runs "
          "by it when the machine is shared.")
    for pid, peak in sorted(memory.peak.items()):
        end = rss_mb(pid) or 0.0
        print(f"worker {pid}: RSS {idle.get(pid, 0.0):.0f} MB idle, peak {peak:.0f} MB, "
              f"{end:.0f} MB at the end; target < {RSS_TARGET_MB:.0f} MB: "
              f"{_verdict(peak < RSS_TARGET_MB)}")
    rest = cpu["machine"] - cpu["workers"] - cpu["locust"]
    print(f"CPU during the run, in cores of {os.cpu_count()}: {cpu['machine']:.2f} busy = "
          f"gunicorn workers {cpu['workers']:.2f} + locust {cpu['locust']:.2f} + "
          f"PostgreSQL and everything else {rest:.2f}")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted; cleaned up")
        sys.exit(130)
