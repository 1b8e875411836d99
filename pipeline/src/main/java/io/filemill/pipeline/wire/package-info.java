/**
 * The protocol between the parent and its worker JVMs: length-prefixed frames, codecs for every
 * value, and the messages.
 */
package io.filemill.pipeline.wire;
