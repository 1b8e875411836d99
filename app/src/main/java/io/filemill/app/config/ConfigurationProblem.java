package io.filemill.app.config;

/** The configuration cannot work; the message is one line that names the setting and the cause. */
public final class ConfigurationProblem extends RuntimeException {

    public ConfigurationProblem(String message) {
        super(message);
    }
}
