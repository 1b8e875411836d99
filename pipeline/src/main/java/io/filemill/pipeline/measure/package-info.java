/**
 * Measurements of a run's processes and pipes: CPU time, peak memory, frames and bytes.
 */
package io.filemill.pipeline.measure;
