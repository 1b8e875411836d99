/**
 * The deliver stage: group commit of staged files to processed/ or failed/, journals, and recovery
 * of what an interrupted run left.
 */
package io.filemill.pipeline.deliver;
