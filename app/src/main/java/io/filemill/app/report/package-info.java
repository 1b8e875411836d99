/**
 * What a run reports: the summary on stdout, {@code run-N.json}, measurements, and the progress
 * shown while it runs.
 */
package io.filemill.app.report;
