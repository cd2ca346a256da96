"""W2 ping-pong: two tasks exchange MESSAGES messages through asyncio.Queue(1).

Usage: w2_ping_pong.py [MESSAGES] [--loop=uvloop]
"""

import asyncio
import time

from bench_common import parse_args, result, run


async def producer(queue, messages):
    for i in range(messages):
        await queue.put(i)


async def consumer(queue, messages):
    total = 0
    for _ in range(messages):
        total += await queue.get()
    return total


async def main(messages):
    queue = asyncio.Queue(1)
    start = time.perf_counter()
    _, total = await asyncio.gather(
        asyncio.create_task(producer(queue, messages)),
        asyncio.create_task(consumer(queue, messages)),
    )
    elapsed = time.perf_counter() - start
    assert total == messages * (messages - 1) // 2, f"lost messages: sum {total}"
    return elapsed


if __name__ == "__main__":
    loop, (messages,) = parse_args([1_000_000])
    seconds = run(main(messages), loop)
    result("W2", messages=messages, ns_per_msg=seconds * 1e9 / messages, wall_s=seconds)
