package dev.sweep.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Picks which of ND4J's two bundled CPU builds a JVM loads, before ND4J loads: {@code onednn-avx2} (oneDNN kernels,
 * AVX2/FMA code: 20-30% faster BERT steps here, see worker/BENCHMARKS.md) where the processor has AVX2 and FMA, the
 * generic x86-64 build otherwise (it runs anywhere). Both jars are on the classpath; JavaCPP takes the build named by
 * the system property {@value #JAVACPP_EXTENSION} and would take the oneDNN one when it is unset, which would crash
 * with an illegal instruction on an old processor: hence this choice, made explicitly.
 *
 * <p>Overrides: {@code -Dsweep.nd4j.flavour=generic|onednn-avx2} or the environment variable
 * {@code SWEEP_ND4J_FLAVOUR}; a JavaCPP extension property set by hand is left as it is.
 */
public final class NativeFlavour {

    static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    public static final String GENERIC = "generic";
    public static final String ONEDNN_AVX2 = "onednn-avx2";
    /** What {@link #select} returns when ND4J's CPU backend is not on the classpath. */
    public static final String NOT_CPU = "not-cpu";
    private static final Set<String> NAMES = Set.of(GENERIC, ONEDNN_AVX2);
    private static final String ONEDNN_LIBRARY =
            "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx2/libjnind4jcpu.so";

    private NativeFlavour() {
    }

    /** Sets the JavaCPP extension for this JVM (once; later calls keep the first choice). Returns the flavour. */
    public static synchronized String select() {
        String set = System.getProperty(JAVACPP_EXTENSION);
        if (set != null) {
            return set.equals("-" + ONEDNN_AVX2) ? ONEDNN_AVX2 : set.isEmpty() || set.equals("none") ? GENERIC : set;
        }
        ClassLoader loader = NativeFlavour.class.getClassLoader();
        if (loader.getResource("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class") == null) {
            return NOT_CPU; // the CUDA backend (-Pcuda) loads its own library: nothing to choose
        }
        String flavour = choose(System.getProperty("sweep.nd4j.flavour", System.getenv("SWEEP_ND4J_FLAVOUR")),
                cpuFlags(Path.of("/proc/cpuinfo")));
        if (flavour.equals(ONEDNN_AVX2) && loader.getResource(ONEDNN_LIBRARY) == null) {
            flavour = GENERIC; // built without the oneDNN jar
        }
        // "none" matches no extension, so JavaCPP loads the plain linux-x86_64 build
        System.setProperty(JAVACPP_EXTENSION, flavour.equals(ONEDNN_AVX2) ? "-" + ONEDNN_AVX2 : "none");
        return flavour;
    }

    /** The flavour for a requested name (null = automatic) and the processor's flags (null = unknown). */
    static String choose(String requested, Set<String> cpuFlags) {
        if (requested != null && !requested.isBlank()) {
            String r = requested.trim().toLowerCase(Locale.ROOT);
            if (!NAMES.contains(r)) {
                throw new IllegalArgumentException("sweep.nd4j.flavour must be one of " + NAMES + ", but got '"
                        + requested + "'");
            }
            return r;
        }
        return cpuFlags != null && cpuFlags.contains("avx2") && cpuFlags.contains("fma") ? ONEDNN_AVX2 : GENERIC;
    }

    /** The flags line of a Linux cpuinfo file, or null when it cannot be read (other systems). */
    static Set<String> cpuFlags(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return Set.of(line.substring(colon + 1).trim().split("\\s+"));
                }
            }
            return Set.of();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
