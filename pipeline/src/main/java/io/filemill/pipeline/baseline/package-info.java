/**
 * The plainest loop that does filemill's work, the baseline that {@code compare} measures filemill
 * against.
 */
package io.filemill.pipeline.baseline;
