/**
 * Deterministic corpora of Markdown, HTML and text files, for benchmarks and comparisons.
 */
package io.filemill.app.corpus;
