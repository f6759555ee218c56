package dev.descent.cli;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

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
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    }
}
