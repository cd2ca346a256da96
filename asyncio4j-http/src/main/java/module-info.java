/**
 * asyncio4j's HTTP/1.1: the protocol layer (a strict incremental parser, a serializer and the
 * case-insensitive {@link io.asyncio4j.http.Headers}) that the client, the server and WebSockets
 * stand on. {@code io.asyncio4j.http.internal} is not exported.
 */
module io.asyncio4j.http {
    requires transitive io.asyncio4j;
    requires jdk.jfr;
    requires static transitive tools.jackson.databind;

    exports io.asyncio4j.http;
    exports io.asyncio4j.http.client;
    exports io.asyncio4j.http.web;
    exports io.asyncio4j.http.ws;
}
