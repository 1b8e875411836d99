package io.filemill.app.config;

import io.filemill.pipeline.deliver.CollisionPolicy;
import io.filemill.pipeline.deliver.Durability;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code filemill.*}, as written in {@code config/application.yml} or given as
 * {@code --filemill.x=y}. Relative paths are relative to the working directory.
 *
 * @param inbox     where files wait to be processed
 * @param processed where delivered files go
 * @param failed    where files that cannot be handled go, each with a {@code .reason} file
 * @param home      state directory: job repository, run reports, journals, lock
 * @param workers   workers per stage
 * @param rules     the title rule chain, in order
 */
@ConfigurationProperties("filemill")
public record FilemillProperties(
        @DefaultValue("work/inbox") Path inbox,
        @DefaultValue("work/processed") Path processed,
        @DefaultValue("work/failed") Path failed,
        @DefaultValue("work/state") Path home,
        @DefaultValue("2") int workers,
        @DefaultValue({"collapse-whitespace", "title-case"}) List<String> rules,
        @DefaultValue Scan scan,
        @DefaultValue Delivery delivery,
        @DefaultValue Title title) {

    /**
     * @param recursive whether subdirectories of the inbox are scanned
     * @param include   globs a file must match; empty takes all
     * @param exclude   globs that rule a file out
     */
    public record Scan(@DefaultValue("false") boolean recursive, @DefaultValue List<String> include,
                       @DefaultValue List<String> exclude) {
    }

    /**
     * @param collision  what to do when processed/ has a file of the same name
     * @param durability {@code durable} forces data to disk before originals are deleted; {@code fast} does not
     * @param batchSize  most files one group commit covers
     */
    public record Delivery(@DefaultValue("suffix") CollisionPolicy collision,
                           @DefaultValue("durable") Durability durability,
                           @DefaultValue("256") int batchSize) {
    }

    /** @param headBytes how far into a file its title may end */
    public record Title(@DefaultValue("1048576") int headBytes) {
    }
}
