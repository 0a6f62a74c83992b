package dev.sweep.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Refuses, at worker start, a GPU that ND4J's CUDA build cannot run on, with a message that says why, instead of a
 * failure at the first kernel of the first trial.
 *
 * <p>nd4j-cuda-11.6 1.0.0-M2.1 (the {@code -Pcuda} profile) carries machine code for compute capabilities 3.7 to
 * 8.6 and no PTX (bench/cuda-fatbin-archs.py reads its jar), and machine code runs only within its own major
 * version: on an H100 or H200 (9.0) every kernel fails with "no kernel image is available for execution on the
 * device" (seen on an H100 with bench/cuda/hopper-check.sh). Majors 3 to 8 are accepted (8.9 runs 8.6 code).
 */
public final class CudaCompatibility {

    static final int NEWEST_MAJOR = 8;
    private static final String CUDA_BACKEND = "org/nd4j/linalg/jcublas/JCublasBackend.class";

    private CudaCompatibility() {
    }

    /** Throws when the CUDA backend is on the classpath and a visible GPU is too new for it; else does nothing. */
    public static void check() {
        if (CudaCompatibility.class.getClassLoader().getResource(CUDA_BACKEND) == null) {
            return;
        }
        String csv = nvidiaSmi();
        if (csv == null) {
            return; // no nvidia-smi: let ND4J report what it finds
        }
        problem(csv).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
    }

    /**
     * The problem with GPUs listed as nvidia-smi's {@code index, name, compute_cap} CSV lines (no header), if any
     * GPU's compute capability is newer than {@link #NEWEST_MAJOR}.x.
     */
    static Optional<String> problem(String csv) {
        List<String> tooNew = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length < 3) {
                continue;
            }
            String cap = f[f.length - 1].trim();
            try {
                int major = Integer.parseInt(cap.substring(0, cap.indexOf('.') < 0 ? cap.length() : cap.indexOf('.')));
                if (major > NEWEST_MAJOR) {
                    tooNew.add("GPU " + f[0].trim() + " (" + f[1].trim() + ", compute capability " + cap + ")");
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                // not a GPU line
            }
        }
        if (tooNew.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("ND4J's CUDA backend (nd4j-cuda-11.6 1.0.0-M2.1, the -Pcuda build) has GPU code for compute "
                + "capability 3.7 to 8.6 only and cannot run on " + String.join(", ", tooNew) + ". Run the default "
                + "CPU build (without -Pcuda), or restrict CUDA_VISIBLE_DEVICES to an older GPU.");
    }

    private static String nvidiaSmi() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,compute_cap", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
