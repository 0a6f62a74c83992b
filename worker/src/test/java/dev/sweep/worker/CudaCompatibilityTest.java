package dev.sweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CudaCompatibilityTest {

    @Test
    void hopperIsRefusedWithTheReasonAndAmpereIsAccepted() {
        // the line nvidia-smi printed on the H100 this was checked on
        Optional<String> h100 = CudaCompatibility.problem("0, NVIDIA H100 80GB HBM3, 9.0\n");
        assertTrue(h100.isPresent());
        assertTrue(h100.get().contains("GPU 0 (NVIDIA H100 80GB HBM3, compute capability 9.0)"), h100.get());
        assertTrue(h100.get().contains("3.7 to 8.6") && h100.get().contains("CUDA_VISIBLE_DEVICES"), h100.get());
        assertEquals(Optional.empty(), CudaCompatibility.problem("0, NVIDIA A100-SXM4-80GB, 8.0\n1, NVIDIA L4, 8.9\n"));
        Optional<String> mixed = CudaCompatibility.problem("0, NVIDIA A10, 8.6\n1, NVIDIA H200, 9.0\n");
        assertTrue(mixed.isPresent() && mixed.get().contains("GPU 1 (NVIDIA H200") && !mixed.get().contains("A10"),
                mixed.toString());
    }

    @Test
    void linesThatAreNotGpusAreIgnored() {
        assertEquals(Optional.empty(), CudaCompatibility.problem(""));
        assertEquals(Optional.empty(), CudaCompatibility.problem("No devices were found\n"));
        assertEquals(Optional.empty(), CudaCompatibility.problem("0, Some GPU, [N/A]\n"));
    }

    @Test
    void theCpuBuildNeedsNoCheck() {
        CudaCompatibility.check(); // nd4j-native is on this classpath, not the CUDA backend: returns at once
        assertEquals(NativeFlavour.select().equals(NativeFlavour.NOT_CPU), false);
    }
}
