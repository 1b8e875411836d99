package io.filemill.pipeline.catalog;

import io.filemill.pipeline.stage.StageDefinition;
import java.util.List;

/**
 * Contributes stages beyond the built-in ones, found with {@link java.util.ServiceLoader} by a
 * worker that is asked for a stage it does not know (tests use this for stages with faults).
 */
public interface StageProvider {

    List<StageDefinition<?, ?, ?>> stages();
}
