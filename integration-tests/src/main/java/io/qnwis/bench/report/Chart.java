package io.qnwis.bench.report;

import static io.qnwis.bench.report.Figures.list;
import static io.qnwis.bench.report.Figures.map;
import static io.qnwis.bench.report.Figures.num;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The report's chart, drawn headless with Java2D: one row per benchmark, two horizontal bars (the
 * ns per operation this agent adds, and what the OpenTelemetry agent adds) with their confidence
 * intervals as whiskers and the target as a dashed mark. All rows share one logarithmic
 * axis: the added costs span 1 ns to several µs, and a shared axis lets rows be compared with each
 * other, not only the two bars within a row. An added cost at or below zero is noise: it draws no
 * bar and says so, with its spread.
 */
public final class Chart {

  /**
   * One benchmark: its label, the added ns/op of each agent with its confidence half-width (NaN
   * when not measured), and the limit for it (NaN: none).
   */
  public record Bar(
      String label,
      double agent,
      double agentError,
      double otel,
      double otelError,
      double targetNs) {}

  static final Color AGENT = new Color(0x1f77b4);
  static final Color OTEL = new Color(0xff7f0e);
  static final Color TARGET = new Color(0xc0392b);

  /** The axis starts at 1 ns: smaller added costs are far below anything measured here. */
  static final double AXIS_MIN_NS = 1;

  static final int PLOT_WIDTH = 560;

  static final int ROW_HEIGHT = 46;
  static final int TOP = 92;
  private static final int MAX_LABEL_WIDTH = 420;

  private Chart() {}

  /** Where a value falls on an axis of {@code decades} decades from 1 ns, in px from its start. */
  static int x(double ns, int decades) {
    double clamped = Math.max(AXIS_MIN_NS, ns);
    double position = Math.log10(clamped / AXIS_MIN_NS) / decades;
    return (int) Math.round(PLOT_WIDTH * Math.min(1, position));
  }

  /** Decades from 1 ns to the first power of ten at or above every bar's upper whisker. */
  static int decades(List<Bar> bars) {
    double max = 1_000;
    for (Bar bar : bars) {
      max = Math.max(max, upper(bar.agent(), bar.agentError()));
      max = Math.max(max, upper(bar.otel(), bar.otelError()));
    }
    return (int) Math.ceil(Math.log10(max / AXIS_MIN_NS) - 1e-9);
  }

  /** Draws the per-call results of a report's {@code data} (as in performance.json). */
  public static void write(Map<String, Object> data, Path file) throws IOException {
    write(bars(data), "Added time per operation over no agent (ns/op)", file);
  }

  /** One bar per per-call benchmark result, in the report's order. */
  static List<Bar> bars(Map<String, Object> data) {
    List<Bar> bars = new ArrayList<>();
    for (Object o : list(map(data.get("microbenchmarks")).get("results"))) {
      Map<String, Object> row = map(o);
      Map<String, Object> modes = map(row.get("modes"));
      Map<String, Object> agent = map(modes.get("agent"));
      Map<String, Object> otel = map(modes.get("otel"));
      String name = String.valueOf(row.get("benchmark"));
      bars.add(
          new Bar(
              name,
              num(agent.get("added")),
              num(agent.get("added_error")),
              num(otel.get("added")),
              num(otel.get("added_error")),
              Targets.limitNs(name)));
    }
    return bars;
  }

