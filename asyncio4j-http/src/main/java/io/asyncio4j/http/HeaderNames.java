package io.asyncio4j.http;

/**
 * Common header names, spelled as RFC 9110 and the IANA registry spell them. The parser hands out
 * these very {@code String} instances (or their lower-case twins) for fields it recognises, so a
 * typical message allocates no name strings; lookups in {@link Headers} ignore case either way.
 */
public final class HeaderNames {
    private HeaderNames() {}

    /** {@code Accept}. */
    public static final String ACCEPT = "Accept";
    /** {@code Accept-Charset}. */
    public static final String ACCEPT_CHARSET = "Accept-Charset";
    /** {@code Accept-Encoding}. */
    public static final String ACCEPT_ENCODING = "Accept-Encoding";
    /** {@code Accept-Language}. */
    public static final String ACCEPT_LANGUAGE = "Accept-Language";
    /** {@code Accept-Ranges}. */
    public static final String ACCEPT_RANGES = "Accept-Ranges";
    /** {@code Access-Control-Allow-Origin}. */
    public static final String ACCESS_CONTROL_ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    /** {@code Age}. */
    public static final String AGE = "Age";
    /** {@code Allow}. */
    public static final String ALLOW = "Allow";
    /** {@code Authorization}. */
    public static final String AUTHORIZATION = "Authorization";
    /** {@code Cache-Control}. */
    public static final String CACHE_CONTROL = "Cache-Control";
    /** {@code Connection}. */
    public static final String CONNECTION = "Connection";
    /** {@code Content-Disposition}. */
    public static final String CONTENT_DISPOSITION = "Content-Disposition";
    /** {@code Content-Encoding}. */
    public static final String CONTENT_ENCODING = "Content-Encoding";
    /** {@code Content-Language}. */
    public static final String CONTENT_LANGUAGE = "Content-Language";
    /** {@code Content-Length}. */
    public static final String CONTENT_LENGTH = "Content-Length";
    /** {@code Content-Location}. */
    public static final String CONTENT_LOCATION = "Content-Location";
    /** {@code Content-Range}. */
    public static final String CONTENT_RANGE = "Content-Range";
    /** {@code Content-Type}. */
    public static final String CONTENT_TYPE = "Content-Type";
    /** {@code Cookie}. */
    public static final String COOKIE = "Cookie";
    /** {@code Date}. */
    public static final String DATE = "Date";
    /** {@code ETag}. */
    public static final String ETAG = "ETag";
    /** {@code Expect}. */
    public static final String EXPECT = "Expect";
    /** {@code Expires}. */
    public static final String EXPIRES = "Expires";
    /** {@code Forwarded}. */
    public static final String FORWARDED = "Forwarded";
    /** {@code Host}. */
    public static final String HOST = "Host";
    /** {@code If-Match}. */
    public static final String IF_MATCH = "If-Match";
    /** {@code If-Modified-Since}. */
    public static final String IF_MODIFIED_SINCE = "If-Modified-Since";
    /** {@code If-None-Match}. */
    public static final String IF_NONE_MATCH = "If-None-Match";
    /** {@code If-Range}. */
    public static final String IF_RANGE = "If-Range";
    /** {@code If-Unmodified-Since}. */
    public static final String IF_UNMODIFIED_SINCE = "If-Unmodified-Since";
    /** {@code Keep-Alive}. */
    public static final String KEEP_ALIVE = "Keep-Alive";
    /** {@code Last-Modified}. */
    public static final String LAST_MODIFIED = "Last-Modified";
    /** {@code Link}. */
    public static final String LINK = "Link";
    /** {@code Location}. */
    public static final String LOCATION = "Location";
    /** {@code Origin}. */
    public static final String ORIGIN = "Origin";
    /** {@code Pragma}. */
    public static final String PRAGMA = "Pragma";
    /** {@code Proxy-Authenticate}. */
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    /** {@code Proxy-Authorization}. */
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    /** {@code Range}. */
    public static final String RANGE = "Range";
    /** {@code Referer}. */
    public static final String REFERER = "Referer";
    /** {@code Retry-After}. */
    public static final String RETRY_AFTER = "Retry-After";
    /** {@code Sec-WebSocket-Accept}. */
    public static final String SEC_WEBSOCKET_ACCEPT = "Sec-WebSocket-Accept";
    /** {@code Sec-WebSocket-Extensions}. */
    public static final String SEC_WEBSOCKET_EXTENSIONS = "Sec-WebSocket-Extensions";
    /** {@code Sec-WebSocket-Key}. */
    public static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    /** {@code Sec-WebSocket-Protocol}. */
    public static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    /** {@code Sec-WebSocket-Version}. */
    public static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    /** {@code Server}. */
    public static final String SERVER = "Server";
    /** {@code Set-Cookie}. */
    public static final String SET_COOKIE = "Set-Cookie";
    /** {@code Strict-Transport-Security}. */
    public static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";
    /** {@code TE}. */
    public static final String TE = "TE";
    /** {@code Trailer}. */
    public static final String TRAILER = "Trailer";
    /** {@code Transfer-Encoding}. */
    public static final String TRANSFER_ENCODING = "Transfer-Encoding";
    /** {@code Upgrade}. */
    public static final String UPGRADE = "Upgrade";
    /** {@code Upgrade-Insecure-Requests}. */
    public static final String UPGRADE_INSECURE_REQUESTS = "Upgrade-Insecure-Requests";
    /** {@code User-Agent}. */
    public static final String USER_AGENT = "User-Agent";
    /** {@code Vary}. */
    public static final String VARY = "Vary";
    /** {@code Via}. */
    public static final String VIA = "Via";
    /** {@code WWW-Authenticate}. */
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    /** {@code X-Forwarded-For}. */
    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    /** {@code X-Forwarded-Host}. */
    public static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    /** {@code X-Forwarded-Proto}. */
    public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    /** {@code X-Requested-With}. */
    public static final String X_REQUESTED_WITH = "X-Requested-With";
}
