"""W0 start-up: asyncio.run a main that sleeps 1 ms and prints hello; the harness times the process.

Usage: w0_hello.py [--loop=uvloop]
"""

import asyncio

from bench_common import parse_args, run


async def main():
    await asyncio.sleep(0.001)
    print("hello")


if __name__ == "__main__":
    loop, _ = parse_args([])
    run(main(), loop)
