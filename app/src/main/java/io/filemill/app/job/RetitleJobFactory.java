package io.filemill.app.job;

import io.filemill.pipeline.engine.Pipeline;
import java.util.concurrent.CompletableFuture;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the {@value #JOB_NAME} job for one run: a single step that drives that run's pipeline.
 * A job is built per run because its step follows that run's pipeline and recorder.
 */
@Component
public class RetitleJobFactory {

    /** The name every run is recorded under in the job repository. */
    public static final String JOB_NAME = "retitle";
    static final String STEP_NAME = "retitle-files";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;

    RetitleJobFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
    }

    Job create(CompletableFuture<Long> run, Pipeline pipeline, RunRecorder recorder) {
        Step step = new StepBuilder(STEP_NAME, jobRepository)
                .tasklet(new PipelineTasklet(run, pipeline, recorder), transactionManager)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository).start(step).build();
    }
}
