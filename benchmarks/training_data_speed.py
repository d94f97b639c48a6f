"""Speed of the NER training-text generator, in one process.

usage: python benchmarks/training_data_speed.py [--n 20000] [--split train]

Counts the whole run as the CLI does it (Faker locales load on first use), by wall clock and
by this process's CPU time (steadier on a busy machine). The brief asks for 20,000 documents
in well under two minutes on one core.
"""

from __future__ import annotations

import argparse
import json
import time

from echo_cases.deid.training.generate import generate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--split", choices=("train", "heldout"), default="train")
    args = parser.parse_args()
    start, cpu_start = time.perf_counter(), time.process_time()
    characters = sum(
        len(json.dumps(r, ensure_ascii=False)) for r in generate(args.n, 1, args.split)
    )
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"{args.n} {args.split} documents ({characters / 1e6:.1f} M characters of JSON): "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU, {args.n / cpu:.0f} docs/s CPU"
    )


if __name__ == "__main__":
    main()
