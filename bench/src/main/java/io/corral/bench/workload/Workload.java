package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;

/** One measurement against one running server; a workload opens and closes its own sessions. */
public interface Workload {

    /**
     * Runs to completion within bounds set by {@code settings} (warm-up, duration, drain, setup) and describes the
     * outcome. Throwing means the workload could not be measured at all; the caller records that as failed.
     */
    Result run(Settings settings) throws Exception;
}
