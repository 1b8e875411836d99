package io.filemill.pipeline.retitle;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The UTF-8 check over a 1 MiB file head (the largest a retitle worker checks in one piece), on
 * ASCII text and on text with a non-ASCII character every few words. Forked with the JIT that
 * filemill's JVMs run ({@code -XX:TieredStopAtLevel=1}, C1 only); add
 * {@code -jvmArgsAppend -XX:TieredStopAtLevel=4} to see C2's figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:TieredStopAtLevel=1")
public class TextCheckBenchmark {

    @Param({"ascii", "accented"})
    public String text;

    private byte[] bytes;

    @Setup
    public void writeText() {
        String line = switch (text) {
            case "ascii" -> "meeting notes and the plan for the weekly status review. ";
            case "accented" -> "meeting notes für the plan of the café's weekly status — review. ";
            default -> throw new IllegalArgumentException(text);
        };
        byte[] one = line.getBytes(StandardCharsets.UTF_8);
        bytes = new byte[1024 * 1024 / one.length * one.length];
        for (int at = 0; at < bytes.length; at += one.length) {
            System.arraycopy(one, 0, bytes, at, one.length);
        }
    }

    @Benchmark
    public boolean check() throws BadTextException {
        TextCheck check = new TextCheck();
        check.feed(bytes, 0, bytes.length);
        check.finish();
        return check.asciiOnly();
    }
}
