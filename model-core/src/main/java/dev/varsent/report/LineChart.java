package dev.varsent.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A PNG line chart of named (x, y) series, drawn with java.awt off screen: learning curves and the
 * like.
 *
 * <pre>{@code
 * new LineChart("Learning curves", "epoch", "RMSE")
 *         .series("train", epochs, trainRmse)
 *         .series("test", epochs, testRmse)
 *         .writePng(Path.of("curves.png"), 900, 560);
 * }</pre>
 *
 * Non-finite points (NaN, infinities) are skipped and the line joins the finite points around them,
 * so a series evaluated only every few epochs can be given NaN in between. A series with a single
 * finite point shows as a marker.
 */
public final class LineChart {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Series colours in order (Tableau 10), distinguishable for most colour-blind readers. */
    public static final List<Color> PALETTE =
            List.of(
                    new Color(0x1F77B4),
                    new Color(0xFF7F0E),
                    new Color(0x2CA02C),
                    new Color(0xD62728),
                    new Color(0x9467BD),
                    new Color(0x8C564B),
                    new Color(0xE377C2),
                    new Color(0x7F7F7F),
                    new Color(0xBCBD22),
                    new Color(0x17BECF));

    private static final Color GRID = new Color(0xE6E6E6);
    private static final Color AXIS = new Color(0x404040);
    private static final Color TEXT = new Color(0x202020);
    private static final int TARGET_TICKS = 6;

