package io.filemill.app.cluster;

import io.filemill.app.config.ConfigurationProblem;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/** What a run across machines needs of the configuration before anything starts. */
public final class ClusterChecks {

    private ClusterChecks() {
    }

    /**
     * Refuses the embedded H2 job repository: every node and the run must share one, and H2's server
     * mode dies with the process that opened the file.
     *
     * @throws ConfigurationProblem naming the setting when no shared database is configured
     */
    public static void requireSharedRepository(Environment environment, String what) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.isBlank() || url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
            throw new ConfigurationProblem(what + " needs a job repository every machine shares: set "
                    + "spring.datasource.url to a PostgreSQL database (the embedded H2 one lives and dies with one process)");
        }
    }

    /**
     * Opens and closes one connection to the broker, so that wrong credentials or an unreachable
     * broker end the command at once with one line, instead of a listener retrying in the background.
     *
     * @throws BrokerUnreachableException saying where and why
     */
    public static void reachBroker(ApplicationContext spring) {
        String url = spring.getEnvironment().getProperty("spring.artemis.broker-url", "tcp://localhost:61616");
        String user = spring.getEnvironment().getProperty("spring.artemis.user", "(no user)");
        try (Connection connection = spring.getBean(ConnectionFactory.class).createConnection()) {
            connection.getMetaData(); // a round trip: the broker has accepted the login
        } catch (JMSException | RuntimeException e) {
            Throwable deepest = e;
            while (deepest.getCause() != null && deepest.getCause() != deepest) {
                deepest = deepest.getCause();
            }
            throw new BrokerUnreachableException("cannot connect to the message broker at " + url + " as " + user
                    + " (spring.artemis.*): " + String.valueOf(deepest.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** The broker refused the connection or could not be reached; the message is the whole story. */
    public static final class BrokerUnreachableException extends RuntimeException {
        BrokerUnreachableException(String message) {
            super(message);
        }
    }
}
