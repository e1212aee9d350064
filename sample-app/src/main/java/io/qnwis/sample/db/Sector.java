package io.qnwis.sample.db;

/** An economic sector; {@code code} is what the API takes as the {@code sector} parameter. */
public record Sector(int id, String code, String name, int qatarizationTarget) {}
