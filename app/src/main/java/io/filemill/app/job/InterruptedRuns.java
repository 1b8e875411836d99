package io.filemill.app.job;

import io.filemill.app.config.RunSettings;
import io.filemill.pipeline.deliver.Recovery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * What interrupted runs of an inbox left: the runs the job repository still shows as running
 * although their process died (killed with SIGKILL, power loss), which it marks failed, and the
 * deliveries their journals show half done, which {@link Recovery} completes. Called only while
 * holding the run lock, which proves that no live process owns them.
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

    /** Marks the dead runs failed and finishes their deliveries, saying what it found. */
    void finish(RunSettings settings) throws IOException {
        for (long dead : markDead(settings.inbox())) {
            log.warn("run {} did not finish (its process died); marked FAILED, finishing its files now", dead);
        }
        Files.createDirectories(settings.journalDir());
        Recovery.Report recovered = Recovery.recover(settings.deliverySettings());
        if (recovered.foundAnything()) {
            log.info("finished an interrupted run: {} journals, {} originals removed, {} staged files deleted",
                    recovered.journals(), recovered.completed(), recovered.staleFiles());
        }
        if (recovered.refused() > 0) {
            log.warn("left {} journaled deliveries alone: their paths lie outside today's inbox, processed "
                    + "and failed directories; their journals stay in {}", recovered.refused(), settings.journalDir());
        }
    }

    /** Marks the dead runs of this inbox failed and returns their ids. */
    private List<Long> markDead(Path inbox) {
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
