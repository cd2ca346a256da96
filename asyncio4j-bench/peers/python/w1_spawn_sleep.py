"""W1 spawn-sleep: N tasks each sleep 1 s, all gathered. Usage: w1_spawn_sleep.py [N] [--loop=uvloop]"""

import asyncio
import time

from bench_common import parse_args, result, run


async def sleeper():
    await asyncio.sleep(1)


async def main(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(sleeper()) for _ in range(n)]
    await asyncio.gather(*tasks)
    return time.perf_counter() - start


if __name__ == "__main__":
    loop, (n,) = parse_args([100_000])
    result("W1", n=n, wall_s=run(main(n), loop))
