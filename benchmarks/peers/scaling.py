#!/usr/bin/python3
"""How the time grows with the paths: the engine from the shell against NumPy and Numba, from
10^4 to 10^8 paths per scenario, as a table and a log-log chart.

For each size, several rounds back to back: the engine as a user runs it (a fresh JVM,
`bin/runway simulate`, timed around the process, as run.py times it), then the NumPy peer, then
the Numba peer (timed on their computation alone; Numba's compile is done by an untimed warm-up
first). The same model, inputs, scenarios and cores as run.py: a copy of inputs/nissan without
correlations.csv and model.csv. This script does not check the peers' results against the
engine's; run.py does that.

What it shows:
  - Medians of the wall times, and the median of each round's ratio peer / engine.
  - The engine's own phases from its manifest.csv (inputs_ms, priming_ms, simulation_ms,
    statistics_ms, analyses_ms; wall minus elapsed_ms is the JVM's start and exit), and which
    statistics ran: exact (every path kept) or streaming (histograms; the engine's default `auto`
    streams when the paths would not fit --memory, 2,048 MB: about 17.7 M paths of a
    cash-only model, so at 10^8).
  - Where the fixed cost ends: the engine's cost per path-quarter beyond its smallest run,
    (wall - wall at the smallest size) / ((paths - smallest) x scenarios x quarters), and the
    size at which that per-path part equals the fixed part (the smallest size's wall).
  - Memory: before a size, each peer's need is estimated from how it allocates (peak_bytes in
    peer_numpy.py and peer_numba.py, one scenario at a time) and the peer is skipped, with the
    reason, if that exceeds 85% of MemAvailable (/proc/meminfo), so nothing is killed for lack
    of memory. On 24 GiB, NumPy stops after 10^7 (10^8 needs ~47 GiB); Numba needs ~16 GiB at 10^8.

Writes every round to a CSV (rewritten after each size, so an interrupted run keeps what it
measured) and draws the chart from the medians: seconds against paths, log-log, one line per
implementation, the engine's simulation + statistics dashed ("after start-up"), and the engine's
fixed cost and per-path cost as grey reference lines, crossing where the one takes over from the
other. --from-csv redraws the table and the chart from a CSV without measuring anything.

Takes long at the big sizes: at 10^8 a round is about 2.5 min of engine and 10 min of Numba
(estimated from 10^7). --rounds-above 10000000:1 runs one round past 10^7 paths.

JAVA_OPTS is passed to the engine (bin/runway reads it), e.g. JAVA_OPTS=-Xmx16g; --engine-arg
adds engine options, e.g. --engine-arg=--statistics=streaming at every size, or
--engine-arg=--statistics=exact --engine-arg=--memory=12000 with JAVA_OPTS=-Xmx16g for exact
statistics at 10^8 (12.1 GB of paths).

    benchmarks/peers/scaling.py                                   # 10^4 .. 10^8, 3 rounds each
    benchmarks/peers/scaling.py --rounds-above 10000000:1         # one round at 10^8
    benchmarks/peers/scaling.py --paths 1e4,1e5 --rounds 1 --csv /tmp/s.csv --chart /tmp/s.png
    benchmarks/peers/scaling.py --from-csv benchmarks/peers/scaling.csv   # table and chart again
"""
import argparse
import csv
import math
import os
import re
import shutil
import statistics
import sys
import time

import run

PEERS = ("numpy", "numba")
IMPLEMENTATIONS = ("engine", *PEERS)
NAMES = {"engine": "engine", "numpy": "NumPy", "numba": "Numba"}
PHASES = ("inputs_ms", "priming_ms", "simulation_ms", "statistics_ms", "analyses_ms")
COLUMNS = ("paths", "implementation", "round", "seconds", "walk_seconds", "elapsed_ms", *PHASES, "statistics",
           "scenarios", "quarters", "threads", "note")
HEADROOM = 0.85  # the share of MemAvailable a peer may plan to use
DEFAULT_CSV = os.path.join(run.HERE, "scaling.csv")
DEFAULT_CHART = os.path.join(run.REPO, "benchmarks", "scaling.png")
GIB = 2 ** 30


