package dev.descent.cli;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Rectangle;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The {@code --plot} chart: mean training loss per epoch, drawn by JFreeChart and rendered to SVG by JFreeSVG. */
final class LossPlot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;

    private LossPlot() {
    }

    static byte[] svg(List<Double> lossHistory, String title) {
        System.setProperty("java.awt.headless", "true");
        XYSeries series = new XYSeries("training loss");
        for (int i = 0; i < lossHistory.size(); i++) {
            series.add(i + 1, lossHistory.get(i));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "mean training loss",
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        double min = lossHistory.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(0);
        double max = lossHistory.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (min > 0 && max / min > 100) {
            // A loss that falls by orders of magnitude is only readable on a log scale.
            LogAxis axis = new LogAxis("mean training loss (log scale)");
            axis.setSmallestValue(min / 2);
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());  // whole powers of ten
            axis.setNumberFormatOverride(new java.text.DecimalFormat("0.###E0"));
            plot.setRangeAxis(axis);
        }
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    }
}
