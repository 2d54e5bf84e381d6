"""The pseudonym key: where it comes from, and the keyed hash made with it.

Pseudonyms (`firm_id`, `participant_id`, `service_delivery_id`) are
HMAC-SHA256 of an identifier under a secret key. The key is read here, in
Python, when a DuckDB connection is set up (pp0093.duckdb_plugin registers
the hash as a SQL function); it never enters SQL text, so it is in no compiled
model, manifest, log, run result or docs site. Where it comes from, first
found wins:

1. PP0093_PSEUDONYM_KEY_FILE: a file holding the key (one line; surrounding
   whitespace is ignored), e.g. a secret mounted by the scheduler;
2. PP0093_PSEUDONYM_KEY: the key itself;
3. neither: the DEVELOPMENT_KEY, which is public. `pp0093 publish` refuses a
   build made with it unless the build is of the generator's demo data set.

docs/privacy.md says who holds the key and how to rotate it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

KEY_ENV = "PP0093_PSEUDONYM_KEY"
KEY_FILE_ENV = "PP0093_PSEUDONYM_KEY_FILE"
# Public on purpose: demo builds need no setup. Never protects real data.
DEVELOPMENT_KEY = "pp0093-development-key-not-secret"
# A key shorter than this could be guessed; a generated one is far longer.
MIN_KEY_LENGTH = 16
# The key's public fingerprint is the HMAC of this text: it tells whether two
# builds used the same key (so their pseudonyms join) and reveals nothing else.
KEY_ID_MESSAGE = b"pp0093 pseudonym key id"
KEY_ID_LENGTH = 12


class PseudonymKeyError(RuntimeError):
    """The key is configured wrongly (unreadable file, empty or short key)."""


@dataclass(frozen=True)
class PseudonymKey:
    """The key, where it came from, and its public fingerprint."""

    secret: bytes
    source: str  # "key file", "environment" or "development default"

    @property
    def is_development(self) -> bool:
        return hmac.compare_digest(self.secret, DEVELOPMENT_KEY.encode())

    @property
    def key_id(self) -> str:
        digest = hmac.new(self.secret, KEY_ID_MESSAGE, hashlib.sha256).hexdigest()
        return digest[:KEY_ID_LENGTH]

    def __repr__(self) -> str:  # never print the secret
        return f"PseudonymKey(source={self.source!r}, key_id={self.key_id!r})"


def load_key(environ: dict[str, str] | None = None) -> PseudonymKey:
    """The key from the key file, the environment or the development default."""
    env = os.environ if environ is None else environ
    key_file = env.get(KEY_FILE_ENV, "").strip()
    if key_file:
        return checked(read_key_file(Path(key_file)), f"key file {key_file}")
    value = env.get(KEY_ENV)
    if value is not None:
        return checked(value.strip(), f"environment variable {KEY_ENV}")
    return PseudonymKey(DEVELOPMENT_KEY.encode(), "development default")


def read_key_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise PseudonymKeyError(
            f"{KEY_FILE_ENV}={path}: cannot read the pseudonym key ({error})"
        ) from error


def checked(value: str, where: str) -> PseudonymKey:
    if len(value) < MIN_KEY_LENGTH:
        raise PseudonymKeyError(
            f"the pseudonym key in {where} has {len(value)} characters; "
            f"use at least {MIN_KEY_LENGTH} (docs/privacy.md shows how to make one)"
        )
    source = "key file" if where.startswith("key file") else "environment"
    return PseudonymKey(value.encode("utf-8"), source)


def pseudonymizer(key: PseudonymKey):
    """A function text -> hex HMAC-SHA256 under `key` (None stays None)."""
    base = hmac.new(key.secret, digestmod=hashlib.sha256)

    def pseudonym(value: str | None) -> str | None:
        if value is None:
            return None
        mac = base.copy()
        mac.update(value.encode("utf-8"))
        return mac.hexdigest()

    return pseudonym
