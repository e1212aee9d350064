package io.qnwis.agent.bootstrap.jdbc;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The static entry points JDBC advice calls. Drivers and pools live in any class loader, so advice
 * can only rely on this bootstrap class; it holds the agent's {@link JdbcHook} and each thread's
 * {@link Calls}.
 */
public final class JdbcBridge {

  /**
   * What one thread is inside of. Pools wrap the driver's objects in proxies that delegate to them
   * (HikariProxyPreparedStatement -> PgPreparedStatement; a wrapping DataSource -> the pool's), and
   * both sides are instrumented. Depth counters let only the outermost call be measured, so one
   * call from the service counts once however many wrappers it passes through.
   *
   * <p>One object per thread, looked up once on entry and handed to the exit advice, so each
   * intercepted call costs one lookup ({@link #calls()}) and no allocation.
   */
  static final class Calls {
    final long threadId;
    final WeakReference<Thread> thread;

    int statementDepth;
    int acquireDepth;
    // The service executes the statement the outermost prepareStatement returned to it, and that
    // execution is the outermost one, so only that statement's SQL needs remembering.
    int prepareDepth;
    // addBatch, setQueryTimeout and close: only the outermost call concerns the statement the
    // agent tracks (the service's); a driver's statement inside a proxy is never looked up, which
    // spares computing its identity hash, a call into the VM for each new object.
    int batchDepth;
    int timeoutDepth;
    int closeDepth;
    Object sqlInfo;
    long executeStart;
    // Inside the hook's beforeExecute: a setQueryTimeout now is the policy's own, which the hook
    // accounts for itself, so its advice (on the pool's proxy and on the driver's statement) is
    // spared the lookups.
    boolean applyingPolicy;
    long acquireStart;

    Calls() {
      Thread current = Thread.currentThread();
      threadId = current.getId();
      thread = new WeakReference<>(current);
    }
  }

  private static final ThreadLocal<Calls> CALLS = ThreadLocal.withInitial(Calls::new);

  /**
   * Each thread's {@link Calls} (the one its thread-local holds) at the slot of its id, which is
   * unique for the JVM's life: one array read and compare instead of a thread-local probe, which a
   * cycle of acquire, prepare, execute and close makes nine times. A thread whose slot another live
   * thread holds goes through the thread-local; a slot is taken over once its thread was collected.
   */
  private static final int SLOTS = 1024;

  private static final AtomicReferenceArray<Calls> BY_THREAD_ID = new AtomicReferenceArray<>(SLOTS);

  private static volatile JdbcHook hook;

  private JdbcBridge() {}

  public static void install(JdbcHook implementation) {
    hook = implementation;
  }

  static Calls calls() {
    long id = Thread.currentThread().getId();
    Calls calls = BY_THREAD_ID.get((int) id & (SLOTS - 1));
    return calls != null && calls.threadId == id ? calls : registeredCalls(id);
  }

  private static Calls registeredCalls(long id) {
    Calls calls = CALLS.get();
    int slot = (int) id & (SLOTS - 1);
    Calls holder = BY_THREAD_ID.get(slot);
    if (holder == null || holder.thread.get() == null) {
      BY_THREAD_ID.compareAndSet(slot, holder, calls);
    }
    return calls;
  }

  /** Enters Connection.prepareStatement/prepareCall; pass the result to {@link #prepareEnd}. */
  public static Object prepareStart() {
    Calls calls = calls();
    calls.prepareDepth++;
    return calls;
  }

  /** Leaves prepareStatement/prepareCall, which returned {@code statement} for {@code sql}. */
  public static void prepareEnd(Object calls, Object statement, String sql) {
    if (calls instanceof Calls c && --c.prepareDepth == 0) {
      sqlAttached(statement, sql);
    }
  }

  /** {@code statement} will run {@code sql} (prepared with it, or added to its batch). */
  private static void sqlAttached(Object statement, String sql) {
    JdbcHook current = hook;
    if (current != null && statement != null && sql != null) {
      current.sqlAttached(statement, sql);
    }
  }

  /**
   * Enters a statement execution; for the outermost one, asks the hook for the SQL description and
   * starts the clock. Pass the result to {@link #executeEnd}.
   */
  public static Object executeStart(Object statement, String sql) {
    Calls calls = calls();
    if (calls.statementDepth++ == 0) {
      JdbcHook current = hook;
      if (current != null) {
        calls.applyingPolicy = true;
        calls.sqlInfo = current.beforeExecute(statement, sql);
        calls.applyingPolicy = false;
      }
      calls.executeStart = System.nanoTime();
    }
    return calls;
  }

  public static void executeEnd(Object calls, Throwable error) {
    if (calls instanceof Calls c && --c.statementDepth == 0) {
      Object sqlInfo = c.sqlInfo;
      JdbcHook current = hook;
      if (sqlInfo != null && current != null) {
        c.sqlInfo = null;
        current.afterExecute(sqlInfo, c.executeStart, error);
      }
    }
  }

  /** Enters Statement.addBatch(String); pass the result to {@link #addBatchEnd}. */
  public static Object addBatchStart() {
    Calls calls = calls();
    calls.batchDepth++;
    return calls;
  }

  public static void addBatchEnd(Object calls, Object statement, String sql, Throwable error) {
    if (calls instanceof Calls c && --c.batchDepth == 0 && error == null) {
      sqlAttached(statement, sql);
    }
  }

  /** Enters Statement.setQueryTimeout; pass the result to {@link #queryTimeoutSetEnd}. */
  public static Object queryTimeoutSetStart() {
    Calls calls = calls();
    calls.timeoutDepth++;
    return calls;
  }

  public static void queryTimeoutSetEnd(Object calls, Object statement, Throwable error) {
    if (calls instanceof Calls c && --c.timeoutDepth == 0 && error == null && !c.applyingPolicy) {
      JdbcHook current = hook;
      if (current != null) {
        current.queryTimeoutSet(statement);
      }
    }
  }

  /** Enters Statement.close(); pass the result to {@link #closeEnd}. */
  public static Object closeStart() {
    Calls calls = calls();
    calls.closeDepth++;
    return calls;
  }

  public static void closeEnd(Object calls, Object statement, Throwable error) {
    if (calls instanceof Calls c && --c.closeDepth == 0 && error == null) {
      JdbcHook current = hook;
      if (current != null) {
        current.statementClosed(statement);
      }
    }
  }

  /** Enters DataSource.getConnection; pass the result to {@link #acquireEnd}. */
  public static Object acquireStart() {
    Calls calls = calls();
    if (calls.acquireDepth++ == 0) {
      calls.acquireStart = System.nanoTime();
    }
    return calls;
  }

  public static void acquireEnd(
      Object calls, Object dataSource, Object connection, Throwable error) {
    if (calls instanceof Calls c && --c.acquireDepth == 0) {
      JdbcHook current = hook;
      if (current != null) {
        current.connectionAcquired(dataSource, c.acquireStart, connection, error);
      }
    }
  }

  public static void connectionClosing(Object connection) {
    JdbcHook current = hook;
    if (current != null) {
      current.connectionClosing(connection);
    }
  }
}
