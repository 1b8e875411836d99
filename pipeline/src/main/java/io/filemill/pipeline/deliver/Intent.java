package io.filemill.pipeline.deliver;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a delivery journal: the plan to publish {@code source} as {@code target} and then
 * remove {@code original} from the inbox. For an unchanged or failed file the source is the original.
 *
 * @param reason why the file failed; null for a delivery
 */
record Intent(Path original, Path source, Path target, String reason) {

    boolean isFailure() {
        return reason != null;
    }

    String toLine() {
        return String.join("\t", isFailure() ? "F" : "D", escape(original.toString()), escape(source.toString()),
                escape(target.toString()), reason == null ? "" : escape(reason)) + "\n";
    }

    /**
     * Parses one line into paths of the journal's file system; a torn last line (the process died
     * while writing it) is null.
     */
    static Intent parse(String line, FileSystem fileSystem) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5 || !(fields[0].equals("D") || fields[0].equals("F"))) {
            return null;
        }
        return new Intent(fileSystem.getPath(unescape(fields[1])), fileSystem.getPath(unescape(fields[2])),
                fileSystem.getPath(unescape(fields[3])),
                fields[0].equals("F") ? unescape(fields[4]) : null);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static List<Intent> parseAll(List<String> lines, FileSystem fileSystem) {
        List<Intent> intents = new ArrayList<>();
        for (String line : lines) {
            Intent intent = line.isEmpty() ? null : parse(line, fileSystem);
            if (intent != null) {
                intents.add(intent);
            }
        }
        return intents;
    }
}