  static void write(List<Bar> bars, String title, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    int labelWidth = labelWidth(bars, plain);
    int decades = decades(bars);
    int width = labelWidth + PLOT_WIDTH + 230;
    int height = TOP + Math.max(1, bars.size()) * ROW_HEIGHT + 56;
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
      g.setFont(plain);
      legend(g, 12, 50, AGENT, "this agent");
      legend(g, 130, 50, OTEL, "OpenTelemetry agent");
      g.setColor(TARGET);
      g.setStroke(dashed());
      g.drawLine(310, 39, 310, 53);
      g.setColor(Color.BLACK);
      g.drawString("the issue's target", 318, 50);
      g.drawString("whiskers: 99.9% confidence interval", 460, 50);
      if (bars.isEmpty()) {
        g.drawString("no per-call benchmark results yet", 12, TOP + 24);
      }
      int bottom = TOP + bars.size() * ROW_HEIGHT;
      grid(g, labelWidth, decades, bottom);
      FontMetrics metrics = g.getFontMetrics();
      for (int i = 0; i < bars.size(); i++) {
        Bar bar = bars.get(i);
        int y = TOP + i * ROW_HEIGHT;
        g.setColor(Color.BLACK);
        g.drawString(fit(bar.label(), metrics, labelWidth - 20), 12, y + 25);
        if (Double.isFinite(bar.targetNs())) {
          // Under the bars and their labels, which stay readable across it.
          int tx = labelWidth + x(bar.targetNs(), decades);
          g.setColor(TARGET);
          g.setStroke(dashed());
          g.drawLine(tx, y + 1, tx, y + 41);
        }
        bar(g, labelWidth, y + 4, decades, bar.agent(), bar.agentError(), AGENT);
        bar(g, labelWidth, y + 22, decades, bar.otel(), bar.otelError(), OTEL);
      }
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1));
      g.drawString(
          "added ns per operation over no agent, lower is better; logarithmic axis: each"
              + " gridline is ten times the one before",
          12,
          bottom + 40);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  /** Wide enough for the longest label, up to a limit past which labels are cut. */
  private static int labelWidth(List<Bar> bars, Font font) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      FontMetrics metrics = g.getFontMetrics(font);
      int widest = 200;
      for (Bar bar : bars) {
        widest = Math.max(widest, metrics.stringWidth(bar.label()));
      }
      return Math.min(MAX_LABEL_WIDTH, widest + 30);
    } finally {
      g.dispose();
    }
  }

  /** Decade gridlines labelled 1 ns, 10 ns, ..., 1 µs, ... above the rows. */
  private static void grid(Graphics2D g, int left, int decades, int bottom) {
    g.setStroke(new BasicStroke(1));
    FontMetrics metrics = g.getFontMetrics();
    double ns = AXIS_MIN_NS;
    for (int d = 0; d <= decades; d++, ns *= 10) {
      int gx = left + x(ns, decades);
      g.setColor(d == 0 ? Color.GRAY : new Color(0xdddddd));
      g.drawLine(gx, TOP - 6, gx, bottom + 4);
      String label = ns < 1_000 ? String.format("%.0f ns", ns) : String.format("%.0f µs", ns / 1e3);
      g.setColor(Color.GRAY);
      g.drawString(label, gx - metrics.stringWidth(label) / 2, TOP - 12);
    }
  }

  private static void bar(
      Graphics2D g, int left, int y, int decades, double value, double error, Color color) {
    String spread = Double.isFinite(error) && error > 0 ? String.format(" ± %,.0f", error) : "";
    if (Double.isNaN(value)) {
      g.setColor(Color.GRAY);
      g.drawString("not measured", left + 6, y + 13);
      return;
    }
    if (value <= 0) {
      g.setColor(Color.GRAY);
      g.drawString(
          String.format("%,.0f%s ns: no added cost above the noise", value, spread),
          left + 6,
          y + 13);
      return;
    }
    int length = Math.max(1, x(value, decades));
    g.setColor(color);
    g.fillRect(left, y, length, 16);
    int textFrom = left + length;
    if (!spread.isEmpty()) {
      int low = left + x(value - error, decades);
      int high = left + x(value + error, decades);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1.5f));
      g.drawLine(low, y + 8, high, y + 8);
      g.drawLine(low, y + 4, low, y + 12);
      g.drawLine(high, y + 4, high, y + 12);
      textFrom = Math.max(textFrom, high);
    }
    g.setColor(Color.BLACK);
    g.drawString(String.format("%,.0f%s ns", value, spread), textFrom + 6, y + 13);
  }

  private static BasicStroke dashed() {
    return new BasicStroke(
        2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f);
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

  /** The upper whisker of a bar that is drawn; 0 for one that is not (noise, not measured). */
  private static double upper(double value, double error) {
    return value > 0 ? value + (Double.isFinite(error) ? error : 0) : 0;
  }
}
