package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import java.time.Instant;

/**
 * The conditional request headers (RFC 9110 section 13) evaluated for a representation that exists,
 * in the order section 13.2.2 fixes: {@code If-Match}, else {@code If-Unmodified-Since} (412 when
 * they fail); then {@code If-None-Match}, else, for GET and HEAD, {@code If-Modified-Since} (304
 * for GET and HEAD, 412 for other methods); {@code If-Range} decides whether a {@code Range}
 * applies. Dates compare to the second, the resolution of {@code Last-Modified}; a date that cannot
 * be parsed is ignored.
 */
public final class Preconditions {
    private Preconditions() {}

    /** What the preconditions allow. */
    public enum Outcome {
        /** Go on: answer the request. */
        PROCEED,
        /** 304: the client's copy is current. */
        NOT_MODIFIED,
        /** 412: a precondition failed. */
        PRECONDITION_FAILED
    }

    /**
     * Evaluates the preconditions of a {@code method} request with {@code headers} against a
     * representation whose validators are {@code etag} and {@code lastModified}.
     */
    public static Outcome evaluate(String method, Headers headers, EntityTag etag, Instant lastModified, Instant now) {
        EntityTag.Tags ifMatch = EntityTag.parseList(headers.get("If-Match"));
        if (ifMatch != null) {
            if (!ifMatch.any() && ifMatch.tags().stream().noneMatch(t -> t.strongMatch(etag))) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            Instant since = HttpDates.parse(headers.get("If-Unmodified-Since"), now);
            if (since != null && seconds(lastModified) > since.getEpochSecond()) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        boolean safe = method.equals("GET") || method.equals("HEAD");
        EntityTag.Tags ifNoneMatch = EntityTag.parseList(headers.get("If-None-Match"));
        if (ifNoneMatch != null) {
            if (ifNoneMatch.any() || ifNoneMatch.tags().stream().anyMatch(t -> t.weakMatch(etag))) {
                return safe ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
            }
        } else if (safe) {
            Instant since = HttpDates.parse(headers.get("If-Modified-Since"), now);
            if (since != null && seconds(lastModified) <= since.getEpochSecond()) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a {@code Range} may be honoured given {@code If-Range} (RFC 9110 section 13.1.5): yes
     * without one; with an entity tag, only when it matches {@code etag} strongly; with a date, only
     * when it is exactly {@code lastModified} (to the second). Anything else sends the whole.
     */
    public static boolean rangeApplies(Headers headers, EntityTag etag, Instant lastModified, Instant now) {
        String ifRange = headers.get("If-Range");
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            EntityTag tag = EntityTag.parse(v);
            return tag != null && tag.strongMatch(etag);
        }
        Instant date = HttpDates.parse(v, now);
        return date != null && date.getEpochSecond() == seconds(lastModified);
    }

    private static long seconds(Instant t) {
        return t.getEpochSecond();
    }
}
