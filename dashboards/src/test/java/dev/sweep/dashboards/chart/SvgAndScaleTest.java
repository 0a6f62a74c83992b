package dev.sweep.dashboards.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sweep.dashboards.svg.Fmt;
import dev.sweep.dashboards.svg.Scale;
import dev.sweep.dashboards.svg.Svg;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgAndScaleTest {

    @Test
    void numbersReadShortAndStable() {
        assertEquals("0.001", Fmt.num(1e-3));
        assertEquals("1e-4", Fmt.num(1e-4));
        assertEquals("2.5e-5", Fmt.num(2.5e-5));
        assertEquals("0.9123", Fmt.num(0.91234567));
        assertEquals("1.235e5", Fmt.num(123456.0));
        assertEquals("32", Fmt.value(32L));
        assertEquals("12.5", Fmt.coord(12.4999));
        assertEquals("-3", Fmt.coord(-3.0));
        assertEquals("1h 02m", Fmt.duration(3720));
        assertEquals("NaN", Fmt.num(Double.NaN));
    }

    @Test
    void linearTicksAreRoundAndInsideTheNiceDomain() {
        Scale s = Scale.linear(0.683, 0.917, 300, 0, true);
        List<Double> ticks = s.ticks(5);
        assertEquals(List.of(0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95), ticks);
        assertEquals(300, s.apply(0.65), 1e-9);
        assertEquals(0, s.apply(0.95), 1e-9);
    }

    @Test
    void logScaleTicksAtPowersOfTen() {
        Scale s = Scale.log(1e-5, 1e-2, 0, 300);
        assertEquals(List.of(1e-5, 1e-4, 1e-3, 1e-2), s.ticks(5));
        assertEquals(100, s.apply(1e-4), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scale.log(0, 1, 0, 1));
        assertEquals("0 < low <= high must hold for a log scale, but got (low=0.0, high=1.0)", e.getMessage());
    }

    @Test
    void textAndAttributesAreEscaped() {
        Svg svg = new Svg(10, 10, "c", "a \"quoted\" <label>");
        svg.text(1, 2, "</svg><script>x</script>", "data-x", "'&'");
        String out = svg.finish();
        assertEquals("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" width=\"10\" height=\"10\""
                + " class=\"c\" role=\"img\" aria-label=\"a &quot;quoted&quot; &lt;label&gt;\"><text x=\"1\" y=\"2\""
                + " data-x=\"&#39;&amp;&#39;\">&lt;/svg&gt;&lt;script&gt;x&lt;/script&gt;</text></svg>", out);
    }
}
