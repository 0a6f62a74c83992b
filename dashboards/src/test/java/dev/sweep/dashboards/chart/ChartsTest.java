package dev.sweep.dashboards.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.Goal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Every chart is well-formed XML and carries its numbers; names with markup in them are escaped. */
class ChartsTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static NodeList select(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
    }

    @Test
    void heatmapStarsAndOutlinesTheBestCellOnly() throws Exception {
        List<Heatmap.Cell> cells = List.of(new Heatmap.Cell(0, 0, 0.5, 0.1, 3, 0, 0, false),
                new Heatmap.Cell(1, 0, 0.2, Double.NaN, 1, 2, 1, true));
        String svg = new HeatmapChart().render(new Heatmap("loss", Goal.MINIMIZE, "x", "y", List.of("a", "b"),
                List.of("<y>"), cells));
        Document d = parse(svg);
        assertEquals("b", select(d, "//g[@class='cell best']/@data-x").item(0).getNodeValue());
        assertEquals("<y>", select(d, "//g[@class='cell best']/@data-y").item(0).getNodeValue());
        assertEquals(1, select(d, "//rect[@class='best-outline']").getLength());
        assertEquals("★ 0.2", select(d, "//g[@class='cell best']/text[@class='cell-mean']").item(0).getTextContent());
        assertEquals("n=1", select(d, "//g[@class='cell best']/text[@class='cell-sub']").item(0).getTextContent(),
                "no ± for a single trial");
        assertTrue(select(d, "//g[@class='cell best']/title").item(0).getTextContent().contains("2 pruned, 1 failed"));
    }

    @Test
    void heatmapRejectsCellsOutsideTheGrid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Heatmap("m",
                Goal.MAXIMIZE, "x", "y", List.of("a"), List.of("b"),
                List.of(new Heatmap.Cell(1, 0, 1, 0, 1, 0, 0, false))));
        assertTrue(e.getMessage().contains("(x=1, y=0)"), e.getMessage());
    }

    @Test
    void barsStartAtZeroWhenTheDataIsNearZeroAndSaySoOtherwise() throws Exception {
        Comparison near = new Comparison("loss", Goal.MINIMIZE, "opt", List.of(
                new Comparison.Group("a", 0.2, 0.05, 3, 0.15, 0, 0, true, Double.NaN),
                new Comparison.Group("b", 1.0, 0.1, 3, 0.9, 0, 0, false, 0.004)));
        String s = new BarChart().render(near);
        parse(s);
        assertTrue(s.contains("data-value=\"0.0\""), "a tick at zero");
        assertTrue(!s.contains("axis does not start at 0"));
        assertTrue(s.contains(">p=0.004</text>"), "the paired test's p-value under the bar");
        Comparison far = new Comparison("acc", Goal.MAXIMIZE, "opt", List.of(
                new Comparison.Group("a", 0.90, 0.01, 3, 0.91, 0, 0, false, 0.04),
                new Comparison.Group("b", 0.92, 0.01, 3, 0.93, 0, 0, true, Double.NaN)));
        String f = new BarChart().render(far);
        assertTrue(f.contains("axis does not start at 0"));
        assertEquals("b", select(parse(f), "//g[@class='bar best']/@data-label").item(0).getNodeValue());
    }

    @Test
    void historyDrawsOneDotPerTrialOrOnePathBeyondTheTooltipLimit() throws Exception {
        List<History.Point> few = List.of(new History.Point(0, 3.0, true, 3.0), new History.Point(1, 1.0, true, 1.0),
                new History.Point(2, 2.0, false, 1.0));
        Document d = parse(new HistoryChart().render(new History("value", Goal.MINIMIZE, few)));
        assertEquals(3, select(d, "//g[@class='dots']/circle").getLength());
        assertEquals("1", select(d, "//g[@class='best-marker']/@data-trial").item(0).getNodeValue());
        List<History.Point> many = new java.util.ArrayList<>();
        for (int i = 0; i < HistoryChart.DOTS_WITH_TOOLTIPS + 1; i++) {
            many.add(new History.Point(i, i, true, 0));
        }
        Document m = parse(new HistoryChart().render(new History("value", Goal.MINIMIZE, many)));
        assertEquals(0, select(m, "//g[@class='dots']/circle").getLength());
        String path = select(m, "//path[@class='dotpath']/@d").item(0).getNodeValue();
        assertEquals(many.size(), path.split("M").length - 1, "one dot per trial in the compact path");
    }

    @Test
    void parallelCoordinatesDrawsOneLinePerTrialAndLabelsCategories() throws Exception {
        Parallel p = new Parallel("acc", Goal.MAXIMIZE, List.of(new Parallel.Dim("lr", null, true),
                new Parallel.Dim("opt", List.of("adam", "sgd"), false)), List.of(
                new Parallel.Line(0, Map.of("lr", 1e-4, "opt", "adam"), 0.8),
                new Parallel.Line(1, Map.of("lr", 1e-2, "opt", "sgd"), 0.9)));
        Document d = parse(new ParallelChart().render(p));
        assertEquals(2, select(d, "//polyline").getLength());
        assertEquals(3, select(d, "//polyline[@data-trial='1']/@points").item(0).getNodeValue().split(" ").length);
        assertTrue(new ParallelChart().render(p).contains(">sgd</text>"));
    }

    @Test
    void emptyDataSaysWhy() throws Exception {
        String s = new ImportanceChart().render(new Importance("acc", "forest", List.of(), null));
        parse(s);
        assertTrue(s.contains("Importance needs several finished trials."));
        assertTrue(new HistoryChart().render(new History("acc", Goal.MAXIMIZE, List.of())).contains("No trial"));
    }
}
