// Which builds of one kernel a GPU can launch: SASS of another major architecture fails, PTX is JIT-compiled.
// bench/cuda/hopper-check.sh builds it three ways (sm_86 SASS only, like nd4j-cuda-11.6 1.0.0-M2.1; compute_86 PTX;
// sm_90 SASS) and runs each.
#include <cstdio>
__global__ void add_one(float *x, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] += 1.0f;
}
int main() {
    const int n = 1 << 20;
    float *d = nullptr;
    cudaMalloc(&d, n * sizeof(float));
    cudaMemset(d, 0, n * sizeof(float));
    add_one<<<(n + 255) / 256, 256>>>(d, n);
    cudaError_t launch = cudaGetLastError();
    cudaError_t sync = cudaDeviceSynchronize();
    float h = -1;
    cudaMemcpy(&h, d, sizeof(float), cudaMemcpyDeviceToHost);
    printf("launch: %s; sync: %s; x[0] = %.1f (1.0 when the kernel ran)\n", cudaGetErrorString(launch),
           cudaGetErrorString(sync), h);
    cudaFree(d);
    return launch == cudaSuccess && sync == cudaSuccess && h == 1.0f ? 0 : 1;
}
