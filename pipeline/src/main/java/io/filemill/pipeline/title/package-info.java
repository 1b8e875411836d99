/**
 * Title formats (Markdown, HTML, plain text): where a document carries its title, found in time
 * linear in its head.
 */
package io.filemill.pipeline.title;
