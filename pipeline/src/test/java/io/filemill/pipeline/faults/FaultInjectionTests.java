package io.filemill.pipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.filemill.pipeline.deliver.CollisionPolicy;
import io.filemill.pipeline.deliver.Deliverer;
import io.filemill.pipeline.deliver.DeliverySettings;
import io.filemill.pipeline.deliver.Durability;
import io.filemill.pipeline.deliver.Recovery;
import io.filemill.pipeline.engine.Pipeline;
import io.filemill.pipeline.engine.PipelineStages;
import io.filemill.pipeline.faults.FaultyFileSystem.Fault;
import io.filemill.pipeline.retitle.RetitleSettings;
import io.filemill.pipeline.retitle.Retitler;
import io.filemill.pipeline.rule.RuleChain;
import io.filemill.pipeline.scan.InboxScanner;
import io.filemill.pipeline.scan.ScanSettings;
import io.filemill.pipeline.stage.ThreadStageRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection at every file-system operation of a small durable run (two files to rewrite, one
 * unchanged, one binary for failed/): for every k, the k-th operation fails once (transient) or for
 * good (permanent). After the fault no file under a final name differs from a fault-free run's and
 * no file is lost; after healing, start-up recovery and a plain rerun, processed/ and failed/ equal
 * the fault-free run's byte for byte, the inbox is empty, no temporary file and no journal is left.
 */
class FaultInjectionTests {

    private static final Map<String, String> INPUTS = new LinkedHashMap<>();

    static {
        INPUTS.put("a.md", "# first   title\n\nbody\n");
        INPUTS.put("b.html", "<html><head><title>second  page</title></head></html>\n");
        INPUTS.put("c.txt", "Already Fine\n\nbody\n");
        INPUTS.put("d.md", "# binary\u0000\n");
    }

    @TempDir
    Path temp;

    private final FaultyFileSystem disk = new FaultyFileSystem();

    /** One run's directories, on the faulty file system. */
    private record Run(Path inbox, Path processed, Path failed, Path journal) {
    }

    private Run prepare(String name) throws IOException {
        Path base = Files.createDirectories(temp.resolve(name));
        Path inbox = Files.createDirectory(base.resolve("inbox"));
        for (Map.Entry<String, String> input : INPUTS.entrySet()) {
            Files.writeString(inbox.resolve(input.getKey()), input.getValue(), StandardCharsets.UTF_8);
        }
        return new Run(disk.wrap(inbox), disk.wrap(Files.createDirectory(base.resolve("processed"))),
                disk.wrap(Files.createDirectory(base.resolve("failed"))),
                disk.wrap(Files.createDirectory(base.resolve("journal"))));
    }

    private DeliverySettings delivery(Run run) {
        return new DeliverySettings(run.inbox(), run.processed(), run.failed(), run.journal(), CollisionPolicy.SUFFIX,
                Durability.DURABLE, null);
    }

    /** Runs the pipeline once, as a run does after its start-up recovery; a run that fails as a whole is fine here. */
    private void runOnce(Run run) throws IOException {
        Recovery.recover(delivery(run));
        Retitler retitler = new Retitler(new RetitleSettings(run.inbox(), run.processed(), "t", RuleChain.defaults(),
                LocalDate.of(2026, 11, 24), RetitleSettings.DEFAULT_HEAD_LIMIT));
        Deliverer deliverer = new Deliverer(delivery(run));
        PipelineStages stages = new PipelineStages(new ThreadStageRunner<>("retitle", retitler::retitle, 1, 4),
                new ThreadStageRunner<>("deliver", deliverer, 1, 1));
        try {
            new Pipeline(new InboxScanner(run.inbox(), ScanSettings.defaults()), stages, 2).run(outcome -> { });
        } catch (Exception runFailedAsAWhole) {
            // the invariants below are what matters
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    private static List<String> visible(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationFailingOnceOrForGood() throws IOException {
        Run clean = prepare("reference");
        disk.failAt(Integer.MAX_VALUE, Fault.TRANSIENT);
        runOnce(clean);
        int operations = disk.operations();
        Map<String, byte[]> processed = contents(clean.processed());
        Map<String, byte[]> failed = contents(clean.failed());
        assertThat(processed.keySet()).containsExactly("a.md", "b.html", "c.txt");
        assertThat(failed.keySet()).containsExactly("d.md", "d.md.reason");
        assertThat(operations).isGreaterThan(20);

        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 1; k <= operations; k++) {
            for (Fault fault : Fault.values()) {
                int at = k;
                tests.add(DynamicTest.dynamicTest("operation " + k + " of " + operations + ", " + fault.name().toLowerCase(),
                        () -> faultAndRecover(at, fault, processed, failed)));
            }
        }
        return tests.stream();
    }

    private void faultAndRecover(int k, Fault fault, Map<String, byte[]> processed, Map<String, byte[]> failed)
            throws IOException {
        Run run = prepare(k + "-" + fault);
        disk.failAt(k, fault);
        runOnce(run);
        String context = "fault at operation " + k + " (" + fault + "); operations: " + disk.log();
        disk.heal();

        for (String name : visible(run.processed())) {
            assertThat(Files.readAllBytes(run.processed().resolve(name))).as(name + " under its final name, " + context)
                    .isEqualTo(processed.get(name));
        }
        List<String> everywhere = new ArrayList<>(visible(run.inbox()));
        everywhere.addAll(visible(run.processed()));
        everywhere.addAll(visible(run.failed()).stream().filter(n -> !n.endsWith(".reason")).toList());
        assertThat(everywhere.stream().distinct().sorted().toList()).as("no file lost, " + context)
                .containsExactlyElementsOf(INPUTS.keySet().stream().sorted().toList());

        runOnce(run);

        assertThat(contents(run.processed())).as("processed/ after a rerun, " + context)
                .containsOnlyKeys(processed.keySet())
                .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(processed.get(name)));
        assertThat(contents(run.failed())).as("failed/ after a rerun, " + context)
                .containsOnlyKeys(failed.keySet())
                .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(failed.get(name)));
        assertThat(visible(run.inbox())).as("inbox after a rerun, " + context).isEmpty();
        assertThat(contents(run.journal())).as("journals after a rerun, " + context).isEmpty();
    }
}
