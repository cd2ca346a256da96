"""CPython's aiohttp client against the server of FormsAndCookiesTest.

Usage: python3 aiohttp_web_client.py BASE_URL

Prints one line per check, which the test compares with what it expects:
  form     the server's summary of a FormData post (a text field, a file with a non-ASCII name)
  stream   the server's summary of the same body read part by part
  cookies  what the server saw in Cookie after /login set cookies in aiohttp's jar
  deleted  the jar's cookie names after /logout deleted one
  range    status, Content-Range and body of a Range request for a static file
  cached   the status of a request with If-None-Match set to the ETag just received
"""

import asyncio
import io
import sys

import aiohttp


async def main(base):
    jar = aiohttp.CookieJar(unsafe=True)  # the server is 127.0.0.1, an address
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        def form():
            fd = aiohttp.FormData()
            fd.add_field("title", "caf\u00e9 au lait")
            fd.add_field("upload", io.BytesIO(b"\x00\x01binary\r\n--" * 1000),
                         filename="r\u00e9sum\u00e9.bin", content_type="application/octet-stream")
            return fd

        async with session.post(base + "/form", data=form()) as r:
            print("form", r.status, (await r.text()).replace("\n", " | "))
        async with session.post(base + "/stream", data=form()) as r:
            print("stream", r.status, (await r.text()).replace("\n", " | "))
        async with session.get(base + "/login") as r:
            await r.read()
        async with session.get(base + "/whoami") as r:
            print("cookies", r.status, await r.text())
        async with session.get(base + "/logout") as r:
            await r.read()
        print("deleted", sorted(c.key for c in jar))
        async with session.get(base + "/static/hello.txt", headers={"Range": "bytes=7-12"}) as r:
            print("range", r.status, r.headers.get("Content-Range"), await r.text())
            etag = r.headers.get("ETag")
        async with session.get(base + "/static/hello.txt", headers={"If-None-Match": etag}) as r:
            print("cached", r.status)


asyncio.run(main(sys.argv[1]))
