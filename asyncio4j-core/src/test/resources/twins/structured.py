# The CPython twin of StructuredTwinsTest: both must print structured.expected.
# Run: python3 structured.py
import asyncio, selectors
log=[]

class VirtualClock:
    """Loop time that jumps to the next timer instead of sleeping, like asyncio4j's VirtualClock."""
    now = 0.0

class JumpingSelector(selectors.DefaultSelector):
    def select(self, timeout=None):
        if timeout is not None and timeout > 0:
            VirtualClock.now += timeout
        return super().select(0)

def virtual_loop():
    loop = asyncio.SelectorEventLoop(JumpingSelector())
    loop.time = lambda: VirtualClock.now
    return loop

def t(): return round(asyncio.get_running_loop().time()-T0,1)
async def gather_failure():
    async def fail():
        await asyncio.sleep(1); raise ValueError("boom")
    async def slow():
        await asyncio.sleep(3); log.append(f"slow done @{t()}"); return 3
    s = asyncio.create_task(slow())
    try:
        await asyncio.gather(fail(), s)
    except ValueError as e:
        log.append(f"gather raised {e} @{t()}, slow done={s.done()}")
    log.append(f"slow result {await s} @{t()}")
async def timeout_vs_external():
    async def inner():
        try:
            async with asyncio.timeout(10):
                await asyncio.sleep(100)
        except TimeoutError: log.append("timeout"); 
        except asyncio.CancelledError: log.append(f"cancelled @{t()}"); raise
    task = asyncio.create_task(inner())
    await asyncio.sleep(1); task.cancel()
    try: await task
    except asyncio.CancelledError: log.append("task cancelled")
async def nested():
    try:
        async with asyncio.timeout(5):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(10)
            except TimeoutError: log.append(f"inner timeout @{t()}")
            try:
                async with asyncio.timeout(10):
                    await asyncio.sleep(10)
            except TimeoutError: log.append("inner2 timeout (wrong)")
    except TimeoutError: log.append(f"outer timeout @{t()}")
async def tg_failure():
    async def a():
        try: await asyncio.sleep(5); log.append("a done")
        except asyncio.CancelledError: log.append(f"a cancelled @{t()}"); raise
    async def b():
        await asyncio.sleep(1); raise ValueError("b failed")
    async def c():
        await asyncio.sleep(2); raise KeyError("c")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(a()); tg.create_task(b()); tg.create_task(c())
            try: await asyncio.sleep(10); log.append("body done")
            except asyncio.CancelledError: log.append(f"body cancelled @{t()}"); raise
    except* ValueError as eg: log.append(f"group {[repr(e) for e in eg.exceptions]} @{t()}")
async def shield_demo():
    async def inner():
        await asyncio.sleep(2); log.append(f"inner done @{t()}"); return 1
    it = asyncio.create_task(inner())
    async def outer():
        try: return await asyncio.shield(it)
        except asyncio.CancelledError: log.append(f"outer cancelled @{t()}"); raise
    o = asyncio.create_task(outer())
    await asyncio.sleep(1); o.cancel()
    try: await o
    except asyncio.CancelledError: pass
    log.append(f"inner result {await it} @{t()}")
async def main():
    global T0
    for f in (gather_failure, timeout_vs_external, nested, tg_failure, shield_demo):
        T0 = asyncio.get_running_loop().time(); log.append(f"-- {f.__name__}")
        await f()
    print("\n".join(log))
with asyncio.Runner(loop_factory=virtual_loop) as runner:
    runner.run(main())
