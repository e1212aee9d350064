package io.qnwis.it.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed Prometheus text scrape, for assertions on exact values. */
public final class Scrape {

  /** One sample line: metric name, labels in order, value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final String text;
  private final List<Sample> samples;

  private Scrape(String text, List<Sample> samples) {
    this.text = text;
    this.samples = samples;
  }

  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      samples.add(parseLine(line));
    }
    return new Scrape(text, samples);
  }

  public String text() {
    return text;
  }

  public List<Sample> samples() {
    return samples;
  }

  /**
   * The value of the sample with this name whose labels include all of {@code labelPairs} (given as
   * name, value, name, value...); 0 if there is none, as Prometheus would treat a missing counter.
   * Fails if more than one sample matches.
   */
  public double value(String name, String... labelPairs) {
    Sample found = null;
    for (Sample sample : samples) {
      if (sample.name().equals(name) && hasLabels(sample, labelPairs)) {
        if (found != null) {
          throw new AssertionError(
              "more than one sample matches " + name + " " + List.of(labelPairs));
        }
        found = sample;
      }
    }
    return found == null ? 0 : found.value();
  }

  /** The sum over every sample with this name whose labels include {@code labelPairs}. */
  public double sum(String name, String... labelPairs) {
    double total = 0;
    for (Sample sample : samples) {
      if (sample.name().equals(name) && hasLabels(sample, labelPairs)) {
        total += sample.value();
      }
    }
    return total;
  }

  public boolean has(String name) {
    return samples.stream().anyMatch(sample -> sample.name().equals(name));
  }

  private static boolean hasLabels(Sample sample, String... labelPairs) {
    for (int i = 0; i + 1 < labelPairs.length; i += 2) {
      if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
        return false;
      }
    }
    return true;
  }

  private static Sample parseLine(String line) {
    int brace = line.indexOf('{');
    int space;
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    if (brace >= 0 && brace < line.indexOf(' ')) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq).trim();
        StringBuilder value = new StringBuilder();
        int j = eq + 2; // skip ="
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      space = line.indexOf(' ', i);
    } else {
      space = line.indexOf(' ');
      name = line.substring(0, space);
    }
    String rest = line.substring(space + 1).trim();
    int nextSpace = rest.indexOf(' ');
    String value = nextSpace < 0 ? rest : rest.substring(0, nextSpace);
    return new Sample(name, labels, parseValue(value));
  }

  private static double parseValue(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(value);
    };
  }
}
