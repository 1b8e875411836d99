/**
 * The inbox scan: ready files streamed one at a time, with what is skipped or deferred and why.
 */
package io.filemill.pipeline.scan;
