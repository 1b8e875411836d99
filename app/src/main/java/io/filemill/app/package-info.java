/**
 * The Spring applications behind the commands: {@code BatchApplication} (job repository and Spring
 * Batch only) and {@code FilemillApplication} (also the web server, health and metrics of {@code
 * schedule} and {@code watch}).
 */
package io.filemill.app;