def count(text):
    """A number of paths as written: 100000, 100_000, 1e5 or 10^5."""
    text = text.strip().replace("_", "")
    power = re.fullmatch(r"10\^(\d+)", text)
    try:
        value = 10 ** int(power.group(1)) if power else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of paths (write 100000, 1e5 or 10^5)")
    if value != int(value) or value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of paths of at least 1")
    return int(value)


def sizes(text):
    found = [count(p) for p in text.split(",") if p.strip()]
    if not found:
        raise argparse.ArgumentTypeError("no sizes given")
    return sorted(set(found))


def rounds_above(text):
    """N:R, R rounds for every size above N paths."""
    above, _, rounds = text.partition(":")
    try:
        return count(above), int(rounds)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not PATHS:ROUNDS, e.g. 10000000:1")


def rounds_for(paths, args):
    """--rounds, or the rounds of the highest --rounds-above threshold below paths."""
    rules = sorted(r for r in args.rounds_above if paths > r[0])
    return rules[-1][1] if rules else args.rounds


def available_memory():
    """MemAvailable from /proc/meminfo in bytes, or None where there is none."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def too_big(peer, scenarios, paths, threads):
    """Why the peer should not run at this size, or None: its estimated peak (its biggest scenario,
    as run_peer with keep_paths=False frees each scenario's paths) against MemAvailable."""
    need = max(peer.peak_bytes(s, paths, threads) for s in scenarios)
    available = available_memory()
    if available is None:
        print(f"  warning: no /proc/meminfo, so {peer.__name__}'s ~{need / GIB:.1f} GiB is not checked", flush=True)
        return None
    if need <= HEADROOM * available:
        return None
    return (f"would need ~{need / GIB:.1f} GiB, this machine has {available / GIB:.1f} GiB available "
            f"(MemAvailable; a peer may plan on {HEADROOM:.0%} of it)")


def statistics_mode(manifest):
    """exact or streaming, from the first word of the manifest's percentiles row."""
    words = re.findall(r"[a-z]+", manifest.get("percentiles", ""))
    return words[0] if words else "unknown"


def measure(args, rows, write):
    """Runs every size and round, appending a row per measurement (and per skipped peer)."""
    run.ensure_packages(("numpy", "numba", "matplotlib"))
    setting = run.prepare(args)
    scenarios = setting.scenarios
    common = {"scenarios": len(scenarios), "quarters": scenarios[0].quarters, "threads": args.threads}
    options = " ".join(([f"JAVA_OPTS={os.environ['JAVA_OPTS']}"] if os.environ.get("JAVA_OPTS") else [])
                       + args.engine_arg)
    print(f"engine options: {options or 'none beyond the command (the JVM default heap, --statistics auto)'}")
    try:
        for paths in args.paths:
            rounds = rounds_for(paths, args)
            out = os.path.join(setting.work, f"out-{paths}")
            command = run.engine_command(setting.inputs, out, paths, setting.names, args.threads, args.engine_arg)
            print(f"\n== {paths:,} paths per scenario, {rounds} round{'s' if rounds > 1 else ''} ==")
            print("engine: " + " ".join(command), flush=True)
            skipped = {}
            for name in PEERS:
                reason = too_big(getattr(setting, name), scenarios, paths, args.threads)
                if reason:
                    skipped[name] = reason
                    print(f"{NAMES[name]} skipped: {reason}", flush=True)
                    rows.append({"paths": paths, "implementation": name, "note": "skipped: " + reason, **common})
            for r in range(1, rounds + 1):
                seconds, manifest, _ = run.run_engine(command)
                mode = statistics_mode(manifest)
                rows.append({"paths": paths, "implementation": "engine", "round": r, "seconds": seconds,
                             "elapsed_ms": manifest.get("elapsed_ms", ""), "statistics": mode, "note": options,
                             **{p: manifest.get(p, "") for p in PHASES}, **common})
                line = f"round {r}: engine {seconds:7.2f} s ({mode} statistics)"
                for k, name in enumerate(PEERS):
                    if name in skipped:
                        continue
                    peer_seconds, walk, _ = run.run_peer(getattr(setting, name), scenarios, paths,
                                                         run.SEED + 100 * (r - 1) + 50 * k, keep_paths=False)
                    rows.append({"paths": paths, "implementation": name, "round": r, "seconds": peer_seconds,
                                 "walk_seconds": walk, **common})
                    line += f"   {NAMES[name]} {peer_seconds:7.2f} s (walk {walk:.2f})"
                print(line, flush=True)
            shutil.rmtree(out, ignore_errors=True)
            write(rows)
    finally:
        shutil.rmtree(setting.work, ignore_errors=True)


def number(value):
    return float(value) if value not in (None, "") else None


def summarize(rows):
    """Per size, the medians of every implementation and phase, the median ratios, the modes."""
    by_size = {}
    for row in rows:
        size = by_size.setdefault(int(row["paths"]), {"skipped": {}, "rounds": {}, "modes": set()})
        size.update(scenarios=int(row["scenarios"]), quarters=int(row["quarters"]), threads=int(row["threads"]))
        if row.get("note", "").startswith("skipped: "):
            size["skipped"][row["implementation"]] = row["note"][len("skipped: "):]
            continue
        size["rounds"].setdefault(int(row["round"]), {})[row["implementation"]] = row
        if row["implementation"] == "engine":
            size["modes"].add(row["statistics"])
    summary = []
    for paths, size in sorted(by_size.items()):
        rounds = list(size["rounds"].values())
        entry = {"paths": paths, "rounds": len(rounds), "skipped": size["skipped"], "modes": sorted(size["modes"]),
                 **{k: size[k] for k in ("scenarios", "quarters", "threads")}}
        for name in IMPLEMENTATIONS:
            values = [number(r[name]["seconds"]) for r in rounds if name in r]
            entry[name] = statistics.median(values) if values else None
            if name != "engine" and values:
                entry[name + "_ratio"] = statistics.median(
                    [number(r[name]["seconds"]) / number(r["engine"]["seconds"]) for r in rounds if name in r])
        for key in ("elapsed_ms", *PHASES):
            values = [number(r["engine"][key]) for r in rounds if "engine" in r]
            entry[key] = statistics.median(values) / 1000 if values and None not in values else None
        entry["after_start"] = (entry["simulation_ms"] + entry["statistics_ms"]
                                if entry["simulation_ms"] is not None else None)
        # Outside the engine's clock (the JVM's start and exit), and inside it but outside the phases.
        phases = [entry[p] for p in PHASES]
        entry["jvm"] = None if entry["elapsed_ms"] is None else entry["engine"] - entry["elapsed_ms"]
        entry["rest"] = None if None in phases or entry["elapsed_ms"] is None else entry["elapsed_ms"] - sum(phases)
        summary.append(entry)
    # The engine's cost per path-quarter beyond its smallest run, and after its start-up.
    base = summary[0] if summary else None
    for entry in summary:
        per_path = entry["scenarios"] * entry["quarters"] * 1e-9  # seconds per path at 1 ns per path-quarter
        entry["beyond_ns"] = (None if entry is base or entry["engine"] is None or base["engine"] is None
                              else (entry["engine"] - base["engine"]) / ((entry["paths"] - base["paths"]) * per_path))
        entry["after_start_ns"] = (None if entry["after_start"] is None
                                   else entry["after_start"] / (entry["paths"] * per_path))
    return summary


def crossover(summary):
    """(fixed seconds, per-path seconds, paths where they are equal), from the smallest and the
    largest size the engine ran, or None with fewer than two sizes."""
    engine = [e for e in summary if e["engine"] is not None]
    if len(engine) < 2:
        return None
    first, last = engine[0], engine[-1]
    per_path = (last["engine"] - first["engine"]) / (last["paths"] - first["paths"])
    if per_path <= 0:
        return None
    return first["engine"], per_path, first["engine"] / per_path


def power_of_ten(paths, math_text=False):
    """10^8 (or $10^{8}$ for a chart) for a power of ten, else the number with separators."""
    exponent = round(math.log10(paths))
    if 10 ** exponent != paths:
        return f"{paths:,}"
    return f"$10^{{{exponent}}}$" if math_text else f"10^{exponent}"


def rounded(paths):
    """A crossover estimate to two significant digits: 1,078,059 -> 1,100,000."""
    return f"{float(f'{paths:.2g}'):,.0f}"


def needed(reason):
    """The "~46.6 GiB" of a skipped peer's reason."""
    found = re.search(r"~[\d.]+ GiB", reason)
    return found.group(0) if found else "more memory"


def cell(value, format_spec, empty="-"):
    return empty if value is None else format(value, format_spec)


def report(summary):
    """Prints the medians, the ratios, the per-path-quarter costs and the engine's phases."""
    if not summary:
        sys.exit("error: no measurements to report")
    first = summary[0]
    print(f"\n== medians; {first['scenarios']} scenarios x {first['quarters']} quarters; engine and Numba on "
          f"{first['threads']} thread(s), NumPy on one ==")
    print(f"{'paths':>13} {'rounds':>6} {'engine s':>9} {'statistics':>10} {'after start-up s':>16} {'NumPy s':>8} "
          f"{'Numba s':>8} {'NumPy/engine':>12} {'Numba/engine':>12} {'engine ns/pq beyond':>19} "
          f"{'after start-up ns/pq':>20}")
    for e in summary:
        print(f"{e['paths']:>13,} {e['rounds']:>6} {cell(e['engine'], '9.2f'):>9} {'/'.join(e['modes']) or '-':>10} "
              f"{cell(e['after_start'], '16.2f'):>16} {cell(e['numpy'], '8.2f', 'skipped'):>8} "
              f"{cell(e['numba'], '8.2f', 'skipped'):>8} {cell(e.get('numpy_ratio'), '.2f') + 'x' * ('numpy_ratio' in e):>12} "
              f"{cell(e.get('numba_ratio'), '.2f') + 'x' * ('numba_ratio' in e):>12} {cell(e['beyond_ns'], '19.1f'):>19} "
              f"{cell(e['after_start_ns'], '20.1f'):>20}")
    print("ratios: the median of each round's peer seconds / engine seconds (above 1: the engine is faster)")
    print(f"ns/pq beyond: the engine's wall minus its wall at {first['paths']:,} paths, per path-quarter beyond that run's, "
          f"(paths - {first['paths']:,}) x scenarios x quarters")
    print("after start-up: simulation_ms + statistics_ms from manifest.csv (in a streamed run simulation_ms includes "
          "the statistics), and that per path-quarter")
    for e in summary:
        for name, reason in e["skipped"].items():
            print(f"{NAMES[name]} at {e['paths']:,} paths: skipped, {reason}")

    print(f"\nthe engine's own clock, medians in seconds (manifest.csv; JVM = wall - elapsed_ms: the JVM's start and "
          f"exit; rest = elapsed_ms - the phases: checks, writing the files)")
    print(f"{'paths':>13} {'wall':>8} {'JVM':>6} {'elapsed':>8} {'inputs':>7} {'priming':>8} {'simulation':>10} "
          f"{'statistics':>10} {'analyses':>8} {'rest':>6}")
    for e in summary:
        if e["engine"] is None:
            continue
        print(f"{e['paths']:>13,} {e['engine']:8.2f} {cell(e['jvm'], '6.2f'):>6} {cell(e['elapsed_ms'], '8.2f'):>8} "
              + " ".join(f"{cell(e[p], f'{w}.2f'):>{w}}" for p, w in zip(PHASES, (7, 8, 10, 10, 8)))
              + f" {cell(e['rest'], '6.2f'):>6}")
    if any(e["simulation_ms"] is None for e in summary if e["engine"] is not None):
        print("(-: this engine's manifest.csv has no phase rows; a build that writes inputs_ms .. analyses_ms shows them)")

    found = crossover(summary)
    if found:
        fixed, per_path, paths = found
        last = [e for e in summary if e["engine"] is not None][-1]
        print(f"\nfixed cost: {fixed:.2f} s, the engine's wall at {first['paths']:,} paths")
        print(f"per-path cost: {per_path * 1e6:.3f} s per million paths of {last['scenarios']} scenarios, "
              f"{per_path / (last['scenarios'] * last['quarters']) * 1e9:.1f} ns per path-quarter "
              f"(from {first['paths']:,} to {last['paths']:,} paths; {'/'.join(last['modes'])} statistics at the last)")
        print(f"the per-path part equals the fixed part at about {rounded(paths)} paths per scenario: below it the "
              f"fixed cost dominates, above it the paths do")


def markdown(summary):
    """The medians as a Markdown table for benchmarks/README.md."""
    print("\nMarkdown, for benchmarks/README.md:\n")
    print("| paths | rounds | engine, shell | statistics | engine after start-up | NumPy | Numba "
          "| NumPy / engine | Numba / engine | engine ns per path-quarter beyond the smallest run |")
    print("| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for e in summary:
        def seconds(name):
            if e[name] is not None:
                return f"{e[name]:.2f}"
            return f"skipped: needs {needed(e['skipped'][name])}" if name in e["skipped"] else "–"
        ratio = {n: "–" if e.get(n + "_ratio") is None else f"{e[n + '_ratio']:.2f}×" for n in PEERS}
        print(f"| {e['paths']:,} | {e['rounds']} | {seconds('engine')} | {'/'.join(e['modes'])} "
              f"| {cell(e['after_start'], '.2f', '–')} | {seconds('numpy')} | {seconds('numba')} | {ratio['numpy']} "
              f"| {ratio['numba']} | {cell(e['beyond_ns'], '.1f', '–')} |")
    print("\n| paths | engine, shell | JVM start and exit | elapsed_ms | inputs | priming | simulation | statistics "
          "| analyses | rest |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for e in summary:
        if e["engine"] is None:
            continue
        print(f"| {e['paths']:,} | {e['engine']:.2f} | {cell(e['jvm'], '.2f', '–')} | {cell(e['elapsed_ms'], '.2f', '–')} | "
              + " | ".join(cell(e[p], ".2f", "–") for p in PHASES) + f" | {cell(e['rest'], '.2f', '–')} |")


def chart(summary, path):
    """Seconds against paths, log-log: a line per implementation and the engine's fixed and
    per-path costs as reference lines."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    first = summary[0]
    figure, axes = plt.subplots(figsize=(9, 7), dpi=120)
    styles = {"engine": dict(color="C0", marker="o"), "numpy": dict(color="C1", marker="s"),
              "numba": dict(color="C2", marker="^")}
    labels = {"engine": "engine, from the shell (fresh JVM)", "numpy": "NumPy peer (1 core)",
              "numba": f"Numba peer ({first['threads']} threads)"}
    for name in IMPLEMENTATIONS:
        points = [(e["paths"], e[name]) for e in summary if e[name] is not None]
        if not points:
            continue
        axes.plot(*zip(*points), label=labels[name], linewidth=2, **styles[name])
        skipped = [e for e in summary if name in e["skipped"]]
        if skipped:
            axes.annotate(f"{NAMES[name]} stops: {power_of_ten(skipped[0]['paths'], True)} paths would need "
                          f"{needed(skipped[0]['skipped'][name])}", points[-1], xytext=(-10, 12),
                          textcoords="offset points", ha="right", fontsize=8, color=styles[name]["color"])
    streamed = [(e["paths"], e["engine"]) for e in summary if "streaming" in e["modes"] and e["engine"] is not None]
    if streamed:
        axes.scatter(*zip(*streamed), s=90, facecolors="white", edgecolors="C0", zorder=3,
                     label="engine, streamed statistics")
    after = [(e["paths"], e["after_start"]) for e in summary if e["after_start"]]
    if after:
        axes.plot(*zip(*after), color="C0", linestyle="--", marker=".",
                  label="engine after start-up (simulation + statistics, its own clock)")
    found = crossover(summary)
    if found:
        fixed, per_path, paths = found
        xs = [summary[0]["paths"], summary[-1]["paths"]]
        axes.plot(xs, [fixed, fixed], color="grey", linestyle=":", linewidth=1,
                  label=f"engine fixed cost, {fixed:.1f} s (its wall at {power_of_ten(first['paths'], True)} paths)")
        axes.plot(xs, [per_path * x for x in xs], color="grey", linestyle="-.", linewidth=1,
                  label=f"engine per-path cost, {per_path / (first['scenarios'] * first['quarters']) * 1e9:.0f} ns "
                        f"per path-quarter (slope 1)")
        if xs[0] <= paths <= xs[-1]:
            axes.axvline(paths, color="grey", linewidth=0.8, alpha=0.6)
            axes.annotate(f"fixed = per-path\nat ~{rounded(paths)} paths", (paths, fixed), xytext=(6, -28),
                          textcoords="offset points", fontsize=8, color="dimgrey")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("paths per scenario")
    axes.set_ylabel("seconds (wall; median of the rounds)")
    rounds = sorted({e["rounds"] for e in summary})
    axes.set_title(f"Runway against NumPy and Numba: {first['scenarios']} scenarios x {first['quarters']} quarters, "
                   f"{'-'.join(map(str, rounds))} round{'s' if rounds[-1] > 1 else ''} a size", fontsize=10)
    axes.grid(True, which="major", alpha=0.4)
    axes.grid(True, which="minor", alpha=0.15)
    # Below the axes, where no line can run under it.
    handles, names = axes.get_legend_handles_labels()
    figure.legend(handles, names, fontsize=8, loc="lower center", ncol=2, frameon=False)
    figure.tight_layout(rect=(0, 0.01 + 0.03 * math.ceil(len(names) / 2), 1, 1))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    figure.savefig(path)
    plt.close(figure)


def write_csv(rows, path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temporary = path + ".part"
    with open(temporary, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v) for k, v in row.items()})
    os.replace(temporary, path)


def read_csv(path):
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"error: cannot read {path}: {e.strerror}")
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        sys.exit(f"error: {path} is not a CSV this script wrote ({'no rows' if not rows else 'no ' + ', '.join(missing)})")
    return rows


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paths", type=sizes, default=sizes("1e4,1e5,1e6,1e7,1e8"), metavar="N,N,...",
                        help="paths per scenario, comma-separated; 100000, 1e5 or 10^5 (default: 1e4,1e5,1e6,1e7,1e8)")
    parser.add_argument("--rounds", type=int, default=3, help="back-to-back rounds of engine, NumPy, Numba per size "
                        "(default: 3; the medians are reported)")
    parser.add_argument("--rounds-above", type=rounds_above, action="append", default=[], metavar="PATHS:R",
                        help="R rounds for the sizes above PATHS instead of --rounds, e.g. 10000000:1 for one round "
                             "at 10^8; repeatable")
    parser.add_argument("--engine-arg", action="append", default=[], metavar="OPTION",
                        help="one more option for bin/runway simulate, e.g. --engine-arg=--statistics=exact; "
                             "repeatable (JAVA_OPTS in the environment reaches the JVM)")
    parser.add_argument("--csv", default=DEFAULT_CSV, help="every round's times (default: benchmarks/peers/scaling.csv)")
    parser.add_argument("--chart", default=DEFAULT_CHART, help="the log-log chart, PNG (default: benchmarks/scaling.png)")
    parser.add_argument("--from-csv", metavar="FILE",
                        help="measure nothing: print the table and draw the chart from a CSV this script wrote")
    run.add_setting_arguments(parser)
    args = parser.parse_args()
    if args.rounds < 1 or any(r < 1 for _, r in args.rounds_above):
        parser.error("rounds must be at least 1")
    if not args.chart.lower().endswith(".png"):
        parser.error(f"--chart must name a .png file, found {args.chart}")

    if args.from_csv:
        run.ensure_packages(("matplotlib",))
        rows = read_csv(args.from_csv)
    else:
        rows = []
        start = time.perf_counter()
        try:
            measure(args, rows, lambda done: write_csv(done, args.csv))
        except KeyboardInterrupt:
            write_csv(rows, args.csv)
            sys.exit(f"\ninterrupted: what was measured is in {args.csv}")
        print(f"\nmeasured in {(time.perf_counter() - start) / 60:.1f} min; every round in {args.csv}")
    summary = summarize(rows)
    report(summary)
    markdown(summary)
    chart(summary, args.chart)
    print(f"\nchart: {args.chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
