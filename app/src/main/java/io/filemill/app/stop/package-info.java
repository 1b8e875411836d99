/**
 * The one owner of SIGINT and SIGTERM: stop requests, the grace period, abandoning work in flight,
 * and the exit code of a stopped command.
 */
package io.filemill.app.stop;
