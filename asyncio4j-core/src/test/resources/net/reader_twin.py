# The twin of StreamReaderTwinTest: feeds a CPython asyncio.StreamReader and prints what each read
# returns or raises, one line per step. The Java test performs the same steps and must print the
# same lines. With --many, the steps of readuntil with several separators (CPython 3.13+).
import asyncio
import sys


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
            kind = "ValueError" if "--many" in sys.argv else "LimitOverrunError (ValueError)"
            print(label, "-> %s %s" % (kind, e))
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


async def main_many():
    # asyncio 3.13: readuntil with a tuple of separators.
    r = asyncio.StreamReader(limit=8)
    r.feed_data(b"ab\r\ncd\nef")
    await show("readuntil((b'\\n', b'\\r\\n'))", lambda: r.readuntil((b"\n", b"\r\n")))
    await show("readuntil((b'\\r\\n', b'\\n'))", lambda: r.readuntil((b"\r\n", b"\n")))
    r.feed_data(b"gh;;ij;k")
    await show("readuntil((b';;', b';'))", lambda: r.readuntil((b";;", b";")))
    await show("readuntil((b';;', b';'))", lambda: r.readuntil((b";;", b";")))
    await show("readuntil((b'xy', b';'))", lambda: r.readuntil((b"xy", b";")))
    r.feed_data(b"0123456789abcdef")
    await show("readuntil((b'!', b'??'))", lambda: r.readuntil((b"!", b"??")))
    r.feed_data(b"!")
    await show("readuntil((b'!', b'??'))", lambda: r.readuntil((b"!", b"??")))
    await show("read(100)", lambda: r.read(100))
    r.feed_data(b"end?")
    r.feed_eof()
    await show("readuntil((b'??', b'!!'))", lambda: r.readuntil((b"??", b"!!")))
    await show("readuntil(())", lambda: r.readuntil(()))
    await show("readuntil((b'a', b''))", lambda: r.readuntil((b"a", b"")))


if "--many" in sys.argv:
    if sys.version_info < (3, 13):
        sys.exit("--many needs CPython 3.13 or newer, this is " + sys.version)
    asyncio.run(main_many())
else:
    asyncio.run(main())
