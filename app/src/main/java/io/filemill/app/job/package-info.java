/**
 * One run as a Spring Batch job: locks, recovery of an interrupted run, the pipeline as a tasklet,
 * the run's counts and its result.
 */
package io.filemill.app.job;
