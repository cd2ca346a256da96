/**
 * The HTTP server: aiohttp's {@code aiohttp.web} for asyncio4j. An {@link
 * io.asyncio4j.http.web.Application} holds routes (a {@link io.asyncio4j.http.web.Router}),
 * middlewares, state and life-cycle hooks; a {@link io.asyncio4j.http.web.Handler} turns a {@link
 * io.asyncio4j.http.web.Request} into a {@link io.asyncio4j.http.web.Response} (or a {@link
 * io.asyncio4j.http.web.StreamResponse} it writes piece by piece) as an ordinary task that may
 * suspend or block; {@link io.asyncio4j.http.web.Web#runApp} serves until Ctrl-C, and {@link
 * io.asyncio4j.http.web.AppRunner} with {@link io.asyncio4j.http.web.TcpSite} or {@link
 * io.asyncio4j.http.web.UnixSite} embeds a server in tests and programs.
 */
package io.asyncio4j.http.web;
