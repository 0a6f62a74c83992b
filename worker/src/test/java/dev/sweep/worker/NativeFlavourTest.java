package dev.sweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class NativeFlavourTest {

    @Test
    void avx2AndFmaPickTheOneDnnBuildAndAnythingElseTheGenericOne() {
        assertEquals(NativeFlavour.ONEDNN_AVX2, NativeFlavour.choose(null, Set.of("sse4_2", "avx", "avx2", "fma")));
        assertEquals(NativeFlavour.GENERIC, NativeFlavour.choose(null, Set.of("sse4_2", "avx", "fma")), "no AVX2");
        assertEquals(NativeFlavour.GENERIC, NativeFlavour.choose(null, Set.of("avx2")), "no FMA");
        assertEquals(NativeFlavour.GENERIC, NativeFlavour.choose(null, null), "flags unknown");
        assertEquals(NativeFlavour.GENERIC, NativeFlavour.choose("Generic", Set.of("avx2", "fma")), "asked for");
        assertEquals(NativeFlavour.ONEDNN_AVX2, NativeFlavour.choose(" onednn-avx2 ", Set.of()), "asked for");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeFlavour.choose("avx512", Set.of()));
        assertTrue(e.getMessage().contains("'avx512'") && e.getMessage().contains("generic"), e.getMessage());
    }

    @Test
    void readsTheFlagsLineOfCpuinfo(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx2 fma bmi2\n\n"
                + "processor\t: 1\nflags\t\t: fpu\n");
        assertEquals(Set.of("fpu", "sse2", "avx2", "fma", "bmi2"), NativeFlavour.cpuFlags(cpuinfo));
        assertNull(NativeFlavour.cpuFlags(dir.resolve("missing")), "unreadable: unknown, not empty");
    }

    @Test
    void theLoadedNd4jLibraryIsTheSelectedBuild() {
        String flavour = NativeFlavour.select();
        assertEquals(2.0, Nd4j.createFromArray(1f, 1f).sumNumber().doubleValue(), 0.0);
        String library = Loader.getLoadedLibraries().get("nd4jcpu");
        assertNotNull(library, "ND4J's CPU library is loaded: " + Loader.getLoadedLibraries().keySet());
        assertEquals(flavour.equals(NativeFlavour.ONEDNN_AVX2), library.contains("linux-x86_64-onednn-avx2"),
                "flavour " + flavour + " but loaded " + library);
        Set<String> flags = NativeFlavour.cpuFlags(Path.of("/proc/cpuinfo"));
        if (flags != null && flags.contains("avx2") && flags.contains("fma")
                && System.getProperty("sweep.nd4j.flavour") == null && System.getenv("SWEEP_ND4J_FLAVOUR") == null) {
            assertEquals(NativeFlavour.ONEDNN_AVX2, flavour, "this processor has AVX2 and FMA");
        }
    }
}
