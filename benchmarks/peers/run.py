#!/usr/bin/python3
"""Runway against two peers, NumPy and Numba, on the same model, inputs, paths and cores.

Runs, back to back and several times: the engine as a user runs it (a fresh JVM from the shell,
`bin/runway simulate`, timed around the process), the NumPy peer and the Numba peer (timed on
their computation alone: simulation and the statistics of quarterly.csv and summary.csv; Numba's
compile is done by a warm-up call first). Then prints the times, their medians, the median of
each round's ratio peer time / engine time, and checks that the peers' statistics agree with the
engine's within Monte Carlo error; exits 1 if they do not.

The model is MODEL.md's standard model with the drivers independent: a copy of inputs/nissan
without correlations.csv (no copula) and without model.csv (the engine's built-in standard model,
which reports cash only, as the peers do).

    benchmarks/peers/run.py                       # 3 scenarios x 1,000,000 paths, 5 rounds
    benchmarks/peers/run.py --paths 1000000,10000000 --rounds 3
"""
import argparse
import csv
import importlib.util
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
# The Debian package that brings each Python module the scripts here import.
DEBIAN_PACKAGES = {"numpy": "python3-numpy", "scipy": "python3-scipy", "numba": "python3-numba",
                   "matplotlib": "python3-matplotlib"}


def ensure_packages(modules=("numpy", "scipy", "numba")):
    """Installs Debian's packages of the modules this Python cannot import, then restarts the script."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if not missing:
        return
    packages = [DEBIAN_PACKAGES[m] for m in missing]
    if os.environ.get("RUNWAY_PEERS_INSTALLED"):
        sys.exit(f"error: {', '.join(missing)} still missing after installing {' '.join(packages)}; "
                 f"run this script with /usr/bin/python3 (this is {sys.executable})")
    print(f"installing {' '.join(packages)} (missing: {', '.join(missing)})", flush=True)
    install = ["apt-get", "install", "-y", *packages]
    if subprocess.run(install).returncode != 0:
        # Most often the package lists are older than the mirror's files: refresh them once.
        print("apt-get install failed; running apt-get update and trying once more", flush=True)
        if subprocess.run(["apt-get", "update"]).returncode != 0 or subprocess.run(install).returncode != 0:
            sys.exit(f"error: could not install {' '.join(packages)} with apt-get (it needs root); "
                     f"install them, then run this script again")
    os.environ["RUNWAY_PEERS_INSTALLED"] = "1"
    os.execv(sys.executable, [sys.executable, *sys.argv])


def independent_inputs(source, target):
    """A copy of the input folder that runs the standard model with independent drivers."""
    os.makedirs(target, exist_ok=True)
    for name in ("scenarios.csv", "drivers.csv", "events.csv", "schedule.csv"):
        shutil.copy(os.path.join(source, name), target)


def engine_command(inputs, out, paths, scenarios, threads, extra=()):
    """bin/runway simulate on the copied inputs; extra: more engine options, appended as given."""
    command = [os.path.join(REPO, "bin", "runway"), "simulate", "--inputs", inputs, "--paths", str(paths),
               "--threads", str(threads), "--out", out]
    for s in scenarios:
        command += ["--scenario", s]
    return command + list(extra)


def read_manifest(out):
    """An output folder's manifest.csv as a dict, key to value."""
    with open(os.path.join(out, "manifest.csv"), newline="") as f:
        return {r["key"]: r["value"] for r in csv.DictReader(f)}


def run_engine(command):
    """Wall seconds of one engine run as a fresh process, its manifest.csv (whose elapsed_ms is the
    time the engine reports itself: from its start time, after the JVM's own start), and its
    summary.csv rows by scenario."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"error: the engine failed ({done.returncode}):\n{done.stderr}")
    out = command[command.index("--out") + 1]
    with open(os.path.join(out, "summary.csv"), newline="") as f:
        rows = {r["scenario"]: r for r in csv.DictReader(f)}
    return seconds, read_manifest(out), rows


def run_peer(peer, scenarios, paths, seed, keep_paths=True):
    """Seconds of the peer's computation over every scenario, the part of them spent walking the
    paths (the rest is statistics), and its results by scenario. keep_paths=False keeps only each
    scenario's summary and times, so its paths are freed before the next scenario's are drawn: the
    peer then needs one scenario's memory (its peak_bytes), not the sum of them."""
    from statistics_of_paths import summary
    results = {}
    start = time.perf_counter()
    for k, s in enumerate(scenarios):
        result = peer.simulate(s, paths, seed + k)
        result["summary"] = summary(result)
        if not keep_paths:
            result = {key: result[key] for key in ("summary", "seconds_walk", "seconds_statistics")}
        results[s.name] = result
    seconds = time.perf_counter() - start
    return seconds, sum(r["seconds_walk"] for r in results.values()), results


