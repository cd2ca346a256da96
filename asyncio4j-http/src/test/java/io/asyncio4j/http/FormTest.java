package io.asyncio4j.http;

import static io.asyncio4j.http.MultipartReaderTest.latin1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.net.StreamReader;
import io.asyncio4j.testing.AsyncioTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormTest {
    @TempDir
    Path temp;

    private List<Path> tempFiles() throws Exception {
        try (Stream<Path> s = Files.list(temp)) {
            return s.toList();
        }
    }

    // ---- urlencoded ----

    @Test
    void urlencodedPairsDecodePlusAndPercentAndKeepOrderAndRepeats() {
        Form form = Form.parseUrlencoded("a=1&b=x+y&b=%E2%82%AC&c=&d&=e&&f=%2B+%25&g=a=b");
        assertThat(form.get("a")).isEqualTo("1");
        assertThat(form.getAll("b")).containsExactly("x y", "\u20ac");
        assertThat(form.get("c")).isEmpty();
        assertThat(form.get("d")).as("a name without '=' has an empty value").isEmpty();
        assertThat(form.get("")).isEqualTo("e");
        assertThat(form.get("f")).isEqualTo("+ %");
        assertThat(form.get("g")).as("split at the first '='").isEqualTo("a=b");
        assertThat(form.get("missing")).isNull();
        assertThat(form.get("missing", "fallback")).isEqualTo("fallback");
        assertThat(form.names()).containsExactly("a", "b", "c", "d", "", "f", "g");
        assertThat(form.size()).isEqualTo(8);
        assertThat(form.toString()).isEqualTo("<Form(a='1', b='x y', b='\u20ac', c='', d='', ='e', f='+ %', g='a=b')>");
        assertThat(form.asMultiDict().getAll("b"))
                .containsExactly(new FormField.Text("b", "x y"), new FormField.Text("b", "\u20ac"));
        assertThat(form.fields()).containsExactlyElementsOf(form.asMultiDict().values());
        assertThat(Form.parseUrlencoded("").isEmpty()).isTrue();
        assertThat(Form.parseUrlencoded("&&&").isEmpty()).isTrue();
    }

    @Test
    void urlencodedInAnotherCharset() {
        Form form = Form.parseUrlencoded(latin1("name=caf%E9&raw=\u00e9"), StandardCharsets.ISO_8859_1);
        assertThat(form.get("name")).isEqualTo("caf\u00e9");
        assertThat(form.get("raw")).isEqualTo("\u00e9");
    }

    @Test
    void badPercentEscapesAreErrorsThatSayWhere() {
        assertThat(catchThrowable(() -> Form.parseUrlencoded("a=1&b=%zz")))
                .isInstanceOf(HttpParseException.class)
                .hasMessage("400 bad percent-escape \"%zz\" at byte 6 of the form data (in a field value of 'b'): '%'"
                        + " must be followed by two hex digits; a literal '%' is sent as %25");
        assertThat(catchThrowable(() -> Form.parseUrlencoded("a=%4")))
                .hasMessage("400 bad percent-escape \"%4\" at byte 2 of the form data (in a field value of 'a'): '%'"
                        + " must be followed by two hex digits; a literal '%' is sent as %25");
        assertThat(catchThrowable(() -> Form.parseUrlencoded("100%=x")))
                .hasMessage("400 bad percent-escape \"%\" at byte 3 of the form data (in a field name): '%' must be"
                        + " followed by two hex digits; a literal '%' is sent as %25");
        assertThat(catchThrowable(() -> Form.parseUrlencoded("a=%4%31")))
                .hasMessage("400 bad percent-escape \"%4%\" at byte 2 of the form data (in a field value of 'a'):"
                        + " '%' must be followed by two hex digits; a literal '%' is sent as %25");
    }

    @Test
    void bytesThatAreNotUtf8AreAnError() {
        assertThat(catchThrowable(() -> Form.parseUrlencoded("name=caf%E9")))
                .hasMessage("400 a field value of 'name' of the form data is not valid UTF-8 once percent-decoded;"
                        + " the client should send UTF-8 or declare its charset in Content-Type");
    }

    @Test
    void readTakesUrlencodedBodiesWithTheirCharsetAndLimits() {
        Form form =
                Form.read("application/x-www-form-urlencoded; charset=ISO-8859-1", BodySource.of(latin1("q=caf%E9")));
        assertThat(form.get("q")).isEqualTo("caf\u00e9");
        assertThat(Form.read(null, BodySource.of(latin1("a=1"))).get("a"))
                .as("no Content-Type: urlencoded, as aiohttp")
                .isEqualTo("1");
        MultipartLimits small = MultipartLimits.defaults().withMaxParts(2).withMaxFormMemory(10);
        assertThat(catchThrowable(() -> Form.read(null, BodySource.of(latin1("a&b&c")), small, null)))
                .hasMessage("413 the form has more than 2 fields");
        assertThat(catchThrowable(() -> Form.read(null, BodySource.of(latin1("a=123456789")), small, null)))
                .hasMessage("413 the form body is larger than 10 bytes (MultipartLimits.maxFormMemory)");
        assertThat(catchThrowable(() -> Form.read("application/json", BodySource.of(latin1("{}")))))
                .hasMessage("415 Content-Type application/json is not a form: a form is"
                        + " application/x-www-form-urlencoded or multipart/form-data");
    }

    // ---- multipart ----

    @Test
    void multipartFormKeepsTextInMemoryAndFilesInTemporaryFiles() throws Exception {
        String body = "--b\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "Hello\r\n"
                + "--b\r\n"
                + "Content-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "line 1\r\nline 2\r\n\r\n"
                + "--b\r\n"
                + "Content-Disposition: form-data; name=\"doc\"; filename=\"b.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "\u0000\u0001\u00ff\r\n"
                + "--b\r\n"
                + "Content-Disposition: form-data; name=\"none\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "Again\r\n"
                + "--b--\r\n";
        Form form = Form.read(
                "multipart/form-data; boundary=b",
                MultipartReaderTest.drip(latin1(body)),
                MultipartLimits.defaults(),
                temp);
        try (form) {
            assertThat(form.getAll("title")).containsExactly("Hello", "Again");
            assertThat(form.get("none"))
                    .as("no file chosen in a browser: an empty text field, as aiohttp")
                    .isEmpty();
            assertThat(form.file("none")).isNull();
            List<FormField.File> docs = form.files("doc");
            assertThat(docs).extracting(FormField.File::filename).containsExactly("a.txt", "b.bin");
            assertThat(docs)
                    .extracting(FormField.File::contentType)
                    .containsExactly("text/plain", "application/octet-stream");
            assertThat(docs).extracting(FormField.File::size).containsExactly(16L, 3L);
            assertThat(Files.readString(docs.get(0).path())).isEqualTo("line 1\r\nline 2\r\n");
            assertThat(Files.readAllBytes(docs.get(1).path())).containsExactly(0, 1, 0xff);
            assertThat(docs.get(0).path().getParent()).isEqualTo(temp);
            assertThat(form.file("doc")).isEqualTo(docs.get(0));
            assertThat(form.get("doc")).as("get() reads text fields only").isNull();
            assertThat(form.contains("doc")).isTrue();
            assertThat(form.fields())
                    .extracting(FormField::name)
                    .containsExactly("title", "doc", "doc", "none", "title");
            assertThat(form.toString())
                    .isEqualTo("<Form(title='Hello', doc=<file a.txt, 16 bytes>, doc=<file b.bin, 3 bytes>, none='',"
                            + " title='Again')>");
            assertThat(tempFiles()).hasSize(2);
        }
        assertThat(tempFiles()).as("close() deletes the temporary files").isEmpty();
        form.close();
    }

    @Test
    void charsetComesFromThePartThenTheCharsetFieldThenUtf8() {
        String body = "--b\r\n"
                + "Content-Disposition: form-data; name=\"_charset_\"\r\n\r\n"
                + "iso-8859-1\r\n"
                + "--b\r\n"
                + "Content-Disposition: form-data; name=\"latin\"\r\n\r\n"
                + "caf\u00e9\r\n"
                + "--b\r\n"
                + "Content-Disposition: form-data; name=\"utf8\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "caf\u00c3\u00a9\r\n"
                + "--b--";
        Form form = Form.read("multipart/form-data; boundary=b", BodySource.of(latin1(body)));
        assertThat(form.get("latin")).isEqualTo("caf\u00e9");
        assertThat(form.get("utf8")).isEqualTo("caf\u00e9");
        assertThat(form.get("_charset_")).isEqualTo("iso-8859-1");
    }

    @Test
    void filesOfANestedMixedPartTakeItsFieldName() throws Exception {
        try (Form form = Form.read(
                "multipart/form-data; boundary=AaB03x",
                BodySource.of(latin1(MultipartReaderTest.NESTED)),
                MultipartLimits.defaults(),
                temp)) {
            assertThat(form.get("submit-name")).isEqualTo("Larry");
            assertThat(form.files("files"))
                    .extracting(FormField.File::filename)
                    .containsExactly("file1.txt", "file2.gif");
            assertThat(Files.readString(form.files("files").get(1).path())).isEqualTo("...contents of file2.gif...");
        }
    }

    @Test
    void aPartWithoutANameIsAnError() {
        String body = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--";
        assertThat(catchThrowable(() -> Form.read("multipart/form-data; boundary=b", BodySource.of(latin1(body)))))
                .hasMessage("400 multipart part 1 has no name: a form's part carries Content-Disposition: form-data;"
                        + " name=\"...\"");
    }

    @Test
    void aFailureDeletesTheFilesWrittenSoFar() throws Exception {
        String body = "--b\r\n"
                + "Content-Disposition: form-data; name=\"a\"; filename=\"a.txt\"\r\n\r\n"
                + "12345\r\n"
                + "--b\r\n"
                + "Content-Disposition: form-data; name=\"b\"; filename=\"b.txt\"\r\n\r\n"
                + "123456\r\n"
                + "--b--";
        MultipartLimits limits = MultipartLimits.defaults().withMaxFileSize(5);
        assertThatThrownBy(
                        () -> Form.read("multipart/form-data; boundary=b", BodySource.of(latin1(body)), limits, temp))
                .isInstanceOf(HttpParseException.class)
                .hasMessage("413 file part 2 ('b') is larger than 5 bytes (MultipartLimits.maxFileSize)");
        assertThat(tempFiles()).isEmpty();

        String cut = body.substring(0, body.indexOf("123456"));
        assertThatThrownBy(() -> Form.read(
                        "multipart/form-data; boundary=b",
                        BodySource.of(latin1(cut)),
                        MultipartLimits.defaults(),
                        temp))
                .hasMessageContaining("the upload was cut short");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void textFieldsAreBoundedOneByOneAndInAll() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1234\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n5678\r\n--b--";
        MultipartLimits limits = MultipartLimits.defaults().withMaxFieldSize(4).withMaxFormMemory(7);
        assertThat(catchThrowable(
                        () -> Form.read("multipart/form-data; boundary=b", BodySource.of(latin1(body)), limits, temp)))
                .hasMessage("413 the form's text fields hold more than 7 bytes (MultipartLimits.maxFormMemory)");
        assertThat(catchThrowable(() -> Form.read(
                        "multipart/form-data; boundary=b",
                        BodySource.of(latin1(body)),
                        limits.withMaxFieldSize(3),
                        temp)))
                .hasMessage("413 multipart part 1 ('a') holds more than 3 bytes; read it in chunks, or raise"
                        + " MultipartLimits.maxFieldSize");
    }

    @AsyncioTest(autojumpThresholdMillis = 200)
    void aCancelledReadDeletesItsTemporaryFiles() throws Exception {
        StreamReader stream = new StreamReader();
        stream.feedData(latin1("--b\r\n"
                + "Content-Disposition: form-data; name=\"a\"; filename=\"a.txt\"\r\n\r\n"
                + "first file\r\n"
                + "--b\r\n"
                + "Content-Disposition: form-data; name=\"b\"; filename=\"b.txt\"\r\n\r\n"
                + "the second file has only begun"));
        Task<Form> reading = Asyncio.createTask(
                "reading",
                () -> Form.read(
                        "multipart/form-data; boundary=b", BodySource.of(stream), MultipartLimits.defaults(), temp));
        // Wait until the read is parked for the rest of the body, with both files created.
        for (int i = 0; i < 1000 && tempFiles().size() < 2; i++) {
            Asyncio.sleep(java.time.Duration.ofMillis(10));
        }
        assertThat(tempFiles()).hasSize(2);
        reading.cancel();
        assertThat(catchThrowable(reading::await)).isInstanceOf(CancelledError.class);
        assertThat(tempFiles()).isEmpty();
    }
}
