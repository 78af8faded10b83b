#!/usr/bin/env python3
"""`cairn calc --batch` against pyxirr in a Python loop, on the same file of IRR rows.

Issue 3 asks for the batch interface to be faster than the same rows through pyxirr called from
Python. This script writes one file of 20,000 ten-flow IRR rows (seeded, so every run measures
the same input), runs both over it three times and prints the best time of each, and checks that
both give the same IRRs.

    python3 tools/bench_batch_vs_pyxirr.py [path/to/cairn]

pyxirr is installed into a private virtual environment under target/ when missing.
"""

import json
import os
import random
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 20_000


def pyxirr_python() -> Path:
    env = ROOT / "target" / "bench-venv"
    python = env / "bin" / "python"
    if not python.exists():
        venv.create(env, with_pip=True)
    check = subprocess.run([python, "-c", "import pyxirr"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "-q", "pyxirr"], check=True)
    return python


def write_rows(path: Path) -> None:
    rng = random.Random(2027)
    with path.open("w") as f:
        for _ in range(ROWS):
            outlay = -rng.uniform(50_000, 5_000_000)
            flows = [round(outlay, 2)] + [round(-outlay * rng.uniform(0.08, 0.35), 2) for _ in range(9)]
            f.write(json.dumps({"function": "IRR", "args": [flows]}) + "\n")


PYXIRR_LOOP = """
import json, sys, time
from pyxirr import irr
rows = [json.loads(line)["args"][0] for line in open(sys.argv[1])]
start = time.perf_counter()
out = [irr(r) for r in rows]
elapsed = time.perf_counter() - start
json.dump({"elapsed": elapsed, "values": out}, open(sys.argv[2], "w"))
"""


def main() -> None:
    cairn = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "release" / "cairn"
    if not cairn.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "cairn-cli"], cwd=ROOT, check=True)
    work = ROOT / "target" / "bench-batch"
    work.mkdir(parents=True, exist_ok=True)
    rows = work / "irr_rows.jsonl"
    write_rows(rows)

    cairn_times, cairn_out = [], b""
    for _ in range(3):
        start = time.perf_counter()
        cairn_out = subprocess.run([cairn, "calc", "--batch", rows], capture_output=True, check=True).stdout
        cairn_times.append(time.perf_counter() - start)

    python = pyxirr_python()
    script = work / "pyxirr_loop.py"
    script.write_text(PYXIRR_LOOP)
    py_times, py_values = [], []
    for _ in range(3):
        result = work / "pyxirr_out.json"
        start = time.perf_counter()
        subprocess.run([python, script, rows, result], check=True)
        py_times.append(time.perf_counter() - start)
        py_values = json.loads(result.read_text())["values"]

    ours = [json.loads(line).get("value") for line in cairn_out.decode().splitlines()]
    worst = max(abs(a - b) for a, b in zip(ours, py_values) if a is not None and b is not None)
    print(f"rows: {ROWS} ten-flow IRRs ({rows})")
    print(f"cairn calc --batch (whole process): best {min(cairn_times):.3f} s")
    print(f"pyxirr in a Python loop (whole process, incl. start-up and JSON): best {min(py_times):.3f} s")
    print(f"largest IRR difference between the two: {worst:.2e}")
    sys.exit(0 if min(cairn_times) < min(py_times) else 1)


if __name__ == "__main__":
    main()
