package io.filemill.pipeline.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filemill.pipeline.deliver.CollisionPolicy;
import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.deliver.Durability;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WireTests {

    static final FileTask TASK = new FileTask(42, Path.of("/in/sub/ünï côdé.md"), "sub/ünï côdé.md", 1234, 0640);

    @Test
    void aPayloadIsByteForByteWhatADataOutputStreamWritesForTheSameValues() throws IOException {
        java.util.Random random = new java.util.Random(13);
        for (int round = 0; round < 200; round++) {
            WireOutput wire = new WireOutput();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            java.io.DataOutputStream data = new java.io.DataOutputStream(expected);
            for (int value = 0; value < random.nextInt(60); value++) {
                switch (random.nextInt(5)) {
                    case 0 -> {
                        int i = random.nextInt();
                        wire.writeInt(i);
                        data.writeInt(i);
                    }
                    case 1 -> {
                        long l = random.nextLong();
                        wire.writeLong(l);
                        data.writeLong(l);
                    }
                    case 2 -> {
                        int b = random.nextInt(256) - 128;
                        wire.writeByte(b);
                        data.writeByte(b);
                    }
                    case 3 -> {
                        String text = random.ints(random.nextInt(400), 0, 0x2FFFF).filter(Character::isValidCodePoint)
                                .filter(c -> c < 0xD800 || c > 0xDFFF)
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
                        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        wire.writeString(text);
                        data.writeInt(utf8.length);
                        data.write(utf8);
                    }
                    default -> {
                        wire.writeString(null);
                        data.writeInt(-1);
                    }
                }
            }
            assertThat(wire.toByteArray()).as("round %d", round).isEqualTo(expected.toByteArray());
        }
    }

    @Nested
    class Codecs {

        private <T> T roundTrip(Codec<T> codec, T value) throws MalformedFrameException {
            return codec.decode(codec.encode(value));
        }

        @Test
        void everyRetitleResultSurvivesTheTrip() throws Exception {
            List<RetitleResult> results = List.of(
                    new RetitleResult.Rewritten(TASK, Path.of("/out/.filemill-x-42.tmp"), "markdown", "old\ttitle", "New", 99),
                    new RetitleResult.Unchanged(TASK, "text", null),
                    new RetitleResult.Rejected(TASK, "binary content (NUL byte at offset 8)"));
            for (RetitleResult result : results) {
                assertThat(roundTrip(io.filemill.pipeline.wire.Codecs.RETITLE_RESULT, result)).isEqualTo(result);
            }
            DeliveryBatch batch = new DeliveryBatch("batch-1", results);
            assertThat(roundTrip(io.filemill.pipeline.wire.Codecs.DELIVERY_BATCH, batch)).isEqualTo(batch);
        }

        @Test
        void outcomesSurviveTheTripWithNullLocations() throws Exception {
            List<Outcome> outcomes = List.of(new Outcome.Delivered(TASK, Path.of("/out/a.md"), true, "a", "A", 5),
                    new Outcome.Delivered(TASK, Path.of("/out/b.md"), false, null, null, 0),
                    new Outcome.Failed(TASK, null, "file vanished"));
            assertThat(roundTrip(io.filemill.pipeline.wire.Codecs.OUTCOMES, outcomes)).isEqualTo(outcomes);
        }

        @Test
        void stageSettingsSurviveTheTrip() throws Exception {
            RetitleSettings retitle = new RetitleSettings(Path.of("/in"), Path.of("/out"), "tag", RuleChain.parse(List.of("trim",
                    "prefix:[x] ")), LocalDate.of(2026, 11, 23), 4096, true);
            RetitleSettings back = roundTrip(io.filemill.pipeline.wire.Codecs.RETITLE_SETTINGS, retitle);
            assertThat(back.rules().specs()).containsExactly("trim", "prefix:[x] ");
            assertThat(back).usingRecursiveComparison().ignoringFields("rules").isEqualTo(retitle);
            DeliverySettings deliver = new DeliverySettings(Path.of("/in"), Path.of("/p"), Path.of("/f"), Path.of("/j"),
                    CollisionPolicy.FAIL, Durability.FAST, null);
            assertThat(roundTrip(io.filemill.pipeline.wire.Codecs.DELIVERY_SETTINGS, deliver)).isEqualTo(deliver);
        }

        @Test
        void bytesThatHoldAnInvalidValueAreMalformedNotACrash() {
            byte[] bad = new WireOutput().writeLong(1).writeString("/in/x").writeString("../etc/passwd").writeLong(1)
                    .writeInt(0644).toByteArray();
            assertThatThrownBy(() -> io.filemill.pipeline.wire.Codecs.FILE_TASK.decode(bad))
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("invalid value");
            byte[] badMode = new WireOutput().writeLong(1).writeString("/in/x").writeString("x").writeLong(1)
                    .writeInt(04755).toByteArray();
            assertThatThrownBy(() -> io.filemill.pipeline.wire.Codecs.FILE_TASK.decode(badMode))
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("invalid value");
        }

        @Test
        void truncatedAndOverlongPayloadsAreMalformed() {
            byte[] whole = io.filemill.pipeline.wire.Codecs.FILE_TASK.encode(TASK);
            for (int cut = 0; cut < whole.length; cut++) {
                byte[] part = Arrays.copyOf(whole, cut);
                assertThatThrownBy(() -> io.filemill.pipeline.wire.Codecs.FILE_TASK.decode(part))
                        .as("cut at " + cut).isInstanceOf(MalformedFrameException.class);
            }
            byte[] longer = Arrays.copyOf(whole, whole.length + 1);
            assertThatThrownBy(() -> io.filemill.pipeline.wire.Codecs.FILE_TASK.decode(longer))
                    .hasMessageContaining("unexpected bytes");
        }

        @Test
        void unknownKindsAreMalformed() {
            byte[] bytes = new WireOutput().writeByte(9).toByteArray();
            assertThatThrownBy(() -> io.filemill.pipeline.wire.Codecs.RETITLE_RESULT.decode(bytes))
                    .isInstanceOf(MalformedFrameException.class);
        }
    }

    @Nested
    class Frames {

        private byte[] framed(FrameType type, byte[] payload) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FrameWriter writer = new FrameWriter(out)) {
                writer.writeAndFlush(type, payload);
            }
            return out.toByteArray();
        }

        @Test
        void framesRoundTripAndTheStreamEndsCleanlyBetweenFrames() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FrameWriter writer = new FrameWriter(out);
            writer.write(FrameType.REQUEST, new byte[] {1, 2, 3});
            writer.write(FrameType.REPLY, new byte[0]);
            writer.flush();
            FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()));
            Frame first = reader.read();
            assertThat(first.type()).isEqualTo(FrameType.REQUEST);
            assertThat(first.payload()).containsExactly(1, 2, 3);
            assertThat(reader.read().type()).isEqualTo(FrameType.REPLY);
            assertThat(reader.read()).isNull();
        }

        @Test
        void aStreamEndingInsideAFrameIsMalformed() throws IOException {
            byte[] whole = framed(FrameType.REQUEST, new byte[] {1, 2, 3, 4});
            for (int cut = 1; cut < whole.length; cut++) {
                FrameReader reader = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(whole, cut)));
                assertThatThrownBy(reader::read).as("cut at " + cut).isInstanceOf(MalformedFrameException.class);
            }
        }

        @Test
        void badLengthsAndTypesAreMalformed() {
            byte[] negative = {(byte) 0xFF, 0, 0, 0, 3};
            byte[] huge = {0x7F, 0, 0, 0, 3};
            byte[] zero = {0, 0, 0, 0};
            byte[] unknownType = {0, 0, 0, 1, 99};
            for (byte[] bytes : List.of(negative, huge, zero, unknownType)) {
                FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes));
                assertThatThrownBy(reader::read).isInstanceOf(MalformedFrameException.class);
            }
        }

        @Test
        void readyFromAnotherProtocolVersionIsRefused() {
            byte[] ready = new WireOutput().writeInt(Messages.PROTOCOL_VERSION + 1).writeLong(7).toByteArray();
            assertThatThrownBy(() -> Messages.readReady(ready)).hasMessageContaining("protocol");
        }
    }
}
