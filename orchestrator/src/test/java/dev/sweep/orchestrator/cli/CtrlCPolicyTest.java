package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CtrlCPolicyTest {

    @Test
    void theFirstPressStopsGracefullyTheSecondHardTheThirdHalts() {
        List<String> calls = new ArrayList<>();
        Stoppable target = new Stoppable() {
            @Override
            public void requestGracefulStop() {
                calls.add("graceful");
            }

            @Override
            public void requestHardStop() {
                calls.add("hard");
            }
        };
        StringWriter err = new StringWriter();
        CtrlCPolicy policy = new CtrlCPolicy(target, new PrintWriter(err), () -> calls.add("halt"));

        policy.accept(1);
        assertEquals(List.of("graceful"), calls);
        assertTrue(err.toString().contains(
                "stopping: no new trials; running trials will finish (Ctrl-C again to stop them)"), err.toString());

        policy.accept(2);
        assertEquals(List.of("graceful", "hard"), calls);
        assertTrue(err.toString().contains("stopping running trials now"), err.toString());

        policy.accept(3);
        assertEquals(List.of("graceful", "hard", "halt"), calls);
    }
}
