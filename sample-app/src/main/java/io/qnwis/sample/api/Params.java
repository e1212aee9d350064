package io.qnwis.sample.api;

import io.qnwis.sample.db.Sectors;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Query-string parameters of one request. */
public final class Params {

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  public static Params parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          values.putIfAbsent(
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new BadRequest("malformed query string: " + e.getMessage());
        }
      }
    }
    return new Params(values);
  }

  public String get(String name) {
    return values.get(name);
  }

  /** {@code year}, default the latest year of data; 400 if outside the data's years. */
  public int year() {
    String value = values.get("year");
    if (value == null || value.isBlank()) {
      return Sectors.LAST_YEAR;
    }
    try {
      int year = Integer.parseInt(value.trim());
      if (year >= Sectors.FIRST_YEAR && year <= Sectors.LAST_YEAR) {
        return year;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequest(
        "parameter 'year' must be a year from "
            + Sectors.FIRST_YEAR
            + " to "
            + Sectors.LAST_YEAR
            + ", not '"
            + value
            + "'");
  }
}
