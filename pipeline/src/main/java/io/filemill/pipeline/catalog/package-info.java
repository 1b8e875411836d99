/**
 * The stages a worker JVM can build, by name: filemill's retitle and deliver stages and any a
 * {@code StageProvider} contributes.
 */
package io.filemill.pipeline.catalog;
