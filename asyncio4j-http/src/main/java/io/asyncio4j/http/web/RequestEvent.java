package io.asyncio4j.http.web;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event per request served: method, path, status, body bytes; its duration is from the head
 * parsed to the response's end. Disabled by default, like the task events, as there is one per
 * request: enable it in a recording ({@code -XX:StartFlightRecording:io.asyncio4j.HttpRequest#enabled=true}
 * or {@code recording.enable("io.asyncio4j.HttpRequest")}). Disabled, it costs a flag read per
 * request.
 */
@Name("io.asyncio4j.HttpRequest")
@Label("HTTP Request")
@Category({"asyncio4j", "HTTP"})
@Description("A request served by an asyncio4j web application, from its head parsed to its response's end")
@StackTrace(false)
@Enabled(false)
final class RequestEvent extends Event {
    @Label("Method")
    String method;

    @Label("Path")
    String path;

    @Label("Status")
    int status;

    @Label("Response Body Bytes")
    long bodyBytes;

    @Label("Remote")
    String remote;
}
