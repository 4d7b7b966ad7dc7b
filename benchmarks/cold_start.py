#!/usr/bin/python3
"""Where a fresh `bin/runway simulate` spends its time, as a batch job sees it.

Each case runs as a fresh JVM from the shell, --rounds times, alternating priming on and off
(`JAVA_OPTS=-Drunway.priming=true` or `false` forces either; by default a run primes above
2,000,000 paths per scenario; results are the same either way), and the script prints the
medians of:

  wall        the process, timed around it (what `time` shows)
  outside     wall - elapsed_ms: the JVM's start, writing the files and the JVM's exit, outside the
              engine's own clock (elapsed_ms ends before the files are written)
  inputs      checking the output folder, reading and checking the inputs: models compiled,
              quantile tables built
  priming     walking the first scenario's primer (0 when off)
  simulation  walking the paths
  statistics  the exact statistics
  other       elapsed_ms minus the phases: bookkeeping between them

The phases are manifest.csv's execution rows (docs/model.md, section 12). `bin/runway --version`
gives the bare JVM start (with the class-data-sharing archive, and picocli).

    benchmarks/cold_start.py                  # 5 rounds of every case, about 3 min
    benchmarks/cold_start.py --rounds 3 --case default
    benchmarks/cold_start.py --case default --java-opts=-XX:+UseParallelGC   # another JVM setting
"""
import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNWAY = os.path.join(REPO, "bin", "runway")
PHASES = ["inputs_ms", "priming_ms", "simulation_ms", "statistics_ms"]
CASES = {
    "one-block": ["--paths", "4096", "--scenario", "status_quo"],
    "default": [],
    "nissan-1m": ["--paths", "1000000"],
}


def run(arguments, priming, out, java_opts=""):
    """Wall seconds of one fresh process and its manifest's execution rows (None for --version)."""
    environment = dict(os.environ)
    options = [environment.get("JAVA_OPTS", ""), java_opts, f"-Drunway.priming={'true' if priming else 'false'}"]
    environment["JAVA_OPTS"] = " ".join(o for o in options if o)
    start = time.perf_counter()
    done = subprocess.run([RUNWAY, *arguments], env=environment, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"error: {' '.join([RUNWAY, *arguments])} failed ({done.returncode}):\n{done.stderr}")
    if out is None:
        return wall, None
    with open(os.path.join(out, "manifest.csv"), newline="") as f:
        rows = {r[0]: r[1] for r in csv.reader(f) if len(r) == 2}
    shutil.rmtree(out)
    return wall, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--rounds", type=int, default=5, help="runs of each case and priming setting (at least 3)")
    parser.add_argument("--case", action="append", choices=sorted(CASES),
                        help="case to run, repeat for several (default: all)")
    parser.add_argument("--java-opts", default="",
                        help="more JVM options for every run (as JAVA_OPTS), e.g. -XX:+UseParallelGC, to compare")
    args = parser.parse_args()
    if args.rounds < 3:
        parser.error("--rounds must be at least 3 for a median to mean something")
    if not os.path.isfile(os.path.join(REPO, "engine", "target", "runway.jar")):
        sys.exit(f"error: build first: (cd {REPO} && mvn -B -q package -DskipTests)")
    work = tempfile.mkdtemp(prefix="runway-cold-start-")
    if args.java_opts:
        print(f"JVM options: {args.java_opts}")
    versions = [run(["--version"], True, None, args.java_opts)[0] for _ in range(args.rounds)]
    print(f"bin/runway --version (the bare JVM start): median {statistics.median(versions):.3f} s "
          f"({min(versions):.3f}-{max(versions):.3f}), {args.rounds} runs")
    header = f"{'case':10} {'priming':8} {'wall':>6} {'outside':>8} " + " ".join(
        f"{p[:-3]:>10}" for p in PHASES) + f" {'other':>6}"
    print(f"\nmedians of {args.rounds} fresh runs, seconds (the rounds alternate priming on and off)")
    print(header)
    for case in args.case or list(CASES):
        measured = {True: [], False: []}
        for r in range(args.rounds):
            for priming in (True, False):
                out = os.path.join(work, f"{case}-{r}-{priming}")
                measured[priming].append(run(["simulate", *CASES[case], "--out", out], priming, out,
                                             args.java_opts))
        for priming in (True, False):
            walls = [wall for wall, _ in measured[priming]]
            elapsed = [float(rows["elapsed_ms"]) / 1000 for _, rows in measured[priming]]
            phase = {p: [float(rows[p]) / 1000 for _, rows in measured[priming]] for p in PHASES}
            other = [e - sum(phase[p][i] for p in PHASES) for i, e in enumerate(elapsed)]
            jvm = [w - e for w, e in zip(walls, elapsed)]
            print(f"{case:10} {'on' if priming else 'off':8} {statistics.median(walls):6.2f} "
                  f"{statistics.median(jvm):8.2f} " + " ".join(f"{statistics.median(phase[p]):10.3f}" for p in PHASES)
                  + f" {statistics.median(other):6.3f}")
    shutil.rmtree(work, ignore_errors=True)
    print("\ncase: one-block = simulate --paths 4096 --scenario status_quo (its simulation is the first block); "
          "default = simulate (5 scenarios x 100,000 paths); nissan-1m = simulate --paths 1000000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
