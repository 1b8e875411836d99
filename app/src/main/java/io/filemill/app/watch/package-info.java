/**
 * {@code filemill watch}: waves of runs as files become ready, driven by change notifications with
 * a periodic rescan as the safety net.
 */
package io.filemill.app.watch;
