# The twin of StreamReaderTwinTest's several-separator steps (asyncio 3.13's readuntil with a
# tuple): feeds a CPython asyncio.StreamReader and prints what each read returns or raises.
import asyncio
import sys

if sys.version_info < (3, 13):
    sys.exit("needs CPython 3.13 or newer, this is " + sys.version)


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
            print(label, "-> ValueError %s" % e)
    return run()


async def main():
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


asyncio.run(main())