    private record Series(String name, double[] xs, double[] ys, Color colour) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = Objects.requireNonNull(title, "title");
        this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
        this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
    }

    /** Adds a series in the next palette colour. */
    public LineChart series(String name, double[] xs, double[] ys) {
        return series(name, xs, ys, PALETTE.get(series.size() % PALETTE.size()));
    }

    /** Adds a series in the given colour. */
    public LineChart series(String name, double[] xs, double[] ys, Color colour) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(colour, "colour");
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(
                    "series '"
                            + name
                            + "': "
                            + xs.length
                            + " x values but "
                            + ys.length
                            + " y values");
        }
        series.add(new Series(name, xs.clone(), ys.clone(), colour));
        return this;
    }

    /** Adds a series whose x values are 1, 2, ..., n (epochs). */
    public LineChart series(String name, double[] ys) {
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i + 1;
        }
        return series(name, xs, ys);
    }

    /** The colour series {@code index} is drawn in. */
    public Color colour(int index) {
        return series.get(index).colour();
    }

    public void writePng(Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(render(width, height), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    public BufferedImage render(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart too small: " + width + "x" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            draw(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void draw(Graphics2D g, int width, int height) {
        int base = Math.max(11, Math.min(width, height) / 45);
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, base);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, base + 2);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, base + 5);

        NiceScale xScale = scale(true);
        NiceScale yScale = scale(false);
        List<Double> xTicks = xScale.ticks();
        List<Double> yTicks = yScale.ticks();

        FontMetrics tickMetrics = g.getFontMetrics(tickFont);
        int yTickWidth = 0;
        for (double t : yTicks) {
            yTickWidth = Math.max(yTickWidth, tickMetrics.stringWidth(yScale.label(t)));
        }
        int pad = base;
        int titleHeight = g.getFontMetrics(titleFont).getHeight();
        int labelHeight = g.getFontMetrics(labelFont).getHeight();
        int left = pad + labelHeight + pad / 2 + yTickWidth + pad / 2;
        int right = width - pad - tickMetrics.stringWidth(xScale.label(xScale.max())) / 2;
        int top = pad + titleHeight + pad / 2;
        int bottom = height - pad - labelHeight - pad / 2 - tickMetrics.getHeight() - pad / 2;
        Plot plot = new Plot(left, top, right - left, bottom - top, xScale, yScale);

        g.setColor(TEXT);
        g.setFont(titleFont);
        centre(g, title, width / 2, pad + g.getFontMetrics().getAscent());

        g.setFont(tickFont);
        g.setStroke(new BasicStroke(1f));
        for (double t : yTicks) {
            int y = (int) Math.round(plot.py(t));
            g.setColor(GRID);
            g.drawLine(plot.left, y, plot.left + plot.width, y);
            g.setColor(TEXT);
            String s = yScale.label(t);
            g.drawString(
                    s,
                    plot.left - pad / 2 - tickMetrics.stringWidth(s),
                    y + (tickMetrics.getAscent() - tickMetrics.getDescent()) / 2);
        }
        for (double t : xTicks) {
            int x = (int) Math.round(plot.px(t));
            g.setColor(GRID);
            g.drawLine(x, plot.top, x, plot.top + plot.height);
            g.setColor(TEXT);
            centre(
                    g,
                    xScale.label(t),
                    x,
                    plot.top + plot.height + pad / 2 + tickMetrics.getAscent());
        }
        g.setColor(AXIS);
        g.drawRect(plot.left, plot.top, plot.width, plot.height);

        g.setColor(TEXT);
        g.setFont(labelFont);
        centre(
                g,
                xLabel,
                plot.left + plot.width / 2,
                height - pad - g.getFontMetrics().getDescent());
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centre(g, yLabel, -(plot.top + plot.height / 2), pad + g.getFontMetrics().getAscent());
        g.setTransform(saved);

        // The scales cover every finite point, so nothing falls outside the frame and no clip is
        // needed:
        // a marker on the frame stays whole.
        float lineWidth = Math.max(2f, base / 6f);
        for (Series s : series) {
            drawSeries(g, plot, s, lineWidth);
        }
        if (!series.isEmpty()) {
            drawLegend(g, plot, tickFont, lineWidth);
        }
    }

    private void drawSeries(Graphics2D g, Plot plot, Series s, float lineWidth) {
        Path2D.Double line = new Path2D.Double();
        int points = 0;
        for (int i = 0; i < s.xs().length; i++) {
            if (!finite(s.xs()[i], s.ys()[i])) {
                continue;
            }
            double x = plot.px(s.xs()[i]);
            double y = plot.py(s.ys()[i]);
            if (points++ == 0) {
                line.moveTo(x, y);
            } else {
                line.lineTo(x, y);
            }
        }
        g.setColor(s.colour());
        g.setStroke(new BasicStroke(lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line);
        // Markers only while they stay apart; a lone point needs one to be seen at all.
        if (points == 1 || points <= plot.width / 12) {
            double r = lineWidth + 1.5;
            for (int i = 0; i < s.xs().length; i++) {
                if (finite(s.xs()[i], s.ys()[i])) {
                    double x = plot.px(s.xs()[i]);
                    double y = plot.py(s.ys()[i]);
                    g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                }
            }
        }
    }

    private void drawLegend(Graphics2D g, Plot plot, Font font, float lineWidth) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        int swatch = m.getHeight() * 2;
        int gap = m.getHeight() / 2;
        int textWidth = 0;
        for (Series s : series) {
            textWidth = Math.max(textWidth, m.stringWidth(s.name()));
        }
        int boxWidth = gap + swatch + gap + textWidth + gap;
        int boxHeight = gap + series.size() * m.getHeight() + gap / 2;
        int x0 = plot.left + plot.width - boxWidth - gap;
        int y0 = plot.top + gap;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(x0, y0, boxWidth, boxHeight);
        g.setColor(GRID.darker());
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, boxWidth, boxHeight);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int rowTop = y0 + gap / 2 + i * m.getHeight();
            int midY = rowTop + m.getHeight() / 2;
            g.setColor(s.colour());
            int thickness = Math.round(lineWidth) + 1;
            g.fillRect(x0 + gap, midY - thickness / 2, swatch, thickness);
            g.setColor(TEXT);
            g.drawString(s.name(), x0 + gap + swatch + gap, rowTop + m.getAscent());
        }
    }

    private NiceScale scale(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                if (finite(s.xs()[i], s.ys()[i])) {
                    double v = xAxis ? s.xs()[i] : s.ys()[i];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        return NiceScale.covering(lo, hi, TARGET_TICKS);
    }

    private static boolean finite(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y);
    }

    private static void centre(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    private record Plot(int left, int top, int width, int height, NiceScale x, NiceScale y) {
        double px(double value) {
            return left + (value - x.min()) / (x.max() - x.min()) * width;
        }

        double py(double value) {
            return top + height - (value - y.min()) / (y.max() - y.min()) * height;
        }
    }
}
