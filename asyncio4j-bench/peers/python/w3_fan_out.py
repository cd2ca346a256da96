"""W3 fan-out: N tasks that return an int at once, gathered; ROUNDS rounds in one process.

The first round is the cold figure, the median of the others the warm one (microseconds per task).
Usage: w3_fan_out.py [N] [ROUNDS] [--loop=uvloop]
"""

import asyncio
import time

from bench_common import median, parse_args, result, run


async def value(i):
    return i


async def fan_out(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(value(i)) for i in range(n)]
    results = await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    assert sum(results) == n * (n - 1) // 2
    return elapsed


async def main(n, rounds):
    return [await fan_out(n) for _ in range(rounds)]


if __name__ == "__main__":
    loop, (n, rounds) = parse_args([100_000, 10])
    rounds = max(2, rounds)
    micros = [s * 1e6 / n for s in run(main(n, rounds), loop)]
    result("W3", n=n, rounds=rounds, cold_us=micros[0], warm_us=median(micros[1:]))
