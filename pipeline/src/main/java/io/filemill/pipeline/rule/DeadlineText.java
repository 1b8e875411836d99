package io.filemill.pipeline.rule;

import io.filemill.pipeline.task.Deadline;

/**
 * A title as a regular expression reads it: every char read checks the file's deadline, so an
 * expression that backtracks for ever on some title stops at the deadline instead.
 */
record DeadlineText(String text, Deadline deadline) implements CharSequence {

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        deadline.check();
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.substring(start, end), deadline);
    }

    @Override
    public String toString() {
        return text;
    }
}
