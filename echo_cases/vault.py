"""Encryption at rest for what only a case's author may read.

Fernet (AES-128-CBC with HMAC-SHA256) from ``cryptography``; ``MultiFernet`` lets a
hub add a new key in front, re-seal everything with ``flask rotate-keys``, then drop
the old one. Losing every key loses only the identified originals: the
de-identified cases are not sealed, and stay readable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class VaultLocked(RuntimeError):
    """No configured key opens this token (rotated away, or lost)."""


class Vault:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("the vault needs at least one key")
        self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])

    def seal(self, data: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()

    def open(self, token: str) -> dict[str, Any]:
        try:
            return dict(json.loads(self._fernet.decrypt(token.encode())))
        except InvalidToken:
            raise VaultLocked("no configured key opens this record") from None

    def reseal(self, token: str) -> str:
        """The same data under the newest key (for key rotation)."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise VaultLocked("no configured key opens this record") from None

    @staticmethod
    def new_key() -> str:
        return Fernet.generate_key().decode()
