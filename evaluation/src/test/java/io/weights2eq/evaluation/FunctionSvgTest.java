package io.weights2eq.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FunctionSvgTest {

    static Document xml(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> elements(Document doc, String tag, String cls) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    static List<String> texts(Document doc, String cls) {
        return elements(doc, "text", cls).stream().map(Element::getTextContent).toList();
    }

    static int fill(Element e) {
        return Integer.parseInt(e.getAttribute("fill").substring(1), 16);
    }

    @Test
    void curvesDrawEverySeriesOverTheDomainWithItsEndsOnTheAxis() throws Exception {
        Map<String, DoubleUnaryOperator> decoded = new LinkedHashMap<>();
        decoded.put("analytic", Math::sqrt);
        decoded.put("hybrid", x -> 0.5 * x);
        String svg = FunctionSvg.curves(
                "nguyen-8: sqrt(x) & <more>", new Interval(0, 4), Math::sqrt, x -> Math.sqrt(x) + 0.01, decoded);
        Document doc = xml(svg); // well-formed, the title's & and < escaped
        List<String> series = elements(doc, "path", "series").stream()
                .map(e -> e.getAttribute("data-series"))
                .toList();
        assertEquals(List.of("truth", "network", "analytic", "hybrid"), series);
        assertEquals(List.of("truth", "network", "analytic", "hybrid"), texts(doc, "legend"));
        assertEquals(List.of("0", "4"), texts(doc, "x-axis"));
        assertEquals("nguyen-8: sqrt(x) & <more>", texts(doc, "title").get(0));
        String truth = elements(doc, "path", "series").get(0).getAttribute("d");
        assertEquals(FunctionSvg.CURVE_POINTS, truth.split("[ML]").length - 1, "one point per x");
    }

    @Test
    void aCurveBreaksWhereItsFunctionIsNotFinite() throws Exception {
        Document doc =
                xml(FunctionSvg.curves("t", new Interval(-1, 1), x -> x, x -> x, Map.of("log", x -> Math.log(x))));
        String d = elements(doc, "path", "series").get(2).getAttribute("d");
        assertTrue(d.startsWith("M"), d);
        assertEquals(1, d.split("M").length - 1, "only x > 0 is drawn, in one piece");
        assertEquals(FunctionSvg.CURVE_POINTS / 2, d.split("[ML]").length - 1);
    }

    @Test
    void theColourScaleGetsLighterAsTheValueRises() {
        double last = -1;
        for (int k = 0; k <= 100; k++) {
            double l = FunctionSvg.luminance(FunctionSvg.colour(k / 100.0));
            assertTrue(l > last, "luminance at " + k / 100.0 + ": " + l + " after " + last);
            last = l;
        }
    }

    @Test
    void surfacesShareOneMonotoneScaleAndLabelTheDomain() throws Exception {
        DoubleBinaryOperator plane = (a, b) -> a + 10 * b;
        Document doc = xml(FunctionSvg.surfaces(
                "nguyen-12",
                new InputDomain(List.of(new Interval(0, 1), new Interval(-2, 3))),
                plane,
                plane,
                Map.of("analytic", (a, b) -> 2 * a)));
        List<Element> panels = elements(doc, "g", "panel");
        assertEquals(
                List.of("truth", "network", "analytic"),
                panels.stream().map(e -> e.getAttribute("data-series")).toList());
        for (Element panel : panels) {
            assertEquals(
                    FunctionSvg.GRID * FunctionSvg.GRID,
                    panel.getElementsByTagName("rect").getLength());
        }
        List<String> x = texts(doc, "x-axis");
        List<String> y = texts(doc, "y-axis");
        assertEquals(List.of("0", "1", "0", "1", "0", "1"), x);
        assertEquals(List.of("-2", "3", "-2", "3", "-2", "3"), y);
        assertEquals(List.of("x1", "x1", "x1"), texts(doc, "x-title"));

        List<Element> scale = elements(doc, "rect", "scale");
        assertEquals(FunctionSvg.COLOUR_STEPS, scale.size());
        for (int k = 1; k < scale.size(); k++) {
            assertTrue(Double.parseDouble(scale.get(k).getAttribute("data-value"))
                    > Double.parseDouble(scale.get(k - 1).getAttribute("data-value")));
            assertTrue(FunctionSvg.luminance(fill(scale.get(k))) > FunctionSvg.luminance(fill(scale.get(k - 1))));
        }
        // the scale spans truth and network: x1 + 10 x2 over the cell centres
        double lo = 0.5 / FunctionSvg.GRID + 10 * (-2 + 5 * 0.5 / FunctionSvg.GRID);
        double hi = (1 - 0.5 / FunctionSvg.GRID) + 10 * (3 - 5 * 0.5 / FunctionSvg.GRID);
        assertEquals(List.of(FunctionSvg.label(lo), FunctionSvg.label(hi)), texts(doc, "scale-label"));

        // the truth's cells get lighter along x2 (its steep direction), in the truth panel's own cells
        List<Element> cells = new ArrayList<>();
        NodeList rects = panels.get(0).getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element cell = (Element) rects.item(i);
            if (cell.getAttribute("data-i").equals("0")) {
                cells.add(cell);
            }
        }
        for (int j = 1; j < cells.size(); j++) {
            assertTrue(FunctionSvg.luminance(fill(cells.get(j))) > FunctionSvg.luminance(fill(cells.get(j - 1))));
            assertTrue(
                    Double.parseDouble(cells.get(j).getAttribute("y"))
                            < Double.parseDouble(cells.get(j - 1).getAttribute("y")),
                    "x2 grows upwards");
        }
    }

    @Test
    void surfacesNeedTwoInputsAndDistinctNames() {
        DoubleBinaryOperator f = (a, b) -> a;
        IllegalArgumentException one = assertThrows(
                IllegalArgumentException.class, () -> FunctionSvg.surfaces("t", InputDomain.unit(1), f, f, Map.of()));
        assertTrue(one.getMessage().startsWith("domain: surfaces need 2 inputs"), one.getMessage());
        IllegalArgumentException named = assertThrows(
                IllegalArgumentException.class,
                () -> FunctionSvg.surfaces("t", InputDomain.unit(2), f, f, Map.of("truth", f)));
        assertTrue(named.getMessage().contains("truth"), named.getMessage());
    }

    @Test
    void labelsAreShortPlainNumbers() {
        assertEquals("4", FunctionSvg.label(4.0));
        assertEquals("-0.5", FunctionSvg.label(-0.5));
        assertEquals("0.3333", FunctionSvg.label(1.0 / 3));
        assertEquals("0", FunctionSvg.label(-0.0));
        assertEquals("12350", FunctionSvg.label(12345.6));
    }
}
