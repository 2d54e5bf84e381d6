"""Identifiers: RUC with SUNAT's mod-11 check digit, DNIs, record ids.

Numbers are produced by fixed bijections of an index, so every firm and person gets
a distinct, reproducible identifier without keeping a set of used numbers.
"""

from __future__ import annotations

import math

import numpy as np

RUC_WEIGHTS = np.array([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], dtype=np.int64)

DNI_BASE = 10_000_000
DNI_SPAN = 80_000_000  # DNIs 10000000..89999999
BODY_SPAN = 100_000_000  # the 8 digits after a RUC prefix


def _coprime_multiplier(seed: int, span: int, salt: int) -> int:
    """A multiplier coprime with `span`, derived from the seed."""
    multiplier = (2_654_435_761 * (seed + 1) + 97 * salt) % span
    while math.gcd(multiplier, span) != 1 or multiplier < span // 10:
        multiplier = (multiplier + 7_919) % span
    return multiplier


class NumberBijection:
    """index -> distinct number in [base, base + span), fixed by the seed."""

    def __init__(self, seed: int, span: int, base: int, salt: int) -> None:
        self.span = span
        self.base = base
        self.multiplier = _coprime_multiplier(seed, span, salt)
        self.offset = (seed * 1_000_003 + salt * 7_777_777) % span

    def __call__(self, index: np.ndarray) -> np.ndarray:
        index = np.asarray(index, dtype=np.int64)
        if len(index) and int(index.max()) >= self.span:
            raise ValueError("index beyond the identifier space")
        # multiply in Python ints' range: both factors < 2**27, product < 2**63
        mixed = (index * self.multiplier + self.offset) % self.span
        return mixed + self.base


def ruc_check_digit(base10: np.ndarray) -> np.ndarray:
    """SUNAT's check digit for 10-digit RUC bases (prefix + 8 digits)."""
    base10 = np.asarray(base10, dtype=np.int64)
    total = np.zeros(base10.shape, dtype=np.int64)
    remaining = base10.copy()
    for weight in RUC_WEIGHTS[::-1]:
        total += (remaining % 10) * weight
        remaining //= 10
    digit = 11 - total % 11
    return np.where(digit == 10, 0, np.where(digit == 11, 1, digit))


def build_rucs(prefix: np.ndarray, body: np.ndarray) -> np.ndarray:
    """11-digit RUCs (as int64) from 2-digit prefixes and 8-digit bodies."""
    base10 = np.asarray(prefix, dtype=np.int64) * BODY_SPAN + np.asarray(
        body, dtype=np.int64
    )
    return base10 * 10 + ruc_check_digit(base10)


def is_valid_ruc(text: str) -> bool:
    """Plain-Python RUC check, the rule the warehouse applies."""
    if (
        len(text) != 11
        or not text.isdigit()
        or text[:2] not in {"10", "15", "17", "20"}
    ):
        return False
    total = sum(int(d) * int(w) for d, w in zip(text[:10], RUC_WEIGHTS, strict=True))
    digit = 11 - total % 11
    digit = {10: 0, 11: 1}.get(digit, digit)
    return digit == int(text[10])


def wrong_check_digit(rucs: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """The same RUCs with a different (hence invalid) last digit."""
    rucs = np.asarray(rucs, dtype=np.int64)
    digit = rucs % 10
    return rucs - digit + (digit + 1 + np.asarray(shift) % 9) % 10
