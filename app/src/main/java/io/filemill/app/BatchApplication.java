package io.filemill.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The Spring application behind {@code run}, {@code history} and {@code show}: the job repository
 * and Spring Batch, and nothing for the web or for monitoring, which only {@code schedule} and {@code watch}
 * serves ({@link FilemillApplication}). It imports just the auto-configurations it needs instead of
 * evaluating all of them, which takes about half a second off every run's start.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
        BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class})
@ComponentScan(basePackageClasses = BatchApplication.class, excludeFilters = @ComponentScan.Filter(
        type = FilterType.REGEX, pattern = "io\\.filemill\\.app\\.(FilemillApplication|schedule\\..*|watch\\..*|monitor\\.LastRunHealth|monitor\\.DiskSpaceWhereFilemillWrites)"))
@ConfigurationPropertiesScan(basePackageClasses = BatchApplication.class)
public class BatchApplication {
}
