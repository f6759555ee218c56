package dev.descent.bench.report;

import dev.descent.bench.report.Row.Suite;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The report's charts, drawn with JFreeChart into SVG files (and a PNG of each). Each method returns the SVG's
 * file name, or null when there was nothing to draw.
 */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Charts() {
    }

    /** GEMM GFLOP/s against n: one line per backend and transpose variant, one per peer. */
    static String gemm(List<Row> rows, Path folder, double peakGflops) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.suite() == Suite.GEMM && !Double.isNaN(row.rate())) {
                String name = row.peer() ? row.backend() : row.backend() + " " + row.op().substring(5);
                series.computeIfAbsent(name, k -> new XYSeries(k, true, false)).addOrUpdate(row.sizeKey(), row.rate());
            }
        }
        if (series.isEmpty()) {
            return null;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("SGEMM, square n x n", "n", "GFLOP/s", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("n");
        x.setBase(2);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setDomainAxis(x);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        if (!Double.isNaN(peakGflops)) {
            ValueMarker peak = new ValueMarker(peakGflops, Color.GRAY, new java.awt.BasicStroke(1.5f));
            peak.setLabel("machine FMA peak (probe) " + Math.round(peakGflops) + " GFLOP/s");
            peak.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT);
            peak.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
            plot.addRangeMarker(peak);
        }
        style(chart);
        return write(chart, folder, "gemm.svg");
    }

    /** Training throughput per task: one bar per backend and peer, log scale. */
    static String training(List<Row> rows, Path folder) throws IOException {
        return bars(rows, folder, "training.svg", "Training throughput (train.py's recipe)",
                "samples/s (log scale)", r -> r.suite() == Suite.TRAINING && !r.op().contains("bare"), Row::op, true);
    }

    /** Memory-bound kernels and optimizer steps in GB/s, per op and size, one bar per backend. */
    static String bandwidth(List<Row> rows, Path folder) throws IOException {
        return bars(rows, folder, "bandwidth.svg", "Memory-bound kernels and optimizer steps", "GB/s",
                r -> "GB/s".equals(r.rateUnit()) && r.suite() != Suite.PROBE && !r.peer(),
                r -> r.op() + " " + r.size(), false);
    }

    private static String bars(List<Row> rows, Path folder, String file, String title, String axis,
                               Predicate<Row> keep, java.util.function.Function<Row, String> category, boolean log)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Row> kept = new ArrayList<>();
        for (Row row : rows) {
            if (keep.test(row) && !Double.isNaN(row.rate()) && row.rate() > 0) {
                kept.add(row);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        for (Row row : kept) {
            data.addValue(row.rate(), row.backend(), category.apply(row));
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, true, false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.02);
        if (log) {
            LogAxis y = new LogAxis(axis);
            y.setBase(10);
            y.setSmallestValue(100);
            y.setTickUnit(new NumberTickUnit(1));     // one tick per power of ten (log axes tick in exponents)
            y.setNumberFormatOverride(new DecimalFormat("#,##0"));
            plot.setRangeAxis(y);
            renderer.setBase(100);
        }
        CategoryAxis x = plot.getDomainAxis();
        if (data.getColumnCount() > 4) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        style(chart);
        return write(chart, folder, file);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF7F7F7));
    }

    private static String write(JFreeChart chart, Path folder, String file) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        Files.writeString(folder.resolve(file), g.getSVGDocument());
        // a PNG twin for viewers without SVG support
        ChartUtils.saveChartAsPNG(folder.resolve(file.replace(".svg", ".png")).toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
