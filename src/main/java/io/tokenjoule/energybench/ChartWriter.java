package io.tokenjoule.energybench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws chart.png: power and generated tokens per second over time, with each level's steady-state
 * window shaded; and, for a sweep, sweep.png: steady-state J per generated token against
 * concurrency. Headless java.awt (java.desktop, already in the Docker image's module list); only
 * this class touches it.
 */
public final class ChartWriter {

  private static final int WIDTH = 1000;
  private static final int PANEL = 260;
  private static final int MARGIN = 70;

  private ChartWriter() {}

  public static void writeTimeline(BenchResult result, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    RunSeries series = RunSeries.of(result);
    BufferedImage image =
        new BufferedImage(WIDTH, 2 * PANEL + 3 * MARGIN / 2, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    double end = 0;
    for (double[] p : series.power()) {
      end = Math.max(end, p[0]);
    }
    for (double[] p : series.tokensPerSecond()) {
      end = Math.max(end, p[0]);
    }
    List<double[]> windows = new ArrayList<>();
    for (LevelResult level : result.levels()) {
      level
          .window()
          .ifPresent(
              w ->
                  windows.add(
                      new double[] {
                        w.startSeconds() - result.originSeconds(),
                        w.endSeconds() - result.originSeconds()
                      }));
    }
    panel(g, MARGIN / 2, "GPU power (W)", series.power(), end, windows, new Color(200, 60, 40));
    panel(
        g,
        MARGIN / 2 + PANEL + MARGIN / 2,
        "generated tokens/s",
        series.tokensPerSecond(),
        end,
        windows,
        new Color(40, 90, 200));
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  /** J per generated token (steady state, whole run without one) against concurrency. */
  public static void writeSweep(BenchResult result, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, PANEL + MARGIN, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(image);
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < result.levels().size(); i++) {
      points.add(new double[] {i, result.levels().get(i).gated().joulesPerGeneratedToken()});
    }
    int top = MARGIN / 2;
    double max = axisMax(points);
    frame(g, top, "J per generated token vs concurrency", max);
    int n = points.size();
    int x0 = MARGIN;
    int plotWidth = WIDTH - 2 * MARGIN;
    g.setColor(new Color(40, 140, 60));
    g.setStroke(new BasicStroke(2f));
    int[] xs = new int[n];
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      xs[i] = x0 + (n == 1 ? plotWidth / 2 : i * plotWidth / (n - 1));
      double v = points.get(i)[1];
      ys[i] = top + PANEL - (int) Math.round(Double.isFinite(v) ? v / max * PANEL : 0);
      g.fillOval(xs[i] - 4, ys[i] - 4, 8, 8);
      g.setColor(Color.DARK_GRAY);
      g.drawString(
          String.valueOf(result.levels().get(i).concurrency()), xs[i] - 6, top + PANEL + 16);
      g.drawString(SummaryMarkdown.fmt(v), xs[i] + 6, ys[i] - 6);
      g.setColor(new Color(40, 140, 60));
    }
    g.drawPolyline(xs, ys, n);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static Graphics2D canvas(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static void panel(
      Graphics2D g,
      int top,
      String title,
      List<double[]> points,
      double end,
      List<double[]> windows,
      Color color) {
    double max = axisMax(points);
    int plotWidth = WIDTH - 2 * MARGIN;
    double xScale = end > 0 ? plotWidth / end : 1;
    g.setColor(new Color(225, 240, 225));
    for (double[] w : windows) {
      int x = MARGIN + (int) Math.round(w[0] * xScale);
      g.fillRect(x, top, Math.max(1, (int) Math.round((w[1] - w[0]) * xScale)), PANEL);
    }
    frame(g, top, title + "   (shaded: steady state; x: seconds)", max);
    g.setColor(Color.DARK_GRAY);
    g.drawString("0", MARGIN, top + PANEL + 14);
    g.drawString(SummaryMarkdown.fmt(end), WIDTH - MARGIN - 20, top + PANEL + 14);
    g.setColor(color);
    g.setStroke(new BasicStroke(1.5f));
    int[] xs = new int[points.size()];
    int[] ys = new int[points.size()];
    for (int i = 0; i < points.size(); i++) {
      xs[i] = MARGIN + (int) Math.round(points.get(i)[0] * xScale);
      double v = points.get(i)[1];
      ys[i] = top + PANEL - (int) Math.round(Double.isFinite(v) ? v / max * PANEL : 0);
    }
    g.drawPolyline(xs, ys, points.size());
  }

  private static void frame(Graphics2D g, int top, String title, double max) {
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(MARGIN, top, WIDTH - 2 * MARGIN, PANEL);
    g.drawString(title, MARGIN, top - 6);
    g.drawString(String.format(Locale.ROOT, "%.3g", max), 8, top + 10);
    g.drawString("0", 8, top + PANEL);
  }

  private static double axisMax(List<double[]> points) {
    double max = 0;
    for (double[] p : points) {
      if (Double.isFinite(p[1])) {
        max = Math.max(max, p[1]);
      }
    }
    return max > 0 ? max * 1.1 : 1;
  }
}
