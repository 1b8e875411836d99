/**
 * The stage runners of a run: thread pools, or worker JVMs started from filemill's own class path,
 * with their logs and timings.
 */
package io.filemill.app.worker;
