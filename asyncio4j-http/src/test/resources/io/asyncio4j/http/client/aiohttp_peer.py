"""An aiohttp server for the client's interop tests: prints "PORT <n>" once listening on 127.0.0.1."""
import asyncio
import hashlib
import sys

from aiohttp import BodyPartReader, web

posts = {"count": 0}
flaky_seen = {}


async def echo(request):
    body = await request.read()
    return web.json_response({
        "method": request.method,
        "path": request.path_qs,
        "body": body.decode("utf-8", "replace"),
        "cookie": request.headers.get("Cookie"),
        "authorization": request.headers.get("Authorization"),
    })


async def digest(request):
    """The SHA-256 and length of the body, and how it was framed."""
    h = hashlib.sha256()
    n = 0
    async for chunk in request.content.iter_any():
        h.update(chunk)
        n += len(chunk)
    return web.json_response({
        "method": request.method,
        "length": n,
        "sha256": h.hexdigest(),
        "contentLength": request.headers.get("Content-Length"),
        "transferEncoding": request.headers.get("Transfer-Encoding"),
        "contentType": request.headers.get("Content-Type"),
    })


async def form(request):
    """The fields of a form as aiohttp reads them: urlencoded through post(), multipart part by part."""
    fields = []
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        while True:
            part = await reader.next()
            if part is None:
                break
            if isinstance(part, BodyPartReader):
                data = await part.read()
                name, filename = part.name, part.filename
            else:  # a nested multipart body: its parts' bodies, joined
                inner = []
                name, filename = part.headers.get("Content-Disposition", ""), None
                while (sub := await part.next()) is not None:
                    inner.append(await sub.read())
                data = b"|".join(inner)
            fields.append({
                "name": name,
                "filename": filename,
                "contentType": part.headers.get("Content-Type"),
                "length": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "text": data.decode("utf-8", "replace") if len(data) < 200 else None,
            })
    else:
        for name, value in (await request.post()).items():
            fields.append({"name": name, "filename": None, "contentType": None, "length": len(value),
                           "sha256": None, "text": value})
    return web.json_response({"contentType": request.headers.get("Content-Type"), "fields": fields})


async def redirect_keep(request):
    """307 or 308 to /digest, after reading the body (aiohttp 3.8 loses the next request on a
    connection whose unread body it discarded)."""
    async for _ in request.content.iter_any():
        pass
    status = int(request.match_info["status"])
    raise (web.HTTPTemporaryRedirect if status == 307 else web.HTTPPermanentRedirect)("/digest")


async def echo_stream(request):
    """Streams the body back as it arrives: full duplex."""
    resp = web.StreamResponse()
    resp.content_type = "application/octet-stream"
    await resp.prepare(request)
    async for chunk in request.content.iter_chunked(64 * 1024):
        await resp.write(chunk)
    await resp.write_eof()
    return resp


async def headers(request):
    """The request line's target and every header field, as received."""
    return web.json_response({"target": request.path_qs, "headers": dict(request.headers)})


async def flaky(request):
    """503 with Retry-After for the first `failures` requests of a key, then 200."""
    key = request.query["key"]
    flaky_seen[key] = flaky_seen.get(key, 0) + 1
    if flaky_seen[key] <= int(request.query["failures"]):
        raise web.HTTPServiceUnavailable(headers={"Retry-After": request.query["retry_after"]})
    return web.Response(text=f"attempt {flaky_seen[key]}")


async def users(request):
    return web.json_response([{"name": "ann", "count": 1}, {"name": "bob", "count": 2}])


async def groups(request):
    return web.json_response({"odd": [1, 3], "even": [2]})


async def count_put(request):
    await request.read()
    posts["count"] += 1
    return web.Response(text=str(posts["count"]))


async def set_cookies(request):
    resp = web.Response(text="set")
    resp.set_cookie("session", "s1", path="/")
    resp.set_cookie("scoped", "s2", path="/cookies/scoped")
    resp.set_cookie("expired", "x", max_age=0)
    return resp


async def set_domain_cookie(request):
    resp = web.Response(text="set")
    resp.set_cookie(request.query["name"], "1", domain=request.query["domain"], path="/")
    return resp


async def redirect(request):
    n = int(request.match_info["n"])
    if n == 0:
        return web.Response(text="done")
    raise web.HTTPFound(f"/redirect/{n - 1}")


async def see_other(request):
    await request.read()
    raise web.HTTPSeeOther("/echo")


async def stream(request):
    resp = web.StreamResponse()
    resp.content_type = "text/plain"
    await resp.prepare(request)
    for i in range(5):
        await resp.write(f"line {i}\n".encode())
        await asyncio.sleep(0.01)
    await resp.write_eof()
    return resp


async def slow(request):
    await asyncio.sleep(30)
    return web.Response(text="late")


async def close_after(request):
    """Answers with keep-alive, then closes the connection as an idle server would."""
    resp = web.Response(text="closing")
    await resp.prepare(request)
    await resp.write_eof()
    asyncio.get_running_loop().call_soon(request.transport.close)
    return resp


async def count_post(request):
    await request.read()
    posts["count"] += 1
    return web.Response(text=str(posts["count"]))


async def count(request):
    return web.Response(text=str(posts["count"]))


async def gzipped(request):
    resp = web.Response(text="zip " * 5000)
    resp.enable_compression(web.ContentCoding.gzip)
    return resp


async def main():
    app = web.Application()
    app.router.add_route("*", "/echo", echo)
    app.router.add_get("/cookies/set", set_cookies)
    app.router.add_get("/cookies/scoped/show", echo)
    app.router.add_get("/cookies/show", echo)
    app.router.add_get("/cookies/domain", set_domain_cookie)
    app.router.add_get("/redirect/{n}", redirect)
    app.router.add_post("/see-other", see_other)
    app.router.add_get("/stream", stream)
    app.router.add_get("/slow", slow)
    app.router.add_get("/close-after", close_after)
    app.router.add_post("/count-post", count_post)
    app.router.add_get("/count", count)
    app.router.add_get("/gzip", gzipped)
    app.router.add_route("*", "/digest", digest)
    app.router.add_post("/form", form)
    app.router.add_route("*", "/redirect-keep/{status}", redirect_keep)
    app.router.add_put("/count-put", count_put)
    app.router.add_post("/echo-stream", echo_stream)
    app.router.add_get("/headers", headers)
    app.router.add_route("*", "/flaky", flaky)
    app.router.add_get("/users", users)
    app.router.add_get("/groups", groups)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    # Ends when the test closes stdin.
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


asyncio.run(main())
