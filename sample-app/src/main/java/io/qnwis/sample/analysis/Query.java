package io.qnwis.sample.analysis;

import io.qnwis.sample.db.Sector;

/** What a scenario is asked about: a sector (null for the dashboard) and a year. */
public record Query(Sector sector, int year) {

  /** The cache-key part naming this query, e.g. {@code ICT:2024}. */
  public String keyPart() {
    return (sector == null ? "ALL" : sector.code()) + ":" + year;
  }
}
