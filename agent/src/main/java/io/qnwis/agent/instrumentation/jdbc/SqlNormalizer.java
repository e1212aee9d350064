package io.qnwis.agent.instrumentation.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * Turns SQL text into the form the agent may show and match on: every literal (string, number,
 * dollar-quoted body, a whole {@code IN (...)} list of literals or placeholders) becomes {@code ?},
 * comments are dropped (they may hold anything), runs of whitespace become one space, and all other
 * text (words, identifiers, operators, placeholders) is kept exactly as written.
 *
 * <p>It never throws and never leaks a literal it could not parse: an unterminated string, quote or
 * comment swallows the rest of the text. Output longer than {@link #MAX_LENGTH} is cut and ends in
 * {@value #TRUNCATED}, so one huge statement cannot hold memory in the agent's tables.
 */
public final class SqlNormalizer {

  public static final int MAX_LENGTH = 2048;
  public static final String TRUNCATED = " ...";

  /** Words after which a sign starts a literal ({@code AND -1}), not a subtraction. */
  private static final Set<String> SIGN_KEYWORDS =
      Set.of(
          "select", "where", "and", "or", "not", "between", "then", "else", "when", "values", "set",
          "return", "limit", "offset", "by", "is", "in", "like", "case", "having", "on");

  private SqlNormalizer() {}

  public static String normalize(String sql) {
    if (sql == null) {
      return "";
    }
    try {
      return new Pass(sql).run();
    } catch (RuntimeException | StackOverflowError e) {
      return "?"; // cannot happen by design; never let normalization fail a statement
    }
  }

  private enum Token {
    NONE,
    WORD,
    KEYWORD,
    IN,
    VALUE,
    OTHER
  }

  private static final class Pass {
    private final String s;
    private final int n;
    private final StringBuilder out;
    private boolean pendingSpace;
    private Token last = Token.NONE;

    Pass(String sql) {
      this.s = sql;
      this.n = sql.length();
      this.out = new StringBuilder(Math.min(n, MAX_LENGTH) + 8);
    }

    String run() {
      int i = 0;
      while (i < n) {
        if (out.length() >= MAX_LENGTH) {
          out.setLength(MAX_LENGTH);
          return out.append(TRUNCATED).toString();
        }
        int skipped = skipSpaceAndComments(i);
        if (skipped != i) {
          pendingSpace = true;
          i = skipped;
          continue;
        }
        if (pendingSpace && out.length() > 0) {
          out.append(' ');
        }
        pendingSpace = false;
        i = token(i);
      }
      return out.toString();
    }

    /** Emits the token at {@code i}; returns the index after it. */
    private int token(int i) {
      char c = s.charAt(i);
      char next = i + 1 < n ? s.charAt(i + 1) : 0;
      if (c == '\'') {
        return literal(skipString(i));
      }
      if (next == '\'' && "EeNnXxBb".indexOf(c) >= 0) {
        return literal(skipString(i + 1));
      }
      if (c == '"' || c == '`') {
        int end = skipQuoted(i, c);
        out.append(s, i, end);
        last = Token.VALUE; // like an identifier: a following sign is an operator
        return end;
      }
      if (c == '$' && isDigit(next)) {
        int end = i + 1;
        while (end < n && isDigit(s.charAt(end))) {
          end++;
        }
        out.append(s, i, end); // a positional parameter ($1), not a literal
        last = Token.VALUE;
        return end;
      }
      if (c == '$') {
        int end = skipDollarQuoted(i);
        if (end > i) {
          return literal(end);
        }
      }
      if (isDigit(c) || (c == '.' && isDigit(next))) {
        return literal(skipNumber(i));
      }
      if ((c == '-' || c == '+') && signStartsLiteral() && (isDigit(next) || next == '.')) {
        int end = skipNumber(i + 1);
        if (end > i + 1) {
          return literal(end);
        }
      }
      if (isWordStart(c)) {
        int end = i + 1;
        while (end < n && isWordPart(s.charAt(end))) {
          end++;
        }
        String word = s.substring(i, end);
        out.append(word);
        String lower = word.toLowerCase(Locale.ROOT);
        last =
            lower.equals("in")
                ? Token.IN
                : SIGN_KEYWORDS.contains(lower) ? Token.KEYWORD : Token.WORD;
        return end;
      }
      if (c == '(' && last == Token.IN) {
        int end = skipLiteralList(i);
        if (end > i) {
          out.append("(?)");
          last = Token.VALUE;
          return end;
        }
      }
      out.append(c);
      last = c == ')' ? Token.VALUE : Token.OTHER;
      return i + 1;
    }

    private int literal(int end) {
      out.append('?');
      last = Token.VALUE;
      return end;
    }

    private boolean signStartsLiteral() {
      return last == Token.NONE || last == Token.OTHER || last == Token.KEYWORD || last == Token.IN;
    }

    private int skipSpaceAndComments(int i) {
      while (i < n) {
        char c = s.charAt(i);
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '-' && next == '-') {
          int newline = s.indexOf('\n', i);
          i = newline < 0 ? n : newline + 1;
        } else if (c == '/' && next == '*') {
          i = skipBlockComment(i);
        } else {
          return i;
        }
      }
      return i;
    }

    /** Block comments nest in PostgreSQL and H2; an unclosed one runs to the end. */
    private int skipBlockComment(int i) {
      int depth = 0;
      while (i < n) {
        if (s.startsWith("/*", i)) {
          depth++;
          i += 2;
        } else if (s.startsWith("*/", i)) {
          depth--;
          i += 2;
          if (depth == 0) {
            return i;
          }
        } else {
          i++;
        }
      }
      return n;
    }

    /**
     * From the opening quote; '' is a quote inside. A backslash escapes the next character in every
     * string, not only in E'' strings: MySQL strings use it, and reading a standard string that
     * ends in a backslash as unterminated only hides more text, while the other reading would leak
     * the rest of a MySQL literal.
     */
    private int skipString(int quote) {
      int i = quote + 1;
      while (i < n) {
        char c = s.charAt(i);
        if (c == '\'') {
          if (i + 1 < n && s.charAt(i + 1) == '\'') {
            i += 2;
            continue;
          }
          return i + 1;
        }
        i += c == '\\' ? 2 : 1;
      }
      return n;
    }

    private int skipQuoted(int open, char quote) {
      int i = open + 1;
      while (i < n) {
        if (s.charAt(i) == quote) {
          if (i + 1 < n && s.charAt(i + 1) == quote) {
            i += 2;
            continue;
          }
          return i + 1;
        }
        i++;
      }
      return n;
    }

    /** {@code $$...$$} or {@code $tag$...$tag$}; returns {@code i} if this is no dollar quote. */
    private int skipDollarQuoted(int i) {
      int j = i + 1;
      if (j < n && isWordStart(s.charAt(j)) && s.charAt(j) != '$') {
        while (j < n && isWordPart(s.charAt(j)) && s.charAt(j) != '$') {
          j++;
        }
      }
      if (j >= n || s.charAt(j) != '$') {
        return i; // $1 placeholders and lone dollars are kept
      }
      String tag = s.substring(i, j + 1);
      int close = s.indexOf(tag, j + 1);
      return close < 0 ? n : close + tag.length();
    }

    private int skipNumber(int i) {
      if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
        i += 2;
        while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
          i++;
        }
        return i;
      }
      int start = i;
      while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (i > start && i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        int j = i + 1;
        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
          j++;
        }
        if (j < n && isDigit(s.charAt(j))) {
          i = j;
          while (i < n && isDigit(s.charAt(i))) {
            i++;
          }
        }
      }
      return i;
    }

    /**
     * At the {@code (} after IN: if everything up to the matching {@code )} is literals and
     * placeholders separated by commas, returns the index after it, else {@code open}.
     */
    private int skipLiteralList(int open) {
      int i = open + 1;
      while (true) {
        i = skipSpaceAndComments(i);
        if (i >= n) {
          return open;
        }
        char c = s.charAt(i);
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        int end;
        if (c == '\'') {
          end = skipString(i);
        } else if (c == '?') {
          end = i + 1;
        } else if (isDigit(c) || c == '.' || c == '-' || c == '+') {
          end = skipNumber(c == '-' || c == '+' ? i + 1 : i);
          if (end == i + 1 && !isDigit(c)) {
            return open;
          }
        } else if (next == '\'' && "EeNnXxBb".indexOf(c) >= 0) {
          end = skipString(i + 1);
        } else {
          return open;
        }
        i = skipSpaceAndComments(end);
        if (i >= n) {
          return open;
        }
        if (s.charAt(i) == ')') {
          return i + 1;
        }
        if (s.charAt(i) != ',') {
          return open;
        }
        i++;
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
