package io.qnwis.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The report's chart, drawn headless with Java2D: one row per benchmark, two horizontal bars (the
 * ns per operation this agent adds, and what the OpenTelemetry agent adds), each labelled with its
 * value, so the comparison reads at a glance. Negative added costs (noise) draw as zero-length bars
 * but keep their true label.
 */
public final class Chart {

  /** One benchmark: its label and the added ns/op of each agent (NaN when not measured). */
  public record Bar(String label, double agent, double otel) {}

  static final Color AGENT = new Color(0x1f77b4);
  static final Color OTEL = new Color(0xff7f0e);

  private Chart() {}

  public static void write(List<Bar> bars, String title, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int labelWidth = 330;
    int plotWidth = 560;
    int rowHeight = 46;
    int top = 70;
    int width = labelWidth + plotWidth + 130;
    int height = top + Math.max(1, bars.size()) * rowHeight + 50;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString(title, 12, 26);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      legend(g, 12, 48, AGENT, "this agent");
      legend(g, 130, 48, OTEL, "OpenTelemetry agent");
      if (bars.isEmpty()) {
        g.drawString("no per-call benchmark results yet", 12, top + 24);
      }
      FontMetrics metrics = g.getFontMetrics();
      for (int i = 0; i < bars.size(); i++) {
        Bar bar = bars.get(i);
        int y = top + i * rowHeight;
        g.setColor(Color.BLACK);
        g.drawString(fit(bar.label(), metrics, labelWidth - 20), 12, y + 25);
        double max = Math.max(1, Math.max(finite(bar.agent()), finite(bar.otel())));
        bar(g, labelWidth, y + 4, plotWidth, bar.agent(), max, AGENT);
        bar(g, labelWidth, y + 22, plotWidth, bar.otel(), max, OTEL);
      }
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1));
      int axisY = top + bars.size() * rowHeight + 4;
      g.drawLine(labelWidth, top - 4, labelWidth, axisY);
      g.drawString(
          "added ns per operation, lower is better (each row scaled to its larger bar)",
          labelWidth,
          axisY + 20);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private static void bar(
      Graphics2D g, int x, int y, int plotWidth, double value, double max, Color color) {
    g.setColor(color);
    if (Double.isNaN(value)) {
      g.setColor(Color.GRAY);
      g.drawString("not measured", x + 6, y + 13);
      return;
    }
    int length = (int) Math.round(plotWidth * Math.max(0, value) / max);
    g.fillRect(x, y, Math.max(1, length), 16);
    g.setColor(Color.BLACK);
    g.drawString(String.format("%,.0f ns", value), x + length + 6, y + 13);
  }

  private static void legend(Graphics2D g, int x, int y, Color color, String text) {
    g.setColor(color);
    g.fillRect(x, y - 11, 14, 14);
    g.setColor(Color.BLACK);
    g.drawString(text, x + 20, y);
  }

  private static String fit(String text, FontMetrics metrics, int width) {
    String s = text;
    while (metrics.stringWidth(s) > width && s.length() > 4) {
      s = s.substring(0, s.length() - 2);
    }
    return s.equals(text) ? s : s + "…";
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }
}
