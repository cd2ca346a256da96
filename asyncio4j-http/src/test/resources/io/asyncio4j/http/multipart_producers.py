"""Writes multipart bodies made by producers nobody here wrote, for MultipartPeerTest.

Usage: python3 multipart_producers.py OUT_DIR

For each case N it writes N.ct (the Content-Type), N.body (the bytes) and N.txt (the parts the
producer was asked to write, one line each: name, filename, content type, length and SHA-256 of the
content; the parts of a nested body follow their field's line, indented). It also reads every body
back with aiohttp's own MultipartReader and writes what that reader saw to N.aiohttp.txt, a second
opinion (or the error it gave: aiohttp 3.8 refuses the folded part heads that email writes).

Producers: aiohttp's FormData and MultipartWriter (nested multipart/mixed), and CPython's email
package with its default policy, which folds long header lines and writes long non-ASCII file
names as RFC 2231 continuations (filename*0*=utf-8''...; filename*1*=...).
"""

import asyncio
import hashlib
import io
import os
import random
import sys
import urllib.parse
from email.message import EmailMessage
import email.policy

import aiohttp
from aiohttp import FormData, MultipartWriter


class Sink:
    def __init__(self):
        self.data = bytearray()

    async def write(self, chunk):
        self.data += chunk

    async def write_eof(self, *args):
        pass


