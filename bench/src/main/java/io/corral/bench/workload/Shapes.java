package io.corral.bench.workload;

import io.corral.bench.Result;
import io.corral.bench.Settings;
import io.corral.bench.driver.ClosedLoop;

/** The result keys every closed-loop workload reports. */
final class Shapes {

    private Shapes() {
    }

    static Result closedLoop(Settings s, ClosedLoop.Outcome outcome) {
        return Result.of(s).outcome(outcome)
                .put("sessions", s.integer("sessions"))
                .put("outstanding", s.integer("outstanding"))
                .put("data_bytes", s.integer("data-bytes"));
    }
}
