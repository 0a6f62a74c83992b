package dev.sweep.results.h2;

import dev.sweep.results.store.ResultsStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The store's connections: one writer connection behind a lock (the orchestrator is the only writer, and the lock
 * makes its threads take turns), and a small pool for reads from other threads. Every write commits on its own
 * unless it runs inside {@link #transaction}, where it joins the outer unit and a failure undoes only its own
 * writes (savepoint).
 * <p>
 * Durability: H2 keeps commits in memory up to its write delay (1 s) and then writes them, while a background
 * thread keeps the file compact. A {@link #write} (every change of state or result) and every unit of work is
 * followed by {@code CHECKPOINT}, which writes all committed changes to the file before the call returns, so a
 * killed process loses none of them. A {@link #writeBuffered} (heartbeats, curve points: frequent, and re-sent
 * when a requeued trial runs again) only commits. Writing every commit at once ({@code WRITE_DELAY=0}) was measured
 * to grow the file by 4–16 KB per commit, which that background thread then never reclaims.
 */
final class Jdbc implements AutoCloseable {

    /** Work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Connection writer;
    private final JdbcConnectionPool readers;
    /** How many units of work are open on the writer; guarded by {@link #lock}. */
    private int depth;

    Jdbc(String url, String user, String password) {
        try {
            this.writer = java.sql.DriverManager.getConnection(url, user, password);
            this.writer.setAutoCommit(false);
        } catch (SQLException e) {
            throw new ResultsStoreException("cannot open the results database " + url + ": " + e.getMessage(), e);
        }
        this.readers = JdbcConnectionPool.create(url, user, password);
        this.readers.setMaxConnections(4);
    }

    /** A write that is in the file when it returns. */
    <T> T write(String what, SqlWork<T> work) {
        return write(what, true, work);
    }

    /** A write that is committed when it returns, and in the file within H2's write delay. */
    <T> T writeBuffered(String what, SqlWork<T> work) {
        return write(what, false, work);
    }

    private <T> T write(String what, boolean durable, SqlWork<T> work) {
        lock.lock();
        try {
            return depth > 0 ? inSavepoint(what, () -> call(what, work))
                    : commitOrRollback(what, durable, () -> call(what, work));
        } finally {
            lock.unlock();
        }
    }

    <T> T read(String what, SqlWork<T> work) {
        if (lock.isHeldByCurrentThread()) {
            return call(what, work);
        }
        try (Connection c = readers.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new ResultsStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    <T> T transaction(Supplier<T> work) {
        lock.lock();
        try {
            depth++;
            try {
                return depth > 1 ? inSavepoint("transaction", work) : commitOrRollback("transaction", true, work);
            } finally {
                depth--;
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T call(String what, SqlWork<T> work) {
        try {
            return work.run(writer);
        } catch (SQLException e) {
            throw new ResultsStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T commitOrRollback(String what, boolean durable, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            rollback(what, e);
            throw e;
        }
        try {
            writer.commit();
        } catch (SQLException e) {
            rollback(what, e);
            throw new ResultsStoreException(what + ": commit failed: " + e.getMessage(), e);
        }
        if (durable) {
            try (Statement st = writer.createStatement()) {
                st.execute("CHECKPOINT");
            } catch (SQLException e) {
                throw new ResultsStoreException(what + ": committed, but writing it to the file failed: "
                        + e.getMessage(), e);
            }
        }
        return result;
    }

    private <T> T inSavepoint(String what, Supplier<T> work) {
        Savepoint savepoint;
        try {
            savepoint = writer.setSavepoint();
        } catch (SQLException e) {
            throw new ResultsStoreException(what + ": cannot set a savepoint: " + e.getMessage(), e);
        }
        try {
            T result = work.get();
            writer.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            throw new ResultsStoreException(what + ": cannot release a savepoint: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            try {
                writer.rollback(savepoint);
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
    }

    private void rollback(String what, Throwable cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(new ResultsStoreException(what + ": rollback failed", e));
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            readers.dispose();
            writer.close();
        } catch (SQLException e) {
            throw new ResultsStoreException("closing the results database failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
