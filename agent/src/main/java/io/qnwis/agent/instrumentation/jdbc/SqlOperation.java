package io.qnwis.agent.instrumentation.jdbc;

/** The {@code operation} label: what a statement does, from its leading verb. */
public enum SqlOperation {
  SELECT("select"),
  INSERT("insert"),
  UPDATE("update"),
  DELETE("delete"),
  CALL("call"),
  OTHER("other");

  private final String label;

  SqlOperation(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * Classifies normalized SQL (no strings or comments left) by its first word, skipping JDBC escape
   * braces ({@code {call p(?)}}, {@code {? = call f(?)}}) and opening parentheses. A {@code WITH}
   * query takes the verb of its main statement: the first verb outside parentheses.
   */
  public static SqlOperation classify(String sql) {
    if (sql == null) {
      return OTHER;
    }
    int n = sql.length();
    int i = 0;
    while (i < n && " ({?=".indexOf(sql.charAt(i)) >= 0) {
      i++;
    }
    int end = wordEnd(sql, i);
    SqlOperation verb = verb(sql, i, end);
    if (verb != null) {
      return verb;
    }
    if (!sql.regionMatches(true, i, "with", 0, 4) || end - i != 4) {
      return OTHER;
    }
    return mainVerbAfterWith(sql, end);
  }

  private static SqlOperation mainVerbAfterWith(String sql, int i) {
    int depth = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
        i++;
      } else if (c == ')') {
        depth--;
        i++;
      } else if (c == '"' || c == '`') {
        int close = sql.indexOf(c, i + 1);
        i = close < 0 ? n : close + 1;
      } else if (Character.isLetter(c)) {
        int end = wordEnd(sql, i);
        SqlOperation verb = depth == 0 ? verb(sql, i, end) : null;
        if (verb != null && verb != CALL) {
          return verb;
        }
        i = end;
      } else {
        i++;
      }
    }
    return SELECT;
  }

  private static int wordEnd(String sql, int i) {
    int end = i;
    while (end < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
      end++;
    }
    return end;
  }

  private static SqlOperation verb(String sql, int start, int end) {
    int length = end - start;
    if (is(sql, start, length, "select")
        || is(sql, start, length, "values")
        || is(sql, start, length, "table")) {
      return SELECT;
    }
    if (is(sql, start, length, "insert")) {
      return INSERT;
    }
    if (is(sql, start, length, "update")) {
      return UPDATE;
    }
    if (is(sql, start, length, "delete")) {
      return DELETE;
    }
    if (is(sql, start, length, "call")
        || is(sql, start, length, "exec")
        || is(sql, start, length, "execute")) {
      return CALL;
    }
    return null;
  }

  private static boolean is(String sql, int start, int length, String word) {
    return length == word.length() && sql.regionMatches(true, start, word, 0, length);
  }
}
