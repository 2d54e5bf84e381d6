"""Exact quotas: integer counts that add up, and shares that round to a target."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np


def largest_remainder(weights: Sequence[float], total: int) -> list[int]:
    """Split `total` into integers proportional to `weights` (Hamilton's method)."""
    weight_sum = float(sum(weights))
    if total == 0 or weight_sum == 0:
        return [0] * len(weights)
    exact = [w * total / weight_sum for w in weights]
    counts = [int(x) for x in exact]
    missing = total - sum(counts)
    # ties broken by position, so the split is deterministic
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[:missing]:
        counts[i] += 1
    return counts


def rounds_to(numerator: int, denominator: int, pct: float) -> bool:
    """True when 100 * numerator / denominator rounds to `pct` (one decimal).

    The share must lie strictly inside the rounding interval, so that half-up and
    half-even rounding agree.
    """
    if denominator <= 0:
        return False
    share = Fraction(1000 * numerator, denominator)  # in tenths of a percent
    target = Fraction(round(pct * 10))
    return target - Fraction(1, 2) < share < target + Fraction(1, 2)


def hits_for_share(population: int, pct: float) -> tuple[int, int]:
    """The largest population <= `population` and a hit count giving `pct`.

    Returns (population_used, hits). Used where units can be left out of the
    denominator (participants not evaluated) to make the share come out exactly.
    """
    for used in range(population, 0, -1):
        hits = round(used * pct / 100)
        for candidate in (hits, hits - 1, hits + 1):
            if 0 <= candidate <= used and rounds_to(candidate, used, pct):
                return used, candidate
    raise ValueError(f"no population <= {population} gives {pct} %")


def scale_counts(counts: Mapping[str, int], total: int) -> dict[str, int]:
    """Rescale named counts to a new total, keeping their proportions."""
    keys = list(counts)
    scaled = largest_remainder([counts[k] for k in keys], total)
    return dict(zip(keys, scaled, strict=True))


def label_pool(counts: Sequence[int], rng: np.random.Generator) -> np.ndarray:
    """A shuffled array holding label i exactly counts[i] times."""
    labels = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    rng.shuffle(labels)
    return labels


def fill_quota(
    fixed: np.ndarray, counts: Sequence[int], rng: np.random.Generator
) -> np.ndarray:
    """Labels for every unit: keep the fixed ones (>= 0), fill the rest (-1).

    The result holds label i exactly counts[i] times; raises when the fixed labels
    already use more than a label's quota.
    """
    used = np.bincount(fixed[fixed >= 0], minlength=len(counts))
    remaining = np.asarray(counts, dtype=np.int64) - used[: len(counts)]
    if (remaining < 0).any() or len(used) > len(counts):
        raise ValueError("fixed labels exceed their quota")
    free = np.flatnonzero(fixed < 0)
    if remaining.sum() != len(free):
        raise ValueError(f"quota {int(remaining.sum())} != free units {len(free)}")
    result = fixed.copy()
    result[free] = label_pool(remaining.tolist(), rng)
    return result


def fill_quota_in_order(
    fixed: np.ndarray, counts: Sequence[int], score: np.ndarray
) -> np.ndarray:
    """Like fill_quota, but free units get labels 0, 1, ... in ascending score."""
    used = np.bincount(fixed[fixed >= 0], minlength=len(counts))
    remaining = np.asarray(counts, dtype=np.int64) - used[: len(counts)]
    if (remaining < 0).any():
        raise ValueError("fixed labels exceed their quota")
    free = np.flatnonzero(fixed < 0)
    if remaining.sum() != len(free):
        raise ValueError(f"quota {int(remaining.sum())} != free units {len(free)}")
    ordered = free[np.argsort(score[free], kind="stable")]
    result = fixed.copy()
    result[ordered] = np.repeat(np.arange(len(counts), dtype=np.int64), remaining)
    return result


def choose(candidates: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` distinct elements of `candidates`, in ascending order."""
    if count > len(candidates):
        raise ValueError(f"cannot choose {count} of {len(candidates)}")
    picked = rng.choice(len(candidates), size=count, replace=False)
    return np.sort(candidates[picked])
