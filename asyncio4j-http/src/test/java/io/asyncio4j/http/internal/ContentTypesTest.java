package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentTypesTest {
    @Test
    void byExtensionWithTextDeclaredUtf8() {
        assertThat(ContentTypes.of("index.html")).isEqualTo("text/html; charset=utf-8");
        assertThat(ContentTypes.of("APP.JS")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(ContentTypes.of("a.json")).isEqualTo("application/json");
        assertThat(ContentTypes.of("logo.svg")).isEqualTo("image/svg+xml");
        assertThat(ContentTypes.of("font.woff2")).isEqualTo("font/woff2");
        assertThat(ContentTypes.of("archive.tar.gz")).isEqualTo("application/gzip");
        assertThat(ContentTypes.of("README")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.of("x.unknownext")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.of("photo.tiff")).as("from the JDK's table").isEqualTo("image/tiff");
    }

    @Test
    void theMediaTypeAloneHasNoCharset() {
        assertThat(ContentTypes.mediaType("index.html")).isEqualTo("text/html");
        assertThat(ContentTypes.mediaType("font.woff2")).isEqualTo("font/woff2");
        assertThat(ContentTypes.mediaType("README")).isEqualTo("application/octet-stream");
    }
}
