package dev.sweep.orchestrator.config;

import java.util.List;

/**
 * Where trials run: {@code devices} lists GPU indices (one worker slot per device × trialsPerDevice, each
 * started with CUDA_VISIBLE_DEVICES set); when empty, {@code workers} CPU worker processes share the cores.
 */
public record Resources(List<Integer> devices, int workers, int trialsPerDevice) {
    public Resources {
        devices = List.copyOf(devices);
        if (workers < 1) {
            throw new IllegalArgumentException("workers >= 1 must hold, but got (workers=" + workers + ")");
        }
        if (trialsPerDevice < 1) {
            throw new IllegalArgumentException("trials_per_device >= 1 must hold, but got (trials_per_device=" + trialsPerDevice + ")");
        }
    }

    /** Number of worker slots. */
    public int slots() {
        return devices.isEmpty() ? workers : devices.size() * trialsPerDevice;
    }
}
