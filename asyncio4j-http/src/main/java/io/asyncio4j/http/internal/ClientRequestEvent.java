package io.asyncio4j.http.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One request of a {@code ClientSession} (one attempt, its redirects included), from its start to
 * its final response head or its failure. Created only while the JVM's flight recorder runs, so a
 * JVM that is not recording pays nothing for it.
 */
@Name("io.asyncio4j.http.ClientRequest")
@Label("HTTP Client Request")
@Category({"asyncio4j", "HTTP"})
@Description("A ClientSession request, from its start to its response head or failure")
@StackTrace(false)
public final class ClientRequestEvent extends Event {
    @Label("Method")
    public String method;

    @Label("URL")
    public String url;

    @Label("Status")
    @Description("The final response's status; 0 when the request failed")
    public int status;

    @Label("Redirects")
    public int redirects;

    @Label("Outcome")
    @Description("\"response\", or the failure's class and message")
    public String outcome;
}
