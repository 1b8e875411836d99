package io.filemill.app.cli;

import java.util.List;

/**
 * Options that must reach Spring as command-line arguments, because Spring reads them before the
 * command's own property source exists (logging is set up first).
 */
interface SpringArguments {

    /** The options given, as {@code --name=value} arguments; none when none was given. */
    List<String> springArguments();
}
