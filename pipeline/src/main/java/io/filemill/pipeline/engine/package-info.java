/**
 * The pipeline of one run: scan, retitle, deliver in batches, and the listener that hears every
 * file's fate.
 */
package io.filemill.pipeline.engine;
