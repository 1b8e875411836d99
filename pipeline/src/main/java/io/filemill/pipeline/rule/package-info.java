/**
 * Title rules and the chain that applies them in order.
 */
package io.filemill.pipeline.rule;
