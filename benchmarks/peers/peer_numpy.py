"""The standard model (MODEL.md) in plain NumPy: every path at once, quarter by quarter.

This is what a quant would write first: one array per driver and per state over all paths,
a Python loop over the quarters only. NumPy runs it on one core.
"""
import math
import time

import numpy as np

from inputs import (BERNOULLI, BETA, CASH_SHOCK, CONSTANT, DISCRETE_UNIFORM, INJECTION, LOGNORMAL,
                    NORMAL, STUDENT_T, TRIANGULAR, UNIFORM, VOLUME_SHOCK)
from statistics_of_paths import PERCENTILES

_PERCENT = [100 * p for p in PERCENTILES]


def draw(rng, dist, n):
    """n draws of one distribution row (code, p1, p2, p3, p4)."""
    code, p1, p2, p3, p4 = dist
    code = int(code)
    if code == CONSTANT:
        return np.full(n, p1)
    if code == NORMAL:
        return rng.normal(p1, p2, n)
    if code == LOGNORMAL:
        return rng.lognormal(p1, p2, n)
    if code == UNIFORM:
        return rng.uniform(p1, p2, n)
    if code == TRIANGULAR:
        return rng.triangular(p1, p2, p3, n)
    if code == BETA:
        return p3 + (p4 - p3) * rng.beta(p1, p2, n)
    if code == STUDENT_T:
        return p1 + p2 * rng.standard_t(p3, n)
    if code == DISCRETE_UNIFORM:
        return rng.integers(int(p1), int(p2) + 1, n).astype(np.float64)
    if code == BERNOULLI:
        return (rng.random(n) < p1).astype(np.float64)
    raise ValueError(f"unknown distribution code {code}")


def peak_bytes(s, n, threads=1):
    """About the most memory simulate(s, n, ...) holds at once, in bytes, for the caller to check
    before it runs (threads is ignored: NumPy runs this on one core). Per path, 8 bytes for each of:
    the quarters' cash (Q of them); while their statistics run, two more matrices of that size
    (np.std's deviations, np.percentile's and np.partition's working copies, at most two at a time:
    2 Q); the 10 drivers, 5 states (cash, volume, noise, first breach, injected) and about 7
    temporaries of a quarter's step; plus 2 flags, and 17 per event (its flag, amount and quarter).
    The peak resident memory measured at 100,000 paths and 12 quarters was 461 bytes a path without
    events, 478 with one and 497 with two; this says 466, 483 and 500."""
    return n * (24 * s.quarters + 22 * 8 + 2 + 17 * len(s.event_kind))


def simulate(s, n, seed):
    """Walks n paths of scenario s; returns the statistics the engine writes (see statistics_of_paths)."""
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    (opening, min_liquidity, trend, volatility, persistence, margin, realization, delay, overrun,
     refinancing) = (draw(rng, d, n) for d in s.drivers)
    base_revenue, fixed_costs, savings_target, restructuring_cost, capex, debt_maturity = s.schedule
    quarters = s.quarters
    # savings_target[q - delay], 0 before quarter 1: index a copy with a zero in front.
    padded_target = np.concatenate(([0.0], savings_target))
    delay = delay.astype(np.int64)

    events = []
    for k in range(len(s.event_kind)):
        on = rng.random(n) < s.event_prob[k] if s.event_prob[k] < 1 else np.ones(n, dtype=bool)
        amount = draw(rng, s.event_dist[k], n)
        triggered = not math.isnan(s.event_trigger[k])
        quarter = None if triggered else rng.integers(s.event_first[k], s.event_last[k] + 1, n)
        events.append((s.event_kind[k], on, amount, quarter, triggered, k))

    cash = opening.copy()
    volume = np.zeros(n)
    noise = np.zeros(n)
    cash_by_quarter = np.empty((quarters, n))
    breached = np.zeros(n, dtype=bool)
    first_breach = np.zeros(n, dtype=np.int64)
    cum_breach = np.empty(quarters)
    injected = np.zeros(n)
    any_injection = np.zeros(n, dtype=bool)
    for q in range(1, quarters + 1):
        i = q - 1
        noise = persistence * noise + volatility * rng.standard_normal(n)
        volume = volume + trend + noise
        for kind, on, amount, quarter, _, _ in events:
            if kind == VOLUME_SHOCK:
                volume += np.where(on & (quarter == q), amount, 0.0)
        revenue = base_revenue[i] * np.exp(volume)
        savings = realization * padded_target[np.maximum(q - delay, 0)]
        operating = margin * revenue - fixed_costs[i] + savings
        outflows = overrun * restructuring_cost[i] + capex[i] + (1 - refinancing) * debt_maturity[i]
        cash = cash + operating - outflows
        for kind, on, amount, quarter, _, _ in events:
            if kind == CASH_SHOCK:
                cash -= np.where(on & (quarter == q), amount, 0.0)
        before_injections = cash.copy()
        for kind, on, amount, quarter, triggered, k in events:
            if kind != INJECTION:
                continue
            if triggered:
                if not s.event_first[k] <= q <= s.event_last[k]:
                    continue
                fires = on & (before_injections < s.event_trigger[k])
                on &= ~fires  # at most once per path
            else:
                fires = on & (quarter == q)
            cash += np.where(fires, amount, 0.0)
            injected += np.where(fires, amount, 0.0)
            any_injection |= fires
        cash_by_quarter[i] = cash
        in_breach = cash < min_liquidity
        first_breach[in_breach & ~breached] = q
        breached |= in_breach
        cum_breach[i] = breached.mean()

    walked = time.perf_counter()
    mean = cash_by_quarter.mean(axis=1)
    sd = cash_by_quarter.std(axis=1, ddof=1)
    percentiles = np.percentile(cash_by_quarter, _PERCENT, axis=1)
    breach = (cash_by_quarter < min_liquidity).mean(axis=1)
    worst = math.ceil(0.05 * n)
    cvar05 = np.partition(cash_by_quarter, worst - 1, axis=1)[:, :worst].mean(axis=1)
    return {
        "mean": mean, "sd": sd, "percentiles": percentiles, "breach_prob": breach,
        "cum_breach_prob": cum_breach, "cvar05": cvar05,
        "first_breach": first_breach, "injected": injected, "any_injection": any_injection,
        "terminal": cash_by_quarter[-1],
        "seconds_walk": walked - start, "seconds_statistics": time.perf_counter() - walked,
    }
