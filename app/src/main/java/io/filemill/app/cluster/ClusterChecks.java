package io.filemill.app.cluster;

import io.filemill.app.config.ConfigurationProblem;
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
}
