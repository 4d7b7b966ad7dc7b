"""What both peers compute from their paths, named as the engine's summary.csv names it."""
import numpy as np

# The percentiles of the engine's quarterly.csv (p01 ... p99).
PERCENTILES = (0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99)


def summary(result):
    """summary.csv's values for one scenario from a peer's result (MODEL.md section 6)."""
    percentiles = result["percentiles"]
    breached = result["first_breach"] > 0
    injected = result["any_injection"]
    return {
        "terminal_mean": float(result["mean"][-1]),
        "terminal_p05": float(percentiles[PERCENTILES.index(0.05), -1]),
        "terminal_p50": float(percentiles[PERCENTILES.index(0.50), -1]),
        "terminal_p95": float(percentiles[PERCENTILES.index(0.95), -1]),
        "breach_prob": float(breached.mean()),
        "first_breach_p50_quarter": float(np.median(result["first_breach"][breached])) if breached.any() else None,
        "injection_prob": float(injected.mean()),
        "injection_mean": float(result["injected"][injected].mean()) if injected.any() else None,
    }
