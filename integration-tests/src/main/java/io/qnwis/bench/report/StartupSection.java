package io.qnwis.bench.report;

import static io.qnwis.bench.report.Figures.added;
import static io.qnwis.bench.report.Figures.map;
import static io.qnwis.bench.report.Figures.spread;

import java.util.Map;

/**
 * Section 2 of the report: whole-JVM start-up and resident memory per mode, for the trivial {@code
 * main}, the same after one pool task, and the sample service.
 */
final class StartupSection {

  private final StringBuilder md = new StringBuilder();

  private StartupSection() {}

  static String render(Map<String, Object> section) {
    StartupSection out = new StartupSection();
    out.write(section);
    return out.md.toString();
  }

  private void write(Map<String, Object> section) {
    line("## 2. Start-up and resident memory");
    line("");
    md.append(Report.statusText(section));
    Map<String, Object> trivial = map(section.get("trivial_main"));
    if (!trivial.isEmpty()) {
      line(
          "Whole-JVM time from launch to the end of a trivial `main`, and its RSS there;"
              + " median [q1–q3] (min–max) of "
              + trivial.get("runs")
              + " runs per mode, interleaved. This agent starts on its own threads beside"
              + " `main`, and a class that names nothing it instruments does not wait for it:"
              + " this `main` ends before the agent is ready, so its RSS does not hold the"
              + " agent's whole start (the sample service's RSS below, read after load, does):");
      line("");
      processTable(trivial, "time to end of main (ms)");
    }
    Map<String, Object> executor = map(section.get("executor_main"));
    if (!executor.isEmpty()) {
      line(
          "The same `main` after running one task on a new thread pool. It names an executor"
              + " type, so with this agent it waits at the start gate until the instrumentation"
              + " (executors included) is complete: the whole start-up cost for a service that"
              + " uses what the agent instruments from its first line; "
              + executor.get("runs")
              + " runs per mode, interleaved:");
      line("");
      processTable(executor, "time to end of main (ms)");
    }
    Map<String, Object> service = map(section.get("service"));
    md.append(Report.statusText(service));
    if (map(service.get("modes")).size() > 0) {
      line(
          "Sample service (`"
              + service.get("main_class")
              + "`): launch to first `/healthz` 200,"
              + " and RSS after "
              + service.get("load_requests")
              + " requests over the four scenario"
              + " routes (4 client threads); median [q1–q3] (min–max) of "
              + service.get("runs")
              + " runs per mode, interleaved"
              + (map(service.get("env")).isEmpty()
                  ? ""
                  : " (service environment " + service.get("env") + ")")
              + ". The service generates its H2 data set at start-up, so this includes that work:");
      line("");
      processTable(service, "time to first /healthz (ms)");
    }
  }

  private void processTable(Map<String, Object> section, String timeTitle) {
    Map<String, Object> modes = map(section.get("modes"));
    Map<String, Object> base = map(modes.get("none"));
    line("| mode | " + timeTitle + " | added (median) | RSS (MiB) | added RSS (median) |");
    line("|---|---:|---:|---:|---:|");
    for (int i = 0; i < Report.MODES.length; i++) {
      Map<String, Object> m = map(modes.get(Report.MODES[i]));
      if (m.isEmpty()) {
        continue;
      }
      line(
          "| "
              + Report.MODE_TITLES[i]
              + " | "
              + spread(m.get("ms"), "%.0f")
              + " | "
              + added(m.get("ms"), base.get("ms"), "%+.0f ms")
              + " | "
              + spread(m.get("rss_mib"), "%.1f")
              + " | "
              + added(m.get("rss_mib"), base.get("rss_mib"), "%+.1f MiB")
              + " |");
    }
    line("");
  }

  private void line(String s) {
    md.append(s).append('\n');
  }
}
