"""Assertions shared by the specification tests."""

from __future__ import annotations

import re

from echo_cases.deid import Finding

TOKEN = re.compile(r"\w+")


def covered(findings: list[Finding], start: int, end: int) -> bool:
    """Every word character of text[start:end] lies inside some finding (the scorer's rule)."""
    return all(any(f.start <= i < f.end for f in findings) for i in range(start, end))


def uncovered_tokens(text: str, findings: list[Finding], needle: str) -> list[str]:
    start = text.index(needle)
    return [
        m.group()
        for m in TOKEN.finditer(text, start, start + len(needle))
        if not covered(findings, *m.span())
    ]


def touched_tokens(text: str, findings: list[Finding], needle: str) -> list[str]:
    start = text.index(needle)
    return [
        m.group()
        for m in TOKEN.finditer(text, start, start + len(needle))
        if any(f.start < m.end() and m.start() < f.end for f in findings)
    ]
