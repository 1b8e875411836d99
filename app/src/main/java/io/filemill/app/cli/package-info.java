/**
 * The command line: picocli commands, the one place exit codes are decided ({@code ExitCodes}), and
 * the main class.
 */
package io.filemill.app.cli;