def order_statistic_interval(values, p):
    """The engine's 95% interval of the p-quantile: order statistics x(l), x(u), l = B^-1(2.5%) - 1,
    u = B^-1(97.5%), 0-based, B ~ Binomial(n, p) (docs/model.md, Intervals)."""
    import numpy as np
    from scipy.stats import binom
    n = values.size
    low = int(binom.ppf(0.025, n, p)) - 1
    high = int(binom.ppf(0.975, n, p))
    picked = np.partition(values, [max(low, 0), min(high, n - 1)])
    return float(picked[max(low, 0)]), float(picked[min(high, n - 1)])


Z95 = 1.959963984540054
TOLERANCE = 4.0  # standard errors: about 6e-5 two-sided per statistic, so a correct peer fails rarely


def compare(engine_rows, peer_name, peer_results, paths):
    """Rows (scenario, statistic, engine, peer, difference, combined SE, z) and whether all pass."""
    rows = []
    ok = True
    for scenario, result in peer_results.items():
        e = engine_rows[scenario]
        mine = result["summary"]
        checks = []
        se_engine = (float(e["terminal_mean_hi"]) - float(e["terminal_mean_lo"])) / (2 * Z95)
        se_peer = float(result["sd"][-1]) / math.sqrt(paths)
        checks.append(("terminal_mean", float(e["terminal_mean"]), mine["terminal_mean"], se_engine, se_peer))
        for p, column in ((0.05, "terminal_p05"), (0.50, "terminal_p50"), (0.95, "terminal_p95")):
            se_engine = (float(e[column + "_hi"]) - float(e[column + "_lo"])) / (2 * Z95)
            low, high = order_statistic_interval(result["terminal"], p)
            checks.append((column, float(e[column]), mine[column], se_engine, (high - low) / (2 * Z95)))
        for column in ("breach_prob", "injection_prob"):
            pe, pp = float(e[column]), mine[column]
            checks.append((column, pe, pp, math.sqrt(pe * (1 - pe) / paths), math.sqrt(pp * (1 - pp) / paths)))
        for name, ev, pv, se_e, se_p in checks:
            se = math.hypot(se_e, se_p)
            difference = pv - ev
            z = 0.0 if difference == 0 else (math.inf if se == 0 else abs(difference) / se)
            passed = z <= TOLERANCE
            ok &= passed
            rows.append((peer_name, scenario, name, ev, pv, difference, se, z, passed))
        first = e["first_breach_p50_quarter"] or "-"
        mine_first = mine["first_breach_p50_quarter"]
        rows.append((peer_name, scenario, "first_breach_p50_quarter (not tested)", first,
                     "-" if mine_first is None else f"{mine_first:g}", None, None, None, True))
    return rows, ok


DEFAULT_SCENARIOS = ["status_quo", "toyota_backstop", "tariff_shock"]
SEED = 20250513  # the engine's default seed; the peers draw from seeds derived from it, one per round


def add_setting_arguments(parser):
    """The options every script here shares: the cores, the scenarios, the inputs, the build."""
    parser.add_argument("--threads", type=int, default=2, help="cores for the engine and Numba (NumPy uses one)")
    parser.add_argument("--scenario", action="append",
                        help="scenario to run, repeat for several (default: " + ", ".join(DEFAULT_SCENARIOS) + ")")
    parser.add_argument("--inputs", default=os.path.join(REPO, "inputs", "nissan"), help="input folder to copy")
    parser.add_argument("--no-build", action="store_true", help="skip mvn -B -o -q package -DskipTests")


