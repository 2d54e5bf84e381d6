"""Programme years without a calibration: the nearest calibrated year, drifted.

calibration.toml's [drift] section documents the rule. Every draw comes from the
stream ("drift...", year) of the run's seed, so a year's drift depends on the
seed and the year only, never on which other years are generated.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np

from pp0093.generator.calibration import Calibration, Segment, YearClasses
from pp0093.generator.quotas import largest_remainder
from pp0093.generator.streams import stream

CALIBRATED_YEARS: tuple[int, ...] = (2023, 2024)
# the only year whose budget annex (MEF amounts, SIAF targets) is published
BUDGET_YEAR = 2024


def nearest_calibrated(year: int) -> int:
    """The calibrated year a year is drawn from (the later one on a tie)."""
    return min(CALIBRATED_YEARS, key=lambda c: (abs(year - c), -c))


def noisy(values: list[float], noise: float, rng: np.random.Generator) -> list[float]:
    """Each value times (1 + e), e uniform in [-noise, +noise]."""
    factors = 1.0 + rng.uniform(-noise, noise, size=len(values))
    return [float(v * f) for v, f in zip(values, factors, strict=True)]


def reshare(
    counts: list[int], total: int, noise: float, rng: np.random.Generator
) -> list[int]:
    """`counts`' shares, each drifted, split over `total` (exact integers)."""
    return largest_remainder(noisy([float(c) for c in counts], noise, rng), total)


@dataclass(frozen=True)
class YearDrift:
    """How one synthetic year departs from its calibrated year."""

    year: int
    base_year: int
    segments: tuple[Segment, ...]
    classes: YearClasses
    share_noise: float
    seed: int

    @property
    def firms(self) -> int:
        return sum(s.firms for s in self.segments)

    def shares_rng(self, name: str) -> np.random.Generator:
        return stream(self.seed, f"drift-{name}", self.year)


def year_drift(calibration: Calibration, year: int, seed: int) -> YearDrift:
    """Segments and classes of `year`, drawn from its nearest calibrated year."""
    cfg = calibration.raw["drift"]
    base_year = nearest_calibrated(year)
    rng = stream(seed, "drift", year)
    growth = rng.uniform(*cfg["firms_growth_per_year"])
    factor = (1.0 + growth) ** (year - base_year)
    base = calibration.segments(base_year)
    sizes = noisy([s.firms * factor for s in base], cfg["segment_noise"], rng)
    segments = tuple(
        Segment(s.lines, max(0, round(size)))
        for s, size in zip(base, sizes, strict=True)
    )
    total = sum(s.firms for s in segments)
    old = calibration.classes(base_year)
    informal, no_profile, profiled = reshare(
        [old.informal, old.formal_no_profile, old.with_profile],
        total,
        cfg["share_noise"],
        rng,
    )
    young_share = noisy(
        [old.young_in_sales_range / old.with_profile], cfg["share_noise"], rng
    )
    classes = YearClasses(
        informal=informal,
        formal_no_profile=no_profile,
        with_profile=profiled,
        young_in_sales_range=round(profiled * min(young_share[0], 0.9)),
    )
    return YearDrift(year, base_year, segments, classes, cfg["share_noise"], seed)


def drifted_budget(
    calibration: Calibration, year: int, seed: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """MEF budget and SIAF physical records of a year without a published annex.

    The same shapes as calibration.toml's budget_2024 and physical_2024, so the
    MEF and SIAF writers take them unchanged.
    """
    raw = calibration.raw
    cfg = raw["drift"]
    budget = copy.deepcopy(raw[f"budget_{BUDGET_YEAR}"])
    physical = copy.deepcopy(raw[f"physical_{BUDGET_YEAR}"])
    rng = stream(seed, "drift-budget", year)
    factor = (1.0 + rng.uniform(*cfg["budget_growth_per_year"])) ** (year - BUDGET_YEAR)
    noise = cfg["amount_noise"]
    for figures in budget["activities"].values():
        rate = figures["devengado"] / figures["pim"]
        rate *= 1.0 - rng.uniform(0.0, cfg["execution_rate_drop"])
        figures["pim"] = round(figures["pim"] * factor * noisy([1.0], noise, rng)[0])
        figures["devengado"] = min(figures["pim"], round(figures["pim"] * rate))
    for key, values in physical.items():
        if key == "products":
            physical[key] = {
                product: drift_pair(pair, factor, noise, rng)
                for product, pair in values.items()
            }
        elif values:
            physical[key] = drift_pair(values, factor, noise, rng)
    return budget, physical


def drift_pair(
    pair: list[int], factor: float, noise: float, rng: np.random.Generator
) -> list[int]:
    """[target, progress]: the target drifted, progress at a drifted achievement."""
    target, progress = pair
    new_target = max(1, round(target * factor * noisy([1.0], noise, rng)[0]))
    achievement = progress / target * noisy([1.0], noise, rng)[0]
    return [new_target, max(0, round(new_target * achievement))]
