package io.filemill.pipeline.wire;

import io.filemill.pipeline.deliver.CollisionPolicy;
import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.deliver.Durability;
import io.filemill.pipeline.deliver.ForceMethod;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.task.DeliveryBatch;
import io.filemill.pipeline.task.FileTask;
import io.filemill.pipeline.task.Outcome.Delivered;
import io.filemill.pipeline.task.Outcome.Failed;
import io.filemill.pipeline.task.Outcome;
import io.filemill.pipeline.task.RetitleResult.Rejected;
import io.filemill.pipeline.task.RetitleResult.Rewritten;
import io.filemill.pipeline.task.RetitleResult.Unchanged;
import io.filemill.pipeline.task.RetitleResult;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The codecs of every value that crosses the pipe between the parent and a worker. */
public final class Codecs {

    private Codecs() {
    }

    public static final Codec<FileTask> FILE_TASK = new Codec<>() {
        @Override
        public void write(WireOutput out, FileTask task) {
            out.writeLong(task.id()).writePath(task.source()).writeString(task.relativeName()).writeLong(task.size())
                    .writeInt(task.mode());
        }

        @Override
        public FileTask read(WireInput in) throws MalformedFrameException {
            return new FileTask(in.readLong(), in.readPath(), in.readRequiredString(), in.readLong(), in.readInt());
        }
    };

    private static final int REWRITTEN = 0;
    private static final int UNCHANGED = 1;
    private static final int REJECTED = 2;

    public static final Codec<RetitleResult> RETITLE_RESULT = new Codec<>() {
        @Override
        public void write(WireOutput out, RetitleResult result) {
            if (result instanceof Rewritten r) {
                out.writeByte(REWRITTEN);
                FILE_TASK.write(out, r.task());
                out.writePath(r.staged()).writeString(r.format()).writeString(r.oldTitle())
                        .writeString(r.newTitle()).writeLong(r.bytes());
            } else if (result instanceof Unchanged u) {
                out.writeByte(UNCHANGED);
                FILE_TASK.write(out, u.task());
                out.writeString(u.format()).writeString(u.title());
            } else {
                Rejected j = (Rejected) result;
                out.writeByte(REJECTED);
                FILE_TASK.write(out, j.task());
                out.writeString(j.reason());
            }
        }

        @Override
        public RetitleResult read(WireInput in) throws MalformedFrameException {
            int kind = in.readByte();
            FileTask task = FILE_TASK.read(in);
            return switch (kind) {
                case REWRITTEN -> new Rewritten(task, in.readPath(), in.readString(), in.readString(),
                        in.readString(), in.readLong());
                case UNCHANGED -> new Unchanged(task, in.readString(), in.readString());
                case REJECTED -> new Rejected(task, in.readRequiredString());
                default -> throw new MalformedFrameException("unknown retitle result kind " + kind);
            };
        }
    };

    public static final Codec<DeliveryBatch> DELIVERY_BATCH = new Codec<>() {
        @Override
        public void write(WireOutput out, DeliveryBatch batch) {
            out.writeString(batch.id()).writeInt(batch.results().size());
            for (RetitleResult result : batch.results()) {
                RETITLE_RESULT.write(out, result);
            }
        }

        @Override
        public DeliveryBatch read(WireInput in) throws MalformedFrameException {
            String id = in.readRequiredString();
            int count = in.readCount();
            List<RetitleResult> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                results.add(RETITLE_RESULT.read(in));
            }
            return new DeliveryBatch(id, results);
        }
    };

    private static final int DELIVERED = 0;
    private static final int FAILED = 1;

    public static final Codec<List<Outcome>> OUTCOMES = new Codec<>() {
        @Override
        public void write(WireOutput out, List<Outcome> outcomes) {
            out.writeInt(outcomes.size());
            for (Outcome outcome : outcomes) {
                if (outcome instanceof Delivered d) {
                    out.writeByte(DELIVERED);
                    FILE_TASK.write(out, d.task());
                    out.writePath(d.target()).writeBoolean(d.changed()).writeString(d.oldTitle())
                            .writeString(d.newTitle()).writeLong(d.bytes());
                } else {
                    Failed f = (Failed) outcome;
                    out.writeByte(FAILED);
                    FILE_TASK.write(out, f.task());
                    out.writePath(f.location()).writeString(f.reason());
                }
            }
        }

        @Override
        public List<Outcome> read(WireInput in) throws MalformedFrameException {
            int count = in.readCount();
            List<Outcome> outcomes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int kind = in.readByte();
                FileTask task = FILE_TASK.read(in);
                outcomes.add(switch (kind) {
                    case DELIVERED -> new Delivered(task, in.readPath(), in.readBoolean(), in.readString(),
                            in.readString(), in.readLong());
                    case FAILED -> new Failed(task, in.readPath(), in.readRequiredString());
                    default -> throw new MalformedFrameException("unknown outcome kind " + kind);
                });
            }
            return outcomes;
        }
    };

    public static final Codec<RetitleSettings> RETITLE_SETTINGS = new Codec<>() {
        @Override
        public void write(WireOutput out, RetitleSettings settings) {
            out.writePath(settings.inbox()).writePath(settings.stagingDir()).writeString(settings.stagingTag())
                    .writeInt(settings.rules().specs().size());
            settings.rules().specs().forEach(out::writeString);
            out.writeString(settings.runDate().toString()).writeInt(settings.headLimit())
                    .writeBoolean(settings.crossDevice()).writeLong(settings.fileTimeout().toMillis());
        }

        @Override
        public RetitleSettings read(WireInput in) throws MalformedFrameException {
            var inbox = in.readPath();
            var stagingDir = in.readPath();
            String tag = in.readRequiredString();
            int count = in.readCount();
            List<String> specs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                specs.add(in.readRequiredString());
            }
            return new RetitleSettings(inbox, stagingDir, tag, RuleChain.parse(specs), LocalDate.parse(in.readRequiredString()),
                    in.readInt(), in.readBoolean(), Duration.ofMillis(in.readLong()));
        }
    };

    public static final Codec<DeliverySettings> DELIVERY_SETTINGS = new Codec<>() {
        @Override
        public void write(WireOutput out, DeliverySettings settings) {
            out.writePath(settings.inbox()).writePath(settings.processed()).writePath(settings.failed()).writePath(settings.journalDir())
                    .writeString(settings.collisions().name()).writeString(settings.durability().name())
                    .writeString(settings.readyMarker()).writeString(settings.forceMethod().name());
        }

        @Override
        public DeliverySettings read(WireInput in) throws MalformedFrameException {
            return new DeliverySettings(in.readPath(), in.readPath(), in.readPath(), in.readPath(),
                    CollisionPolicy.parse(in.readRequiredString()), Durability.parse(in.readRequiredString()), in.readString(),
                    ForceMethod.parse(in.readRequiredString()));
        }
    };
}
