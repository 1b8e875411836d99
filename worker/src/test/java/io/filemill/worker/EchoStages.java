package io.filemill.worker;

import io.filemill.pipeline.catalog.StageProvider;
import io.filemill.pipeline.stage.StageDefinition;
import io.filemill.pipeline.task.EngineBugException;
import io.filemill.pipeline.wire.Codec;
import io.filemill.pipeline.wire.MalformedFrameException;
import io.filemill.pipeline.wire.WireInput;
import io.filemill.pipeline.wire.WireOutput;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The "echo" stage, for runner tests: replies with its input upper-cased. Some inputs make the
 * worker misbehave the way real workers can: {@code boom} throws, {@code die} kills the JVM,
 * {@code die-once:FILE} kills it unless FILE exists (and creates it), {@code hang} never answers,
 * {@code sleep:N} takes N ms,
 * {@code oom} runs out of memory, {@code garbage} writes junk to the frame stream, {@code print} writes to System.out.
 */
public final class EchoStages implements StageProvider {

    static final Codec<String> STRING = new Codec<>() {
        @Override
        public void write(WireOutput out, String value) {
            out.writeString(value);
        }

        @Override
        public String read(WireInput in) throws MalformedFrameException {
            return in.readRequiredString();
        }
    };

    public static final StageDefinition<String, String, String> ECHO = new StageDefinition<>("echo", STRING, STRING,
            STRING, settings -> EchoStages::echo, (input, reason) -> "CRASH:" + reason);

    @Override
    public List<StageDefinition<?, ?, ?>> stages() {
        return List.of(ECHO);
    }

    static String echo(String input) throws Exception {
        if (input.equals("boom")) {
            throw new IllegalStateException("boom requested");
        }
        if (input.equals("bug")) {
            throw new EngineBugException(EngineBugException.PREFIX + "a bug requested");
        }
        if (input.equals("die")) {
            Runtime.getRuntime().halt(137);
        }
        if (input.startsWith("die-once:")) {
            Path marker = Path.of(input.substring("die-once:".length()));
            if (Files.notExists(marker)) {
                Files.createFile(marker);
                Runtime.getRuntime().halt(137);
            }
        }
        if (input.equals("oom")) {
            List<long[]> hog = new java.util.ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        }
        if (input.equals("hang")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        if (input.startsWith("sleep:")) {
            Thread.sleep(Long.parseLong(input.substring("sleep:".length())));
        }
        if (input.equals("garbage")) {
            try {
                FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
                raw.write(new byte[] {0x7f, 1, 2, 3, 4, 5, 6, 7});
                raw.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (input.equals("print")) {
            System.out.println("a stray print");
        }
        return input.toUpperCase(Locale.ROOT);
    }
}
