/**
 * How a stage runs: a thread pool or worker JVMs behind one {@code StageRunner} contract, with the
 * supervision of the workers.
 */
package io.filemill.pipeline.stage;
