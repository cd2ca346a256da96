package io.asyncio4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BarChartTest {
    @Test
    void oneBarPerPeerAndFigureWithTheRatioOfTheMedians() {
        Medians m = new Medians();
        m.put("W1 n=1000", "asyncio4j", "wall_s", 2.0);
        m.put("W1 n=1000", "asyncio", "wall_s", 24.0);
        m.put("W1 n=1000", "node", "wall_s", 1.0);
        m.put("W1 n=1000", "asyncio4j", "rss_mb", 100);

        List<BarChart.Group> groups = BarChart.groups(
                List.of(Fixtures.w1()), List.of(Fixtures.ASYNCIO4J, Fixtures.CPYTHON, Fixtures.NODE), m);

        // rss_mb has no peer value, so no group
        assertThat(groups)
                .containsExactly(new BarChart.Group(
                        "W1 n=1000 wall (s)",
                        List.of(new BarChart.Bar("CPython asyncio", 12.0), new BarChart.Bar("Node.js", 0.5))));
    }

    @Test
    void svgDrawsEveryBarLabelledWithItsRatioAndEscapesText() {
        List<BarChart.Group> groups =
                List.of(new BarChart.Group("W1 <n>", List.of(new BarChart.Bar("A", 12.0), new BarChart.Bar("B", 0.5))));

        String svg = BarChart.svg("title & co", "sub", List.of("A", "B"), groups);

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
        assertThat(Pattern.compile("<title>").matcher(svg).results().count()).isEqualTo(2);
        assertThat(svg).contains("<title>A: 12×</title>", "<title>B: 0.50×</title>", "title &amp; co", "W1 &lt;n&gt;");
        // decades from 0.1× to 100× frame the data, parity drawn in black
        assertThat(svg).contains(">0.1×<", ">1×<", ">10×<", ">100×<", "stroke=\"#000000\"");
        assertThat(svg).doesNotContain(">1000×<", ">0.01×<");
    }

    @Test
    void decadeLabelsAreWholePowersOfTen() {
        assertThat(BarChart.decade(-2)).isEqualTo("0.01×");
        assertThat(BarChart.decade(0)).isEqualTo("1×");
        assertThat(BarChart.decade(3)).isEqualTo("1000×");
    }
}
