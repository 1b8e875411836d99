package io.filemill.app.cli;

import java.nio.file.Path;

/** A read-only command found no embedded job repository in the state directory; none is created. */
final class NoJobRepositoryException extends RuntimeException {

    NoJobRepositoryException(Path home) {
        super(home + " holds no job repository: no run has used this state directory");
    }
}
