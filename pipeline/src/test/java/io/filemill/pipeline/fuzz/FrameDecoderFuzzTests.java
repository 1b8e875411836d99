package io.filemill.pipeline.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.filemill.pipeline.wire.Codec;
import io.filemill.pipeline.wire.Codecs;
import io.filemill.pipeline.wire.Frame;
import io.filemill.pipeline.wire.FrameReader;
import io.filemill.pipeline.wire.MalformedFrameException;
import io.filemill.pipeline.wire.Messages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Fuzzes what a parent or a worker reads from a pipe: any bytes may arrive (a worker printing
 * garbage, a damaged stream). Reading and decoding them may only end in a
 * {@link MalformedFrameException}, which costs a worker and never the run; any other exception, a
 * hang or running out of memory is a bug.
 */
class FrameDecoderFuzzTests {

    private static final List<Codec<?>> CODECS = List.of(Codecs.FILE_TASK, Codecs.RETITLE_RESULT,
            Codecs.DELIVERY_BATCH, Codecs.OUTCOMES, Codecs.RETITLE_SETTINGS, Codecs.DELIVERY_SETTINGS);

    @FuzzTest(maxDuration = "10s")
    void anyBytesDecodeOrFailAsMalformed(byte[] input) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(input));
        try {
            for (Frame frame; (frame = reader.read()) != null; ) {
                decodeEveryWay(frame.payload());
            }
        } catch (MalformedFrameException expected) {
            // a worker that sends this is replaced; the run goes on
        }
    }

    private static void decodeEveryWay(byte[] payload) {
        for (Codec<?> codec : CODECS) {
            try {
                Messages.readNumbered(payload, codec);
            } catch (MalformedFrameException expected) {
                // refused as malformed: fine
            }
        }
        try {
            Messages.readFailure(payload);
        } catch (MalformedFrameException expected) {
            // refused as malformed: fine
        }
        try {
            Messages.readReady(payload);
        } catch (MalformedFrameException expected) {
            // refused as malformed: fine
        }
    }
}
