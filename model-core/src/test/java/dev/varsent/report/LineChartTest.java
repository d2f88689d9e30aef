package dev.varsent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    @TempDir Path dir;

    @Test
    void writesAPngWithEverySeriesInItsOwnColour() throws Exception {
        double[] epochs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] train = {1.20, 1.02, 0.95, 0.90, 0.86, 0.83, 0.81, 0.79, 0.78, 0.77};
        double[] test = {1.25, 1.08, Double.NaN, 0.97, 0.95, Double.NaN, 0.93, 0.93, 0.92, 0.92};
        LineChart chart =
                new LineChart("Learning curves", "epoch", "RMSE")
                        .series("train", epochs, train)
                        .series("test", epochs, test)
                        .series("baseline", new double[] {2}, new double[] {1.0});
        Path png = dir.resolve("charts/curves.png");
        chart.writePng(png, 800, 500);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        for (int i = 0; i < 3; i++) {
            // The left half holds no legend, so the colour there comes from the plotted data.
            int inLeftHalf = countPixels(image, chart.colour(i), 0, image.getWidth() / 2);
            assertTrue(
                    inLeftHalf > 20,
                    "series " + i + " has " + inLeftHalf + " pixels in the left half");
        }
    }

    @Test
    void seriesGetDistinctColours() {
        LineChart chart = new LineChart("t", "x", "y");
        for (int i = 0; i < LineChart.PALETTE.size(); i++) {
            chart.series("s" + i, new double[] {i});
        }
        for (int i = 1; i < LineChart.PALETTE.size(); i++) {
            assertNotEquals(chart.colour(i - 1), chart.colour(i));
        }
    }

    @Test
    void aSinglePointIsDrawn() {
        LineChart chart =
                new LineChart("one", "x", "y").series("only", new double[] {3}, new double[] {0.4});
        BufferedImage image = chart.render(400, 300);
        // The point sits in the middle of the plot, below the legend's rows at the top.
        int n = 0;
        int rgb = chart.colour(0).getRGB() & 0xFFFFFF;
        for (int y = image.getHeight() / 3; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        assertTrue(n > 10, n + " pixels");
    }

    @Test
    void anEmptyOrAllNaNChartStillRenders() {
        BufferedImage empty = new LineChart("empty", "x", "y").render(400, 300);
        assertEquals(400, empty.getWidth());
        LineChart nan =
                new LineChart("nan", "x", "y")
                        .series("gone", new double[] {Double.NaN, Double.NaN});
        assertEquals(300, nan.render(400, 300).getHeight());
    }

    @Test
    void rejectsMismatchedLengths() {
        LineChart chart = new LineChart("t", "x", "y");
        assertThrows(
                IllegalArgumentException.class,
                () -> chart.series("bad", new double[2], new double[3]));
    }

    private static int countPixels(BufferedImage image, Color colour, int fromX, int toX) {
        int rgb = colour.getRGB() & 0xFFFFFF;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
