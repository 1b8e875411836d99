package io.filemill.app.job;

import io.filemill.app.config.FilemillProperties;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The job repository's database: the standard {@code spring.datasource.*} settings when a URL is
 * given, else an H2 file database in the state directory ({@code <home>/jobrepo.mv.db}) in H2's
 * automatic mixed mode, so that any number of filemill processes can use it at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourceProperties.class)
class JobRepositoryDataSource {

    @Bean
    DataSource dataSource(DataSourceProperties properties, FilemillProperties filemill) {
        if (!StringUtils.hasText(properties.getUrl())) {
            properties.setUrl("jdbc:h2:file:" + filemill.home().toAbsolutePath().normalize().resolve("jobrepo")
                    // WRITE_DELAY=0: a commit is on disk when it returns, so a run ended by a signal or
                    // killed keeps its last recorded state (by default H2 writes up to a second later).
                    // AUTO_SERVER: the process that opens the file serves it to the others (history and
                    // show during a run or under schedule) on a random port that jobrepo.lock.db names
                    + ";WRITE_DELAY=0;AUTO_SERVER=TRUE");
            if (!StringUtils.hasText(properties.getUsername())) {
                properties.setUsername("sa");
            }
        }
        return properties.initializeDataSourceBuilder().build();
    }
}
