package io.filemill.app.job;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The runs the job repository still shows as running although their process died (killed with
 * SIGKILL, power loss): marked failed. The deliveries their journals show half done were finished
 * when the next run started ({@link StartedRun}), before anything asked the job repository. Called
 * only while holding the run lock, which proves that no live process owns them.
 */
@Component
class InterruptedRuns {

    private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;

    InterruptedRuns(JobRepository jobRepository, JobOperator jobOperator) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
    }

    /** Marks the dead runs of this inbox failed, saying which. */
    void markDead(Path inbox) {
        for (JobExecution execution : jobRepository.findRunningJobExecutions(RetitleJobFactory.JOB_NAME)) {
            if (inbox.toString().equals(execution.getJobParameters().getString("inbox"))) {
                jobOperator.recover(execution);
                log.warn("run {} did not finish (its process died); marked FAILED (its journaled deliveries "
                        + "were finished when this run started)", execution.getId());
            }
        }
    }
}
