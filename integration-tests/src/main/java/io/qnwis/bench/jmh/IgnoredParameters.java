package io.qnwis.bench.jmh;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The parameter setters of {@link ConstantStatement}, which ignore their values: the constant
 * driver answers the same whatever the parameters.
 */
abstract class IgnoredParameters implements PreparedStatement {

  @Override
  public void clearParameters() {}

  @Override
  public void setArray(int index, Array value) {}

  @Override
  public void setAsciiStream(int index, InputStream value, int length) {}

  @Override
  public void setAsciiStream(int index, InputStream value, long length) {}

  @Override
  public void setAsciiStream(int index, InputStream value) {}

  @Override
  public void setBigDecimal(int index, BigDecimal value) {}

  @Override
  public void setBinaryStream(int index, InputStream value, int length) {}

  @Override
  public void setBinaryStream(int index, InputStream value, long length) {}

  @Override
  public void setBinaryStream(int index, InputStream value) {}

  @Override
  public void setBlob(int index, InputStream value, long length) {}

  @Override
  public void setBlob(int index, InputStream value) {}

  @Override
  public void setBlob(int index, Blob value) {}

  @Override
  public void setBoolean(int index, boolean value) {}

  @Override
  public void setByte(int index, byte value) {}

  @Override
  public void setBytes(int index, byte[] value) {}

  @Override
  public void setCharacterStream(int index, Reader value, int length) {}

  @Override
  public void setCharacterStream(int index, Reader value, long length) {}

  @Override
  public void setCharacterStream(int index, Reader value) {}

  @Override
  public void setClob(int index, Reader value, long length) {}

  @Override
  public void setClob(int index, Reader value) {}

  @Override
  public void setClob(int index, Clob value) {}

  @Override
  public void setDate(int index, Date value, Calendar calendar) {}

  @Override
  public void setDate(int index, Date value) {}

  @Override
  public void setDouble(int index, double value) {}

  @Override
  public void setFloat(int index, float value) {}

  @Override
  public void setInt(int index, int value) {}

  @Override
  public void setLong(int index, long value) {}

  @Override
  public void setNCharacterStream(int index, Reader value, long length) {}

  @Override
  public void setNCharacterStream(int index, Reader value) {}

  @Override
  public void setNClob(int index, Reader value, long length) {}

  @Override
  public void setNClob(int index, Reader value) {}

  @Override
  public void setNClob(int index, NClob value) {}

  @Override
  public void setNString(int index, String value) {}

  @Override
  public void setNull(int index, int sqlType, String typeName) {}

  @Override
  public void setNull(int index, int sqlType) {}

  @Override
  public void setObject(int index, Object value, int sqlType, int scale) {}

  @Override
  public void setObject(int index, Object value, int sqlType) {}

  @Override
  public void setObject(int index, Object value) {}

  @Override
  public void setRef(int index, Ref value) {}

  @Override
  public void setRowId(int index, RowId value) {}

  @Override
  public void setSQLXML(int index, SQLXML value) {}

  @Override
  public void setShort(int index, short value) {}

  @Override
  public void setString(int index, String value) {}

  @Override
  public void setTime(int index, Time value, Calendar calendar) {}

  @Override
  public void setTime(int index, Time value) {}

  @Override
  public void setTimestamp(int index, Timestamp value, Calendar calendar) {}

  @Override
  public void setTimestamp(int index, Timestamp value) {}

  @Override
  public void setURL(int index, URL value) {}

  @Override
  @SuppressWarnings("deprecation")
  public void setUnicodeStream(int index, InputStream value, int length) {}
}
