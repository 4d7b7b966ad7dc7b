"""Reads a Runway input folder into the arrays the peer implementations walk.

Only what the standard model needs (MODEL.md): scenarios.csv with inheritance, drivers.csv,
events.csv (default targets only) and schedule.csv. The peers draw every driver independently,
so a folder whose correlations.csv names a pair is refused rather than silently simulated
without its copula.
"""
import csv
import math
import os

import numpy as np

DRIVERS = ("opening_cash", "min_liquidity", "volume_trend", "volume_volatility",
           "volume_persistence", "contribution_margin", "savings_realization",
           "savings_delay", "restructuring_overrun", "refinancing_share")
SCHEDULE = ("base_revenue", "fixed_costs", "savings_target", "restructuring_cost", "capex",
            "debt_maturity")

# Distribution codes shared by both peers. PERT is turned into a scaled beta when read.
CONSTANT, NORMAL, LOGNORMAL, UNIFORM, TRIANGULAR, BETA, STUDENT_T, DISCRETE_UNIFORM, BERNOULLI = range(9)
INJECTION, CASH_SHOCK, VOLUME_SHOCK = range(3)
EVENT_KINDS = {"injection": INJECTION, "cash_shock": CASH_SHOCK, "volume_shock": VOLUME_SHOCK}


class Scenario:
    """One scenario with its inheritance resolved, as flat arrays.

    drivers: (10, 5) rows of (code, p1, p2, p3, p4) in DRIVERS order.
    schedule: (6, H) rows in SCHEDULE order.
    events: kind, probability, distribution (E, 5), first and last quarter, trigger (NaN if none).
    """

    def __init__(self, name, drivers, schedule, labels, events):
        self.name = name
        self.drivers = drivers
        self.schedule = schedule
        self.labels = labels
        self.quarters = schedule.shape[1]
        self.event_names = [e[0] for e in events]
        self.event_kind = np.array([e[1] for e in events], dtype=np.int64)
        self.event_prob = np.array([e[2] for e in events], dtype=np.float64)
        self.event_dist = np.array([e[3] for e in events], dtype=np.float64).reshape(len(events), 5)
        self.event_first = np.array([e[4] for e in events], dtype=np.int64)
        self.event_last = np.array([e[5] for e in events], dtype=np.int64)
        self.event_trigger = np.array([e[6] for e in events], dtype=np.float64)


def _rows(path):
    """The CSV rows of a file as dicts, skipping '#' comment lines and blank lines."""
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def _number(text, default=math.nan):
    text = (text or "").strip()
    return float(text) if text else default


def _distribution(row, where):
    """(code, p1..p4) for a row's distribution; PERT becomes a beta on [min, max]."""
    name = row["distribution"].strip()
    p = [_number(row.get(f"p{i}")) for i in range(1, 5)]
    if name == "constant":
        return (CONSTANT, p[0], 0.0, 0.0, 0.0)
    if name == "normal":
        return (NORMAL, p[0], p[1], 0.0, 0.0)
    if name == "lognormal":
        return (LOGNORMAL, p[0], p[1], 0.0, 0.0)
    if name == "uniform":
        return (UNIFORM, p[0], p[1], 0.0, 0.0)
    if name == "triangular":
        return (TRIANGULAR, p[0], p[1], p[2], 0.0)
    if name == "pert":
        low, mode, high = p[0], p[1], p[2]
        width = high - low
        return (BETA, 1 + 4 * (mode - low) / width, 1 + 4 * (high - mode) / width, low, high)
    if name == "beta":
        low = 0.0 if math.isnan(p[2]) else p[2]
        high = 1.0 if math.isnan(p[3]) else p[3]
        return (BETA, p[0], p[1], low, high)
    if name == "student_t":
        return (STUDENT_T, p[0], p[1], p[2], 0.0)
    if name == "discrete_uniform":
        return (DISCRETE_UNIFORM, p[0], p[1], 0.0, 0.0)
    if name == "bernoulli":
        return (BERNOULLI, p[0], 0.0, 0.0, 0.0)
    raise ValueError(f"{where}: unknown distribution '{name}'")


def load(folder, name):
    """The scenario called name in folder, its parents' rows overridden by its own."""
    parents = {r["scenario"].strip(): r["parent"].strip() for r in _rows(os.path.join(folder, "scenarios.csv"))}
    if name not in parents:
        raise ValueError(f"{folder}/scenarios.csv: no scenario '{name}'")
    correlated = [r for r in _rows(os.path.join(folder, "correlations.csv"))]
    if correlated:
        raise ValueError(f"{folder}/correlations.csv names {len(correlated)} pairs; the peers draw "
                         "drivers independently, so run them on a copy without correlations")
    chain = []
    scenario = name
    while scenario:
        chain.append(scenario)
        scenario = parents[scenario]
    chain.reverse()  # root first, so a child's rows override its parent's

    def resolved(file, key):
        by_key = {}
        for scenario in chain:
            for r in _rows(os.path.join(folder, file)):
                if r["scenario"].strip() == scenario:
                    by_key[r[key].strip()] = r
        return by_key

    driver_rows = resolved("drivers.csv", "driver")
    missing = [d for d in DRIVERS if d not in driver_rows]
    if missing:
        raise ValueError(f"{folder}/drivers.csv: scenario '{name}' lacks {', '.join(missing)}")
    drivers = np.array([_distribution(driver_rows[d], f"drivers.csv {d}") for d in DRIVERS])

    schedule_rows = resolved("schedule.csv", "quarter")
    quarters = sorted(schedule_rows, key=int)
    if [int(q) for q in quarters] != list(range(1, len(quarters) + 1)):
        raise ValueError(f"{folder}/schedule.csv: quarters of '{name}' are not 1..H")
    schedule = np.array([[float(schedule_rows[q][c]) for q in quarters] for c in SCHEDULE])
    labels = [schedule_rows[q]["label"].strip() for q in quarters]

    events = []
    for event, r in resolved("events.csv", "event").items():
        if (r.get("target") or "").strip():
            raise ValueError(f"{folder}/events.csv {event}: the peers support default targets only")
        events.append((event, EVENT_KINDS[r["kind"].strip()], _number(r["probability"], 1.0),
                       _distribution(r, f"events.csv {event}"), int(r["first_quarter"]),
                       int(r["last_quarter"]), _number(r["trigger_below"])))
    return Scenario(name, drivers, schedule, labels, events)
