/**
 * The configuration: {@code filemill.*} properties, checked before anything is written, and
 * resolved into the settings of one run.
 */
package io.filemill.app.config;
