"""Findings from many places (rules, NER, propagation, a clinician) become one set of spans."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from echo_cases.deid.kinds import specificity
from echo_cases.deid.types import EntityType, Finding


def merge_findings(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Sorted findings with no two overlapping, so nothing partial leaks.

    Overlapping findings become one span covering them all, and so do parts of one name
    found apart but written one space apart ("Dr Rosalind" and "Achterberg"), so the
    reader sees one person, not two. The span takes type, subtype, score and source of
    its best member: highest score, then the longest, then the first; of members of the
    first's type as good as it, the kind that says more of a place (an employer over the
    town an "at" rule took it for).
    """
    ordered = sorted((f for f in findings if f.end > f.start), key=lambda f: (f.start, -f.end))
    groups: list[list[Finding]] = []
    group_end = -1
    for f in ordered:
        if groups and (f.start < group_end or _one_name(text, groups[-1], group_end, f)):
            groups[-1].append(f)
            group_end = max(group_end, f.end)
        else:
            groups.append([f])
            group_end = f.end
    return [_union(group) for group in groups]


def _best(group: Sequence[Finding]) -> Finding:
    best = max(group, key=lambda f: (f.score, f.end - f.start))
    # Only a kind of the same type may take its place: what is found stays what it was.
    same = [
        f
        for f in group
        if (f.score, f.end - f.start, f.entity_type)
        == (best.score, best.end - best.start, best.entity_type)
    ]
    return max(same, key=lambda f: specificity(f.subtype))


# Between two parts of one name: a space, or a middle initial between spaces, its full
# stop left out ("Kate M Begum", "Elita B. Desaulniers").
_NAME_GAP = regex.compile(r" (?:\p{Lu}\.? )?")


def _one_name(text: str, group: Sequence[Finding], group_end: int, after: Finding) -> bool:
    return (
        _best(group).entity_type is after.entity_type is EntityType.PERSON
        and _NAME_GAP.fullmatch(text, group_end, after.start) is not None
    )


def _union(group: Sequence[Finding]) -> Finding:
    best = _best(group)
    return Finding(
        start=min(f.start for f in group),
        end=max(f.end for f in group),
        entity_type=best.entity_type,
        score=best.score,
        subtype=best.subtype,
        source=best.source,
    )
