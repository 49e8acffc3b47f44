package dev.funnel.server.store.embedded;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises every write of one database on its single write connection, and commits the writes that queued up
 * while the previous commit was syncing in one transaction ("group commit").
 *
 * <p>A durable commit costs one sync of the write-ahead log, whatever it holds, so under concurrent writers (an
 * impression per request, event batches from many HTTP threads) sharing the sync is what keeps the rate up. Each
 * write runs inside its own savepoint: a write that fails is rolled back alone, and the others of its group still
 * commit; every caller returns only after the commit that holds its write (or its failure) is final. Thread-safe.
 */
final class GroupCommitWriter implements AutoCloseable {

  /** A queued write; its fields are published to the caller by the lock the caller takes after queueing it. */
  private static final class Pending<T> {
    final SqlWork<T> work;
    T result;
    Exception failure;
    boolean done;

    Pending(SqlWork<T> work) {
      this.work = work;
    }
  }

  private final Connection connection;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
  private boolean closed;

  /** Takes over {@code connection} (in auto-commit mode); {@code name} names the database in messages. */
  GroupCommitWriter(Connection connection, String name) {
    this.connection = connection;
    this.name = name;
  }

  /**
   * Runs {@code work} in a transaction and returns its result once committed durably (as the connection's
   * {@code synchronous} setting defines it). A runtime exception of the work is rethrown as is, an SQL failure as
   * an IOException; either way nothing the work wrote is kept.
   */
  <T> T write(SqlWork<T> work) throws IOException {
    Pending<T> pending = new Pending<>(work);
    queue.add(pending);
    lock.lock();
    try {
      // A leader that held the lock meanwhile may have committed this write already with its group.
      if (!pending.done) {
        if (closed) {
          throw new IOException(name + " is closed");
        }
        commitQueued();
      }
    } finally {
      lock.unlock();
    }
    if (pending.failure instanceof RuntimeException e) {
      throw e;
    }
    if (pending.failure != null) {
      throw new IOException(name + ": write not stored: " + pending.failure.getMessage(), pending.failure);
    }
    return pending.result;
  }

  private void commitQueued() {
    List<Pending<?>> group = new ArrayList<>();
    for (Pending<?> p; (p = queue.poll()) != null; ) {
      group.add(p);
    }
    boolean begun = false;
    boolean committed = false;
    try {
      execute("BEGIN IMMEDIATE");
      begun = true;
      for (Pending<?> p : group) {
        runInSavepoint(p);
      }
      execute("COMMIT");
      committed = true;
    } catch (SQLException e) {
      if (begun) {
        rollbackQuietly(e);
      }
      for (Pending<?> p : group) {
        if (p.failure == null) {
          p.failure = e;
        }
      }
    } finally {
      for (Pending<?> p : group) {
        // Only an Error escaping the leader leaves a write neither committed nor failed: it must not pass as stored.
        if (!committed && p.failure == null) {
          p.failure = new SQLException("the commit of this write's group did not complete");
        }
        p.done = true;
      }
    }
  }

  private <T> void runInSavepoint(Pending<T> pending) throws SQLException {
    execute("SAVEPOINT one_write");
    try {
      pending.result = pending.work.run(connection);
    } catch (SQLException | RuntimeException e) {
      pending.failure = e;
      execute("ROLLBACK TO one_write");
    }
    execute("RELEASE one_write");
  }

  private void rollbackQuietly(SQLException cause) {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may have rolled back already (a failed COMMIT after an I/O error); then there is nothing to undo.
      cause.addSuppressed(e);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** Closes the connection; writes still queued then fail. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      throw new IOException("cannot close " + name + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
