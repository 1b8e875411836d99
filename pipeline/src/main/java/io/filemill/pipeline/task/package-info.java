/**
 * The values that flow through the pipeline (file tasks, results, outcomes, batches) and the rules
 * every stage keeps: confinement and deadlines.
 */
package io.filemill.pipeline.task;
