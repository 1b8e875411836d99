package io.filemill.app.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Finds the runs of an inbox that the job repository still shows as running although their process
 * died (killed with SIGKILL, power loss), and marks them failed. Called only while holding the run
 * lock, which proves that no live process owns them.
 */
@Component
class InterruptedRuns {

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;

    InterruptedRuns(JobRepository jobRepository, JobOperator jobOperator) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
    }

    /** Marks the dead runs of this inbox failed and returns their ids. */
    List<Long> markDead(Path inbox) {
        List<Long> marked = new ArrayList<>();
        for (JobExecution execution : jobRepository.findRunningJobExecutions(RetitleJobFactory.JOB_NAME)) {
            if (inbox.toString().equals(execution.getJobParameters().getString("inbox"))) {
                jobOperator.recover(execution);
                marked.add(execution.getId());
            }
        }
        return marked;
    }
}
