package io.asyncio4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.testing.TestLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenTest {
    @Test
    void aPlainScreenPrintsTheLiveAreaOnceInItsFinalState() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Screen screen = Screen.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        int[] progress = {0};
        TestLoop.run(() -> {
            screen.println(screen.bold("title"));
            screen.show(() -> List.of("progress " + progress[0]));
            for (int i = 1; i <= 3; i++) {
                progress[0] = i;
                screen.draw();
            }
            screen.done();
            screen.println("after");
            return null;
        });
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly("title", "progress 3", "after");
    }

    @Test
    void barsFillInProportion() {
        Screen ascii = Screen.plain(System.out, false);
        assertThat(ascii.bar(0.5, 10)).isEqualTo("[#####.....]");
        assertThat(ascii.bar(1.5, 4)).isEqualTo("[####]");
        Screen unicode = Screen.plain(System.out, true);
        assertThat(unicode.bar(0.5, 4)).isEqualTo("|██  |");
        assertThat(unicode.bar(0.0625, 2)).isEqualTo("|▏ |");
    }

    @Test
    void stripRemovesAnsiEscapes() {
        assertThat(Screen.strip("\u001b[1mbold\u001b[0m and \u001b[32;48;5;236mbar\u001b[0m"))
                .isEqualTo("bold and bar");
    }
}
