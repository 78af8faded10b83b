#!/usr/bin/env python3
"""The business-case simulation against the same model in vectorised numpy (issue 18).

Issue 18 asks for 100,000 runs of a 20-line, 10-year case with per-year draws, a 5x5 rank
correlation and 5 risk events to take under 150 ms on 2 cores and to be at least twice as fast
as numpy. The Rust figure is criterion's mean for the bench "case simulation ..." of
crates/cairn-case/benches/case.rs (run here unless --no-bench; read from
<target>/criterion/*/case simulation*/new/estimates.json). This script builds the same case
(`risk_case` and `risk_events` in that bench: the same amounts, distributions, matrix and
events, documented there) and simulates it in numpy in one process, all runs at once: triangular
draws per line and year, Iman-Conover on the five correlated lines year by year (van der Waerden
scores, Cholesky of the target), the events, NPV and present value of cost at 3.5 %, and the
figures `cairn case simulate` reports. It prints both times, best of three for numpy, and the
ratio, and exits 1 when the Rust run is not at least twice as fast.

    python3 tools/bench_case_sim_vs_numpy.py [--no-bench]

numpy is installed into a private virtual environment under target/ when missing.
"""

import glob
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 100_000

NUMPY_MODEL = r"""
import json, math, sys, time
import numpy as np

N = int(sys.argv[1])
YEARS = 10
RATE = 0.035
MATRIX = np.array([[10, 6, 3, 0, -3], [6, 10, 5, 2, 0], [3, 5, 10, 4, 1], [0, 2, 4, 10, 5], [-3, 0, 1, 5, 10]]) / 10.0

def inverse_normal(p):
    # scipy is not needed for scores: Acklam's approximation, as the Rust engine uses.
    a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.383577518672690e2, -3.066479806614716e1, 2.506628277459239]
    b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
    c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
    d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
    p = np.asarray(p, dtype=float)
    out = np.empty_like(p)
    low = p < 0.02425
    high = p > 1 - 0.02425
    mid = ~(low | high)
    q = p[mid] - 0.5
    r = q * q
    out[mid] = (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r+a[5])*q / (((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r+1)
    for mask, sign, pp in ((low, 1.0, p[low]), (high, -1.0, 1 - p[high])):
        q = np.sqrt(-2 * np.log(pp))
        out[mask] = sign * (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q+c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q+1)
    return out

def model(rng):
    years = np.arange(YEARS)
    divisors = (1 + RATE) ** np.arange(1, YEARS + 1)
    net = np.zeros((N, YEARS))
    cost = np.zeros((N, YEARS))
    draws = {}
    for n in range(20):
        benefit = n >= 12
        lo, hi = (0.7, 1.1) if benefit else (0.9, 1.25)
        draws[n] = rng.triangular(lo, 1.0, hi, size=(N, YEARS))
    # Iman-Conover on lines 0-4, year by year.
    scores = inverse_normal(np.arange(1, N + 1) / (N + 1))
    target = np.linalg.cholesky(MATRIX)
    for y in range(YEARS):
        x = np.stack([rng.permutation(scores) for _ in range(5)], axis=1)
        f = np.linalg.cholesky(np.corrcoef(x, rowvar=False))
        t = x @ (target @ np.linalg.inv(f)).T
        for j in range(5):
            column = np.sort(draws[j][:, y])
            draws[j][np.argsort(t[:, j]), y] = column
    for n in range(20):
        benefit = n >= 12
        amount = (60_000 * (n - 11) + 2_000 * years) if benefit else (20_000 * (n + 1) + 1_000 * years)
        flow = draws[n] * amount
        if benefit:
            net += flow
        else:
            net -= flow
            cost += flow
    npv = net @ (1 / divisors)
    pv_cost = cost @ (1 / divisors)
    for k in range(5):
        occurs = rng.random(N) < 0.1 + 0.05 * k
        impact = rng.triangular(50_000 * (k + 1), 100_000 * (k + 1), 300_000 * (k + 1), size=N) * occurs
        pv = impact / (1 + RATE) ** (k + 2)
        npv -= pv
        pv_cost += pv
    base_cost = sum((20_000 * (n + 1) + 1_000 * years) @ (1 / divisors) for n in range(12))
    s = np.sort(npv)
    rank = lambda v, p: v[max(1, math.ceil(p * N / 100)) - 1]
    return {
        "mean": float(npv.mean()),
        "p10": float(rank(s, 10)), "p50": float(rank(s, 50)), "p80": float(rank(s, 80)), "p90": float(rank(s, 90)),
        "prob_npv_negative": float((npv < 0).mean()),
        "contingency_p80": float(rank(np.sort(pv_cost), 80) - base_cost),
    }

times = []
for attempt in range(3):
    rng = np.random.default_rng(20270701 + attempt)
    start = time.perf_counter()
    figures = model(rng)
    times.append(time.perf_counter() - start)
print(json.dumps({"best": min(times), "figures": figures}))
"""


def numpy_python() -> Path:
    env = ROOT / "target" / "bench-venv"
    python = env / "bin" / "python"
    if not python.exists():
        venv.create(env, with_pip=True)
    if subprocess.run([python, "-c", "import numpy"], capture_output=True).returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "-q", "numpy"], check=True)
    return python


def rust_seconds() -> float:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if "--no-bench" not in sys.argv:
        subprocess.run(["cargo", "bench", "-p", "cairn-case", "--bench", "case", "--", "case simulation"], cwd=ROOT, check=True)
    found = glob.glob(str(target / "criterion" / "*" / "case simulation*" / "new" / "estimates.json"))
    if not found:
        sys.exit(f"no criterion estimate under {target}/criterion: run the bench first")
    return json.loads(Path(found[0]).read_text())["mean"]["point_estimate"] / 1e9


def main() -> None:
    rust = rust_seconds()
    python = numpy_python()
    work = ROOT / "target" / "bench-case-sim"
    work.mkdir(parents=True, exist_ok=True)
    script = work / "numpy_model.py"
    script.write_text(NUMPY_MODEL)
    out = subprocess.run([python, script, str(RUNS)], capture_output=True, check=True, text=True).stdout
    result = json.loads(out)
    print(f"model: {RUNS:,} runs of a 20-line 10-year case, per-year draws, 5x5 rank correlation, 5 events")
    print(f"cairn-case (criterion mean, 2 threads): {rust * 1000:.1f} ms")
    print(f"numpy, vectorised, one process (best of 3): {result['best'] * 1000:.1f} ms")
    print(f"numpy's figures: {json.dumps(result['figures'])}")
    ratio = result["best"] / rust
    print(f"ratio numpy / cairn: {ratio:.2f}x")
    sys.exit(0 if ratio >= 2.0 else 1)


if __name__ == "__main__":
    main()
