/**
 * Small concurrency helpers filemill's modules share: named daemon threads.
 */
package io.filemill.pipeline.concurrent;
