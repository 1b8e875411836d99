package io.filemill.app.job;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The job package's beans, named one by one so that {@code BatchApplication} need not scan the
 * class path for them (reading every class file of the application with ASM at each start).
 */
@Configuration(proxyBeanMethods = false)
@Import({InterruptedRuns.class, JobRepositoryDataSource.class, JobRepositorySchema.class, RetitleJobFactory.class,
        RunService.class})
public class JobComponents {
}