def prepare(args):
    """What every script here does before it times anything, after ensure_packages: builds the
    engine (unless --no-build), copies the inputs without correlations.csv and model.csv into a new
    temporary folder, loads the scenarios for the peers, sets Numba's threads and compiles it (not
    timed), and prints the setting. Returns work (the temporary folder, for the caller to remove),
    inputs (the copy in it), names and scenarios, and the peer modules numpy and numba."""
    if args.threads < 1:
        sys.exit(f"error: --threads must be at least 1, found {args.threads}")
    if not os.path.isfile(os.path.join(args.inputs, "scenarios.csv")):
        sys.exit(f"error: {args.inputs} is not an input folder (it has no scenarios.csv)")
    sys.path.insert(0, HERE)
    import numba
    import inputs
    import peer_numba
    import peer_numpy

    if not args.no_build:
        print("building: mvn -B -o -q package -DskipTests", flush=True)
        subprocess.run(["mvn", "-B", "-o", "-q", "package", "-DskipTests"], cwd=REPO, check=True)
    numba.set_num_threads(args.threads)
    names = args.scenario or DEFAULT_SCENARIOS
    work = tempfile.mkdtemp(prefix="runway-peers-")
    folder = os.path.join(work, "inputs")
    independent_inputs(args.inputs, folder)
    try:
        scenarios = [inputs.load(folder, name) for name in names]
    except ValueError as e:
        shutil.rmtree(work, ignore_errors=True)
        sys.exit(f"error: {e}")

    print(f"warming up Numba (compiling; not timed) ...", flush=True)
    start = time.perf_counter()
    for s in scenarios:
        peer_numba.simulate(s, 10_000, 1)
    print(f"  compiled in {time.perf_counter() - start:.1f} s", flush=True)

    print(f"\n{len(os.sched_getaffinity(0))} cores; engine and Numba on {args.threads} thread(s), NumPy on one; "
          f"{len(scenarios)} scenarios ({', '.join(names)}) of {scenarios[0].quarters} quarters; "
          f"inputs {args.inputs} without correlations.csv and model.csv, copied to {folder}")
    return types.SimpleNamespace(work=work, inputs=folder, names=names, scenarios=scenarios,
                                 numpy=peer_numpy, numba=peer_numba)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paths", default="1000000", help="paths per scenario, comma-separated for several sizes")
    parser.add_argument("--rounds", type=int, default=5, help="back-to-back rounds of engine, NumPy, Numba (at least 3)")
    add_setting_arguments(parser)
    args = parser.parse_args()
    if args.rounds < 3:
        parser.error("--rounds must be at least 3 for a median to mean something")
    sizes = [int(p.replace("_", "")) for p in args.paths.split(",")]

    ensure_packages()
    setting = prepare(args)
    work, folder, scenario_names, scenarios = setting.work, setting.inputs, setting.names, setting.scenarios
    peer_numpy, peer_numba = setting.numpy, setting.numba
    all_ok = True
    for paths in sizes:
        out = os.path.join(work, f"out-{paths}")
        command = engine_command(folder, out, paths, scenario_names, args.threads)
        print(f"\n== {paths:,} paths per scenario, {args.rounds} rounds ==")
        print("engine: " + " ".join(command))
        times = {"engine": [], "numpy": [], "numba": []}
        parts = {"engine, as it reports itself (after JVM start)": [], "numpy, walking the paths": [],
                 "numba, walking the paths": []}
        for r in range(args.rounds):
            seconds, manifest, engine_rows = run_engine(command)
            reported = float(manifest.get("elapsed_ms", "nan")) / 1000
            times["engine"].append(seconds)
            parts["engine, as it reports itself (after JVM start)"].append(reported)
            numpy_seconds, numpy_walk, numpy_results = run_peer(peer_numpy, scenarios, paths, SEED + 100 * r)
            times["numpy"].append(numpy_seconds)
            parts["numpy, walking the paths"].append(numpy_walk)
            numba_seconds, numba_walk, numba_results = run_peer(peer_numba, scenarios, paths, SEED + 100 * r + 50)
            times["numba"].append(numba_seconds)
            parts["numba, walking the paths"].append(numba_walk)
            print(f"round {r + 1}: engine {seconds:6.2f} s (reports {reported:.2f} s)   numpy {numpy_seconds:6.2f} s "
                  f"(walk {numpy_walk:.2f})   numba {numba_seconds:6.2f} s (walk {numba_walk:.2f})", flush=True)
        print(f"\n{'':8}{'median s':>10}{'min s':>8}{'max s':>8}{'median ratio to engine':>24}")
        for name, values in times.items():
            ratios = [v / e for v, e in zip(values, times["engine"])]
            ratio = "" if name == "engine" else f"{statistics.median(ratios):.2f}x"
            print(f"{name:8}{statistics.median(values):10.2f}{min(values):8.2f}{max(values):8.2f}{ratio:>24}")
        print("(ratio = peer seconds / engine seconds, per round, then the median: above 1 means the engine is faster)")
        print("of which, medians (ratio: the peer's walk alone against the engine's whole wall time):")
        for name, values in parts.items():
            ratio = "" if name.startswith("engine") else \
                f"{statistics.median([v / e for v, e in zip(values, times['engine'])]):10.2f}x"
            print(f"  {name:48}{statistics.median(values):6.2f} s{ratio}")

        print(f"\ncorrectness, last round: peer - engine against the combined standard error of both runs "
              f"(fail above {TOLERANCE:g} SE)")
        print(f"{'peer':6} {'scenario':16} {'statistic':26} {'engine':>11} {'peer':>11} {'diff':>9} {'SE':>8} {'z':>6}")
        for peer_name, results in (("numpy", numpy_results), ("numba", numba_results)):
            rows, ok = compare(engine_rows, peer_name, results, paths)
            all_ok &= ok
            for peer, scenario, name, ev, pv, diff, se, z, passed in rows:
                if diff is None:
                    print(f"{peer:6} {scenario:16} {name:26} {ev:>11} {pv:>11}")
                    continue
                mark = "" if passed else "  FAIL"
                print(f"{peer:6} {scenario:16} {name:26} {ev:11.4f} {pv:11.4f} {diff:9.4f} {se:8.4f} {z:6.2f}{mark}")
        del numpy_results, numba_results
    shutil.rmtree(work, ignore_errors=True)
    if not all_ok:
        print("\nFAILED: a peer disagrees with the engine by more than Monte Carlo error allows")
        return 1
    print("\nthe peers agree with the engine within Monte Carlo error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
