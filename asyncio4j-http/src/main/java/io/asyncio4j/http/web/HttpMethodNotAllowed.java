package io.asyncio4j.http.web;

import io.asyncio4j.http.HeaderNames;
import java.util.Collection;
import java.util.List;

/** 405 with {@code Allow}: the path takes other methods; aiohttp's {@code HTTPMethodNotAllowed}. */
public final class HttpMethodNotAllowed extends HttpClientError {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final transient List<String> allowed;

    /** A 405 for {@code method}, naming the methods the resource takes. */
    public HttpMethodNotAllowed(String method, Collection<String> allowed) {
        this(method, allowed, null);
    }

    /** A 405 with a body {@code text}. */
    public HttpMethodNotAllowed(String method, Collection<String> allowed, String text) {
        super(405, null, text);
        this.method = method;
        this.allowed = List.copyOf(allowed);
        headers().set(HeaderNames.ALLOW, String.join(", ", this.allowed));
    }

    /** The method that was refused. */
    public String method() {
        return method;
    }

    /** The methods the resource takes. */
    public List<String> allowed() {
        return allowed;
    }
}