def digest(data):
    return {"length": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def part(name, filename, content_type, data):
    d = {"name": name, "filename": filename, "content_type": content_type}
    d.update(digest(data))
    return d


async def aiohttp_read(content_type, body):
    """The parts aiohttp's reader sees: the same shape as the expected list."""
    reader_stream = aiohttp.StreamReader(_Protocol(), 2**16, loop=asyncio.get_running_loop())
    reader_stream.feed_data(body)
    reader_stream.feed_eof()
    reader = aiohttp.MultipartReader({"Content-Type": content_type}, reader_stream)
    return await _read_all(reader)


async def _read_all(reader):
    out = []
    while True:
        p = await reader.next()
        if p is None:
            return out
        if isinstance(p, aiohttp.MultipartReader):
            out.append({"nested": await _read_all(p)})
            continue
        data = await p.read()
        out.append(part(p.name, p.filename, p.headers.get("Content-Type", "text/plain"), bytes(data)))


class _Protocol:
    _reading_paused = False

    def pause_reading(self):
        pass

    def resume_reading(self):
        pass


def binary_with_near_boundaries(size, boundary, seed):
    rnd = random.Random(seed)
    data = bytearray(rnd.getrandbits(8) for _ in range(size))
    near = b"\r\n--" + boundary.encode()[:-1]
    for i in range(0, size - len(near), 997):
        data[i:i + len(near)] = near
    return bytes(data)


async def aiohttp_form():
    """aiohttp's FormData: text fields, files (one empty, one binary), a non-ASCII file name."""
    fd = FormData(charset=None)
    fd.add_field("title", "Hello, world")
    fd.add_field("greeting", "caf\u00e9 \u20ac")
    text = b"line 1\r\n--not a boundary\r\n\r\n"
    fd.add_field("notes", io.BytesIO(text), filename="notes.txt", content_type="text/plain")
    fd.add_field("empty", io.BytesIO(b""), filename="empty.bin", content_type="application/octet-stream")
    binary = binary_with_near_boundaries(300_000, "0123456789abcdef0123456789abcdef", 1)
    fd.add_field("blob", io.BytesIO(binary), filename="na\u00efve \u20ac.bin",
                 content_type="application/octet-stream")
    writer = fd()
    sink = Sink()
    await writer.write(sink)
    # aiohttp 3.8 percent-encodes a file name inside the plain quoted parameter; its reader gives it
    # back encoded, and that is what is on the wire.
    expected = [
        part("title", None, "text/plain; charset=utf-8", b"Hello, world"),
        part("greeting", None, "text/plain; charset=utf-8", "caf\u00e9 \u20ac".encode()),
        part("notes", "notes.txt", "text/plain", text),
        part("empty", "empty.bin", "application/octet-stream", b""),
        part("blob", urllib.parse.quote("na\u00efve \u20ac.bin", ""), "application/octet-stream", binary),
    ]
    return writer.content_type, bytes(sink.data), expected


async def aiohttp_nested():
    """aiohttp's MultipartWriter: form-data holding a multipart/mixed of two files."""
    outer = MultipartWriter("form-data")
    p = outer.append("Larry")
    p.set_content_disposition("form-data", name="submit-name")
    inner = MultipartWriter("mixed")
    f1 = inner.append(b"... contents of file1.txt ...", {"Content-Type": "text/plain"})
    f1.set_content_disposition("file", filename="file1.txt")
    f2 = inner.append(b"GIF89a\r\n--\x00\xff", {"Content-Type": "image/gif"})
    f2.set_content_disposition("file", filename="file2.gif")
    ip = outer.append(inner)
    ip.set_content_disposition("form-data", name="files")
    sink = Sink()
    await outer.write(sink)
    expected = [
        part("submit-name", None, "text/plain; charset=utf-8", b"Larry"),
        {"nested": [
            part(None, "file1.txt", "text/plain", b"... contents of file1.txt ..."),
            part(None, "file2.gif", "image/gif", b"GIF89a\r\n--\x00\xff"),
        ]},
    ]
    return outer.content_type, bytes(sink.data), expected


def email_form():
    """CPython's email package, default policy: folded lines and RFC 2231 continuations."""
    policy = email.policy.default.clone(linesep="\r\n")
    msg = EmailMessage(policy=policy)
    msg.make_mixed()
    msg.set_type("multipart/form-data")
    long_name = ("a very long file name with accents \u00e9\u00e8\u00ea and the euro sign \u20ac"
                 " and more words.txt")
    fields = [
        ("comment", None, "plain words\r\nand a second line"),
        ("upload", long_name, "the file's text \u20ac\r\n"),
        ("short", "r\u00e9sum\u00e9.txt", "x"),
    ]
    for name, filename, text in fields:
        p = EmailMessage(policy=policy)
        p.set_content(text, cte="8bit")
        p.add_header("Content-Disposition", "form-data")
        p.set_param("name", name, header="Content-Disposition")
        if filename is not None:
            p.set_param("filename", filename, header="Content-Disposition")
        del p["MIME-Version"]
        msg.attach(p)
    raw = msg.as_bytes(policy=policy)
    body = raw.partition(b"\r\n\r\n")[2]
    # set_content ends the text with a line break, and the generator writes every line break as
    # the policy's CRLF: those are the bytes the sender means.
    expected = [
        part(name, filename, str(p["Content-Type"]),
             (text if text.endswith("\n") else text + "\n").replace("\r\n", "\n").replace("\n", "\r\n").encode())
        for p, (name, filename, text) in zip(msg.iter_parts(), fields)
    ]
    return "multipart/form-data; boundary=\"" + msg.get_boundary() + "\"", body, expected


def lines(parts, indent=""):
    out = ""
    for p in parts:
        if "nested" in p:
            out += indent + "nested\n" + lines(p["nested"], indent + "  ")
            continue
        out += "%sname=%s filename=%s type=%s length=%d sha256=%s\n" % (
            indent, p["name"], p["filename"], p["content_type"], p["length"], p["sha256"])
    return out


async def main(out):
    os.makedirs(out, exist_ok=True)
    cases = {
        "aiohttp-form": await aiohttp_form(),
        "aiohttp-nested": await aiohttp_nested(),
        "email-form": email_form(),
    }
    for name, (content_type, body, expected) in cases.items():
        with open(os.path.join(out, name + ".ct"), "w") as f:
            f.write(content_type)
        with open(os.path.join(out, name + ".body"), "wb") as f:
            f.write(body)
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(lines(expected))
        try:
            seen = await aiohttp_read(content_type, body)
        except Exception as e:  # aiohttp 3.8 refuses folded part heads, which email writes
            seen = {"error": "%s: %s" % (type(e).__name__, e)}
        with open(os.path.join(out, name + ".aiohttp.txt"), "w", encoding="utf-8") as f:
            f.write(lines(seen) if isinstance(seen, list) else seen["error"] + "\n")
    print("wrote", ", ".join(cases))


asyncio.run(main(sys.argv[1]))
