/**
 * What {@code schedule} and {@code watch} serve: health (last run, job repository, disk space where
 * filemill writes) and Micrometer metrics.
 */
package io.filemill.app.monitor;
