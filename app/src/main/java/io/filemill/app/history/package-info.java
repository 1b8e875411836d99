/**
 * Past runs, read from the job repository and the run reports, for {@code history} and {@code
 * show}.
 */
package io.filemill.app.history;
