package io.filemill.app.report;

/**
 * A file that failed or was passed over.
 *
 * @param file     its path relative to the inbox
 * @param reason   why, in one line
 * @param location where the file is now (null when it vanished)
 */
public record FileProblem(String file, String reason, String location) {
}
