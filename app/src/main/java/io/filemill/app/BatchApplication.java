package io.filemill.app;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.history.RunHistory;
import io.filemill.app.job.JobComponents;
import io.filemill.app.monitor.RunMetrics;
import io.filemill.app.report.RunReportWriter;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring application behind {@code run}, {@code history} and {@code show}: the job repository
 * and Spring Batch, and nothing for the web or for monitoring, which only {@code schedule} and {@code watch}
 * serves ({@link FilemillApplication}). It imports just the auto-configurations it needs instead of
 * evaluating all of them, which takes about half a second off every run's start, and names its
 * own beans instead of scanning the class path for them ({@code BatchApplicationTests} checks the list
 * against such a scan).
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
        BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class})
@Import({JobComponents.class, RunHistory.class, RunReportWriter.class, RunMetrics.class})
@EnableConfigurationProperties(FilemillProperties.class)
public class BatchApplication {
}
