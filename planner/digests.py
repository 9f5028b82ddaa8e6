"""Digests: a file's fingerprint, cache keys and stamps (BLAKE2b, 32 bytes).

BLAKE2b comes from CPython's own ``_blake2`` module, which is exactly what ``hashlib.blake2b``
is, without ``import hashlib``: that loads OpenSSL, ~11 M instructions of every command's start-up
(4–5 % of its floor, docs/ARCHITECTURE.md promise S2), and BLAKE2b hashes a plan file about twice
as fast as OpenSSL's sha256. Where ``_blake2`` is missing, ``hashlib`` supplies the same function.
Nothing a digest names is kept beyond the cache (derived, deletable): the algorithm can change with
the cache's format.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python: the same function, through hashlib
    from hashlib import blake2b

__all__ = ["blake2b", "digest", "hexdigest"]

SIZE = 32
"""Bytes in a digest."""


def digest(data: bytes) -> bytes:
    """The digest of ``data``."""
    return blake2b(data, digest_size=SIZE).digest()


def hexdigest(data: bytes) -> str:
    """The digest of ``data``, in hex (64 characters)."""
    return blake2b(data, digest_size=SIZE).hexdigest()
