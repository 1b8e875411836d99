package io.filemill.app.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Makes sure no partition runs on two nodes at once: a PostgreSQL advisory lock on the partition's
 * step execution, held by a database session of this node for as long as it works on the partition.
 * The lock dies with the session, so a node that is killed, or whose connection is cut, lets the
 * partition go at once; a node that only stalls keeps it, and nobody else can take it meanwhile.
 */
final class PartitionFence implements AutoCloseable {

    /** The first key of every filemill partition lock ("FILE"), beside other programs' advisory locks. */
    static final int NAMESPACE = 0x46494c45;

    private final Connection session;
    private final long stepExecutionId;

    private PartitionFence(Connection session, long stepExecutionId) {
        this.session = session;
        this.stepExecutionId = stepExecutionId;
    }

    /**
     * Takes the partition's lock if no session holds it.
     *
     * @return the fence, or null when another session holds it
     */
    static PartitionFence tryAcquire(DataSource dataSource, long stepExecutionId) throws SQLException {
        Connection session = dataSource.getConnection();
        try {
            session.setAutoCommit(true);
            if (call(session, "SELECT pg_try_advisory_lock(?, ?)", stepExecutionId)) {
                return new PartitionFence(session, stepExecutionId);
            }
            session.close();
            return null;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Whether the session holding the lock is still alive (a cut session has lost the lock). */
    boolean held() {
        try {
            return session.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Lets the partition go: the lock is released before the session goes back to the pool. */
    @Override
    public void close() throws SQLException {
        try {
            call(session, "SELECT pg_advisory_unlock(?, ?)", stepExecutionId);
        } finally {
            session.close();
        }
    }

    private static boolean call(Connection session, String sql, long stepExecutionId) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, (int) stepExecutionId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
