/**
 * {@code filemill compare}: trials of several configurations on one generated corpus, each in its
 * own JVM, and the reports drawn from them.
 */
package io.filemill.app.compare;
