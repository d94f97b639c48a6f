"""Whether an e-mail's domain ends in a public suffix, without tldextract at run time.

The e-mail rule keeps an address only when ``tldextract`` finds a public suffix in its
domain (``recognizers/contact.py``). On the first address of a run, importing
tldextract (with ``requests``) and building its lookup from the suffix list it ships cost
a seventh of a second of CPU, a tenth of ``echo-cases deid`` on a small file.

``main`` (``make setup``) asks tldextract for its public suffixes (the list snapshot it
ships, as ``TLDExtract(suffix_list_urls=(), cache_dir=None)`` reads it) and writes them
as the very tree tldextract walks, nested dicts, to ``public_suffixes.marshal``;
``has_public_suffix`` walks it as tldextract does. Not in git; stamped with the bytes of
the snapshot and of tldextract's modules that read it and walk the tree, and of this
module: when one differs, or the file is missing, tldextract itself answers as before.
So does it for a domain this walk does not cover (punycode, or what tldextract would
first cut out of a URL): only plain ``label.label`` domains are answered here.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from typing import Any

CACHE = Path(__file__).resolve().parent / "data" / "public_suffixes.marshal"

# tldextract's files whose bytes decide the answer: the list, how it is parsed, how a
# domain is cut out of its input and how the tree is walked.
_SOURCES = (".tld_set_snapshot", "suffix_list.py", "remote.py", "tldextract.py")

# A node of the tree: each next label (right to left) -> its node; _END in a node marks
# the end of a suffix. A label never holds a dot, so the mark is never taken for a label.
Node = dict[str, Any]
_END = "."

# Characters tldextract reads as more than part of a host name (a scheme, path, query,
# user, port or IPv6 bracket; a dot of another script): a domain holding one is left to it.
_NOT_PLAIN = frozenset("/?#@:[]\u3002\uff0e\uff61")


def _package_dir() -> Path | None:
    # Found without importing tldextract (which is what this module saves).
    spec = importlib.util.find_spec("tldextract")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def stamp() -> str:
    """A hash of what the tree is made from and how it is read; empty without tldextract."""
    package = _package_dir()
    if package is None:
        return ""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in _SOURCES:
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            return ""
    return digest.hexdigest()


def build_tree(suffixes: list[str]) -> Node:
    """The tree of ``suffixes``, labels right to left, as tldextract's ``Trie`` holds it."""
    root: Node = {}
    for suffix in suffixes:
        node = root
        for label in reversed(suffix.split(".")):
            node = node.setdefault(label, {})
        node[_END] = True
    return root


def _tldextract_suffixes() -> list[str]:
    import tldextract

    return list(tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None).tlds)


def read(path: Path = CACHE) -> Node | None:
    """The tree recorded in ``path`` if it was made from tldextract as it is now."""
    try:
        # Written by main() into the package itself: as trusted as the code beside it.
        recorded, tree = marshal.loads(path.read_bytes())  # noqa: S302  # nosec B302
    except (OSError, ValueError, EOFError, TypeError):
        return None
    current = stamp()
    if not current or recorded != current or not isinstance(tree, dict):
        return None
    return tree


@functools.cache
def _tree() -> Node | None:
    return read(CACHE)


@functools.cache
def _offline_tld() -> Any:
    import tldextract

    # Offline: an empty URL list makes tldextract use the suffix snapshot shipped in the wheel.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _is_plain(domain: str) -> bool:
    # What tldextract would take as it is: nothing to cut from a URL, no space to strip,
    # no root dot, no punycode label to decode.
    return (
        bool(domain)
        and _NOT_PLAIN.isdisjoint(domain)
        and domain == domain.strip()
        and not domain.endswith(".")
        and "xn--" not in domain.lower()
    )


def suffix_in_tree(tree: Node, domain: str) -> str:
    """The public suffix of a plain ``domain`` (``_is_plain``): tldextract's
    ``_PublicSuffixListTLDExtractor.suffix_index`` walk, its result joined as it joins it."""
    labels = domain.split(".")
    node = tree
    suffix_at = at = len(labels)
    for label in reversed(labels):
        low = label.lower()
        if low in node:
            at -= 1
            node = node[low]
            if _END in node:
                suffix_at = at
            continue
        if "*" in node:
            # A wildcard rule ("*.ck") takes this label too, unless an exception ("!www.ck").
            suffix_at = at if "!" + low in node else at - 1
        break
    return ".".join(labels[suffix_at:])


def has_public_suffix(domain: str) -> bool:
    """``bool(TLDExtract(suffix_list_urls=(), cache_dir=None)(domain).suffix)``."""
    tree = _tree() if _is_plain(domain) else None
    if tree is None:
        return bool(_offline_tld()(domain).suffix)
    return bool(suffix_in_tree(tree, domain))


def write(path: Path = CACHE) -> int:
    """Record tldextract's public suffixes in ``path`` (whole or not at all); how many."""
    suffixes = _tldextract_suffixes()
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(marshal.dumps((stamp(), build_tree(suffixes))))
    partial.replace(path)
    return len(suffixes)


def main(argv: list[str]) -> int:
    """``python -m echo_cases.deid.public_suffixes [OUT]``."""
    out = Path(argv[0]) if argv else CACHE
    print(f"{write(out)} public suffixes recorded in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
