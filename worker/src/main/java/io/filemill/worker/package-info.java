/**
 * A forked worker JVM: no Spring; it builds one stage from the parent's HELLO, answers its requests
 * over stdin/stdout, and never outlives its parent.
 */
package io.filemill.worker;
