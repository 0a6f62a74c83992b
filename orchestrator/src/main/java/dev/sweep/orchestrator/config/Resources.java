package dev.sweep.orchestrator.config;

import java.util.List;

/**
 * Where trials run: {@code devices} lists GPU indices (one worker slot per device × trialsPerDevice, each
 * started with CUDA_VISIBLE_DEVICES set); when empty, {@code workers} CPU worker processes share the cores.
 * {@code jvmArgs} are extra JVM options for every worker process (e.g. {@code -Xmx8g}).
 */
public record Resources(List<Integer> devices, int workers, int trialsPerDevice, List<String> jvmArgs) {
    public Resources {
        devices = List.copyOf(devices);
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        if (workers < 1) {
            throw new IllegalArgumentException("workers >= 1 must hold, but got (workers=" + workers + ")");
        }
        if (trialsPerDevice < 1) {
            throw new IllegalArgumentException("trials_per_device >= 1 must hold, but got (trials_per_device=" + trialsPerDevice + ")");
        }
    }

    public Resources(List<Integer> devices, int workers, int trialsPerDevice) {
        this(devices, workers, trialsPerDevice, List.of());
    }

    /** Number of worker slots. */
    public int slots() {
        return devices.isEmpty() ? workers : devices.size() * trialsPerDevice;
    }
}
