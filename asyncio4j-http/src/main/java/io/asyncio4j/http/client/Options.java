package io.asyncio4j.http.client;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.MultipartWriter;
import io.asyncio4j.net.StreamReader;
import java.nio.file.Path;
import java.util.Map;

/**
 * The static factories of {@link RequestOptions}, named after aiohttp's keyword arguments, to import
 * statically; each returns options that chain with the same names.
 *
 * {@snippet :
 * import static io.asyncio4j.http.client.Options.*;
 *
 * session.get(url, params("q", "x").header("A", "b"));   // session.get(url, params={"q": "x"}, headers={"A": "b"})
 * session.post(url, json(payload));                       // session.post(url, json=payload)
 * session.post(url, form(Map.of("user", "ann")));         // session.post(url, data={"user": "ann"})
 * session.post(url, data(Path.of("big.iso")));           // session.post(url, data=open("big.iso", "rb"))
 * session.post(url, data(formData));                      // session.post(url, data=form_data)
 * session.get(url, allowRedirects(false));                // session.get(url, allow_redirects=False)
 * }
 */
public final class Options {
    private Options() {}

    /** {@link RequestOptions#params(String...)}. */
    public static RequestOptions params(String... namesAndValues) {
        return RequestOptions.NONE.params(namesAndValues);
    }

    /** {@link RequestOptions#params(Map)}. */
    public static RequestOptions params(Map<String, ?> params) {
        return RequestOptions.NONE.params(params);
    }

    /** {@link RequestOptions#header(String, String)}. */
    public static RequestOptions header(String name, String value) {
        return RequestOptions.NONE.header(name, value);
    }

    /** {@link RequestOptions#headers(Headers)}. */
    public static RequestOptions headers(Headers headers) {
        return RequestOptions.NONE.headers(headers);
    }

    /** {@link RequestOptions#headers(Map)}. */
    public static RequestOptions headers(Map<String, String> headers) {
        return RequestOptions.NONE.headers(headers);
    }

    /** {@link RequestOptions#data(byte[])}. */
    public static RequestOptions data(byte[] body) {
        return RequestOptions.NONE.data(body);
    }

    /** {@link RequestOptions#data(String)}. */
    public static RequestOptions data(String text) {
        return RequestOptions.NONE.data(text);
    }

    /** {@link RequestOptions#data(Path)}. */
    public static RequestOptions data(Path file) {
        return RequestOptions.NONE.data(file);
    }

    /** {@link RequestOptions#data(StreamReader)}. */
    public static RequestOptions data(StreamReader reader) {
        return RequestOptions.NONE.data(reader);
    }

    /** {@link RequestOptions#data(Iterable)}. */
    public static RequestOptions data(Iterable<byte[]> chunks) {
        return RequestOptions.NONE.data(chunks);
    }

    /** {@link RequestOptions#data(BodyWriter)}. */
    public static RequestOptions data(BodyWriter writer) {
        return RequestOptions.NONE.data(writer);
    }

    /** {@link RequestOptions#data(FormData)}. */
    public static RequestOptions data(FormData form) {
        return RequestOptions.NONE.data(form);
    }

    /** {@link RequestOptions#data(MultipartWriter)}. */
    public static RequestOptions data(MultipartWriter multipart) {
        return RequestOptions.NONE.data(multipart);
    }

    /** {@link RequestOptions#form(Map)}. */
    public static RequestOptions form(Map<String, ?> fields) {
        return RequestOptions.NONE.form(fields);
    }

    /** {@link RequestOptions#json(Object)}. */
    public static RequestOptions json(Object value) {
        return RequestOptions.NONE.json(value);
    }

    /** {@link RequestOptions#timeout(ClientTimeout)}. */
    public static RequestOptions timeout(ClientTimeout timeout) {
        return RequestOptions.NONE.timeout(timeout);
    }

    /** {@link RequestOptions#allowRedirects(boolean)}. */
    public static RequestOptions allowRedirects(boolean allow) {
        return RequestOptions.NONE.allowRedirects(allow);
    }

    /** {@link RequestOptions#maxRedirects(int)}. */
    public static RequestOptions maxRedirects(int max) {
        return RequestOptions.NONE.maxRedirects(max);
    }

    /** {@link RequestOptions#raiseForStatus(boolean)}. */
    public static RequestOptions raiseForStatus(boolean raise) {
        return RequestOptions.NONE.raiseForStatus(raise);
    }

    /** {@link RequestOptions#auth(BasicAuth)}. */
    public static RequestOptions auth(BasicAuth auth) {
        return RequestOptions.NONE.auth(auth);
    }

    /** {@link RequestOptions#proxy(String)}. */
    public static RequestOptions proxy(String url) {
        return RequestOptions.NONE.proxy(url);
    }

    /** {@link RequestOptions#retry(RetryPolicy)}. */
    public static RequestOptions retry(RetryPolicy policy) {
        return RequestOptions.NONE.retry(policy);
    }

    /** {@link RequestOptions#cookies(Map)}. */
    public static RequestOptions cookies(Map<String, String> cookies) {
        return RequestOptions.NONE.cookies(cookies);
    }
}
