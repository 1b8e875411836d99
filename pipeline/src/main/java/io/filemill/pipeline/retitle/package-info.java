/**
 * The retitle stage: read a file's head, check its text, find and rewrite its title, and stage the
 * result.
 */
package io.filemill.pipeline.retitle;
