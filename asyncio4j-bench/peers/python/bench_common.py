"""Shared by the Python peers: choose the event loop and print the RESULT line.

Each peer runs on CPython's own asyncio loop, or on uvloop when given ``--loop=uvloop``.
The program is the same either way, as a user of either would write it.
"""

import asyncio
import sys


def parse_args(defaults):
    """Positional integer arguments (with defaults) and the loop name from --loop=NAME."""
    loop = "asyncio"
    values = []
    for arg in sys.argv[1:]:
        if arg.startswith("--loop="):
            loop = arg.split("=", 1)[1]
        else:
            values.append(int(arg.replace("_", "")))
    values += defaults[len(values):]
    return loop, values


def run(main, loop):
    """Runs the coroutine main on the chosen loop and returns its value."""
    if loop == "uvloop":
        import uvloop

        if hasattr(uvloop, "run"):  # uvloop >= 0.18
            return uvloop.run(main)
        uvloop.install()  # older uvloop, as Debian 12 ships
        return asyncio.run(main)
    if loop != "asyncio":
        raise SystemExit(f"unknown loop {loop!r}: use --loop=asyncio or --loop=uvloop")
    return asyncio.run(main)


def result(workload, **figures):
    """Prints RESULT <workload> name=value ... (floats with six significant digits)."""
    parts = [f"{k}={v:.6g}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()]
    print(f"RESULT {workload} " + " ".join(parts), flush=True)


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
