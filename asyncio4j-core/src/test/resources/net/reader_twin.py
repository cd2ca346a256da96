# The twin of StreamReaderTwinTest: feeds a CPython asyncio.StreamReader and prints what each read
# returns or raises, one line per step. The Java test performs the same steps and must print the
# same lines.
import asyncio


def show(label, fn):
    async def run():
        try:
            value = await fn()
            print(label, "->", repr(value))
        except asyncio.IncompleteReadError as e:
            print(label, "-> IncompleteReadError partial=%r expected=%r" % (e.partial, e.expected))
        except asyncio.LimitOverrunError as e:
            print(label, "-> LimitOverrunError consumed=%d %s" % (e.consumed, e.args[0]))
        except ValueError as e:
            print(label, "-> LimitOverrunError (ValueError) %s" % e)
    return run()


async def main():
    r = asyncio.StreamReader(limit=8)
    r.feed_data(b"hello\nworld")
    await show("readline", r.readline)
    await show("read(3)", lambda: r.read(3))
    await show("readexactly(2)", lambda: r.readexactly(2))
    r.feed_data(b"abcdefghijklmnop\nrest")
    await show("readuntil(b'\\n')", lambda: r.readuntil(b"\n"))
    await show("readline", r.readline)
    await show("readuntil(b'st')", lambda: r.readuntil(b"st"))
    r.feed_data(b"xyz")
    r.feed_eof()
    await show("at_eof", lambda: asyncio.sleep(0, r.at_eof()))
    await show("readexactly(5)", lambda: r.readexactly(5))
    await show("at_eof", lambda: asyncio.sleep(0, r.at_eof()))
    await show("readline", r.readline)
    await show("read(10)", lambda: r.read(10))
    await show("readuntil(b'!')", lambda: r.readuntil(b"!"))


asyncio.run(main())
