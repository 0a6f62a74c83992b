package dev.sweep.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker says about itself: host, JVM, OS, cores, memory, process ids and the device it was given
 * ({@code CUDA_VISIBLE_DEVICES}). Sent in Ready and, in part, as every trial's provenance.
 */
public final class HostInfo {
    private final Map<String, String> info;

    private HostInfo(Map<String, String> info) {
        this.info = Map.copyOf(info);
    }

    public static HostInfo collect(String workerId, Map<String, String> env) {
        Map<String, String> m = new LinkedHashMap<>();
        long pid = ProcessHandle.current().pid();
        m.put("worker_id", workerId);
        m.put("pid", Long.toString(pid));
        processGroup().ifPresent(g -> m.put("pgid", Long.toString(g)));
        m.put("host", hostName(env));
        m.put("java_version", System.getProperty("java.version", "?"));
        m.put("java_vendor", System.getProperty("java.vendor", "?"));
        m.put("java_vm", System.getProperty("java.vm.name", "?"));
        m.put("os", System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?")
                + " " + System.getProperty("os.arch", "?"));
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        String cuda = env.get("CUDA_VISIBLE_DEVICES");
        if (cuda != null) {
            m.put("cuda_visible_devices", cuda);
        }
        String omp = env.get("OMP_NUM_THREADS");
        if (omp != null) {
            m.put("omp_num_threads", omp);
        }
        m.put("device", cuda == null || cuda.isBlank() ? "cpu" : "cuda:" + cuda);
        m.put("nd4j_flavour", NativeFlavour.select());
        String version = HostInfo.class.getPackage().getImplementationVersion();
        m.put("sweep_version", version == null ? "dev" : version);
        return new HostInfo(m);
    }

    /** Everything, for the Ready event. */
    public Map<String, String> all() {
        return info;
    }

    /** The part recorded with every trial. */
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        for (String k : new String[] {"worker_id", "host", "java_version", "java_vendor", "os", "cores", "device",
                "cuda_visible_devices", "omp_num_threads", "nd4j_flavour", "sweep_version"}) {
            if (info.containsKey(k)) {
                p.put(k, info.get(k));
            }
        }
        return p;
    }

    public String device() {
        return info.get("device");
    }

    /** The process group id from /proc (Linux); empty elsewhere. */
    static Optional<Long> processGroup() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // pid (comm) state ppid pgrp ... ; comm may hold spaces, so split after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String hostName(Map<String, String> env) {
        String h = env.get("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "unknown";
            }
        }
    }
}
