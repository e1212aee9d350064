package io.qnwis.agent.instrumentation.jdbc;

import static io.qnwis.agent.instrumentation.jdbc.SqlNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SqlNormalizerTest {

  @Test
  void replacesStringAndNumberLiteralsKeepingWordsAsWritten() {
    assertThat(normalize("SELECT name FROM Jobs WHERE id = 42 AND title = 'Engineer'"))
        .isEqualTo("SELECT name FROM Jobs WHERE id = ? AND title = ?");
    assertThat(normalize("select * from t where x=1.5e-3 and y=0x1F and z=.5"))
        .isEqualTo("select * from t where x=? and y=? and z=?");
  }

  @Test
  void keepsPlaceholdersAndIdentifiersWithDigits() {
    assertThat(normalize("SELECT t1.col_2 FROM table3 t1 WHERE a = ? AND b = $1 AND c = :name"))
        .isEqualTo("SELECT t1.col_2 FROM table3 t1 WHERE a = ? AND b = $1 AND c = :name");
  }

  @Test
  void foldsWhitespaceIncludingNewlinesAndTabs() {
    assertThat(normalize("  SELECT\n\t a ,\r\n  b   FROM   t  \n"))
        .isEqualTo("SELECT a , b FROM t");
  }

  @Test
  void handlesDoubledQuotesInsideStrings() {
    assertThat(normalize("SELECT 'it''s a ''quote''' , 'x'")).isEqualTo("SELECT ? , ?");
  }

  @Test
  void readsBackslashAsAnEscapeSoAStringEndingInOneHidesTheRest() {
    assertThat(normalize("SELECT E'it\\'s' , 1")).isEqualTo("SELECT ? , ?");
    assertThat(normalize("SELECT 'C:\\' , 1")).isEqualTo("SELECT ?");
  }

  @Test
  void prefixedStringLiteralsBecomeOnePlaceholder() {
    assertThat(normalize("SELECT N'nom', X'0F', B'101'")).isEqualTo("SELECT ?, ?, ?");
  }

  @Test
  void keepsQuotedIdentifiersWithTheirContent() {
    assertThat(normalize("SELECT \"Weird \"\"Name\"\" 1\" FROM `t 2` WHERE \"a\"-1 > 0"))
        .isEqualTo("SELECT \"Weird \"\"Name\"\" 1\" FROM `t 2` WHERE \"a\"-? > ?");
  }

  @Test
  void dropsLineAndNestedBlockCommentsWhichMayHoldAnything() {
    assertThat(
            normalize(
                "SELECT a -- password 'hunter2'\nFROM t /* outer /* inner 123 */ still */ WHERE"
                    + " b = 1"))
        .isEqualTo("SELECT a FROM t WHERE b = ?");
  }

  @Test
  void replacesDollarQuotedBodiesWithOrWithoutTag() {
    assertThat(normalize("CREATE FUNCTION f() AS $$ SELECT 'x' $$ LANGUAGE sql"))
        .isEqualTo("CREATE FUNCTION f() AS ? LANGUAGE sql");
    assertThat(normalize("DO $body$ BEGIN PERFORM 1; END $body$")).isEqualTo("DO ?");
  }

  @Test
  void collapsesInListsOfLiteralsOrPlaceholdersToOne() {
    assertThat(normalize("SELECT * FROM t WHERE id IN (1, 2, 3) AND k in ('a','b')"))
        .isEqualTo("SELECT * FROM t WHERE id IN (?) AND k in (?)");
    assertThat(normalize("SELECT * FROM t WHERE id IN (?, ?, ?, ?)"))
        .isEqualTo("SELECT * FROM t WHERE id IN (?)");
    assertThat(normalize("SELECT * FROM t WHERE id IN (-1, +2.5)"))
        .isEqualTo("SELECT * FROM t WHERE id IN (?)");
  }

  @Test
  void keepsSubqueriesInsideInAndNormalizesTheirLiterals() {
    assertThat(normalize("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = 7)"))
        .isEqualTo("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = ?)");
  }

  @Test
  void foldsSignsIntoLiteralsButKeepsSubtraction() {
    assertThat(normalize("SELECT a - 1, -2 FROM t WHERE b = -3 AND c BETWEEN -4 AND +5"))
        .isEqualTo("SELECT a - ?, ? FROM t WHERE b = ? AND c BETWEEN ? AND ?");
  }

  @Test
  void unterminatedStringsAndCommentsSwallowTheRestRatherThanLeakIt() {
    assertThat(normalize("SELECT 'unterminated secret")).isEqualTo("SELECT ?");
    assertThat(normalize("SELECT a /* never closed 'secret'")).isEqualTo("SELECT a");
    assertThat(normalize("SELECT $tag$ body 42")).isEqualTo("SELECT ?");
    assertThat(normalize("SELECT \"open ident")).isEqualTo("SELECT \"open ident");
  }

  @Test
  void mysqlBackslashQuoteNeverLeaksTheLiteral() {
    String normalized = normalize("SELECT * FROM t WHERE a = 'it\\'s secret' AND b = 1");
    assertThat(normalized).doesNotContain("secret").doesNotContain("1");
  }

  @Test
  void cutsVeryLongSqlAtTheLimit() {
    StringBuilder sql = new StringBuilder("INSERT INTO t (a) VALUES ");
    for (int i = 0; i < 200_000; i++) {
      sql.append(i == 0 ? "" : ", ").append("(").append(i).append(")");
    }
    String normalized = normalize(sql.toString());
    assertThat(normalized).startsWith("INSERT INTO t (a) VALUES (?), (?)");
    assertThat(normalized).endsWith(SqlNormalizer.TRUNCATED);
    assertThat(normalized.length())
        .isEqualTo(SqlNormalizer.MAX_LENGTH + SqlNormalizer.TRUNCATED.length());
  }

  @Test
  void nullAndEmptyGiveEmpty() {
    assertThat(normalize(null)).isEmpty();
    assertThat(normalize("   ")).isEmpty();
  }

  @Test
  void neverThrowsOnRandomInputAndNeverGrowsTheText() {
    Random random = new Random(7);
    String alphabet = "SELECT'\"$-/*\n 0123456789()INin,.?eE\\`+";
    for (int round = 0; round < 20_000; round++) {
      char[] text = new char[random.nextInt(60)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String normalized = normalize(new String(text));
      assertThat(normalized.length()).isLessThanOrEqualTo(text.length);
    }
  }
}
