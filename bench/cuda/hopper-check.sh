#!/usr/bin/env bash
# Run on a GPU machine with nvcc: can code built like nd4j-cuda-11.6 1.0.0-M2.1 (SASS up to sm_86, no PTX; see
# bench/cuda-fatbin-archs.py on its jar) run on this GPU? Builds one kernel three ways and launches each.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
nvidia-smi --query-gpu=name,compute_cap,driver_version --format=csv,noheader
nvcc --version | tail -1
for target in "sm_86:arch=compute_86,code=sm_86" "compute_86-ptx:arch=compute_86,code=compute_86" \
              "sm_90:arch=compute_90,code=sm_90"; do
    name=${target%%:*}
    nvcc -gencode "${target#*:}" -o "$tmp/$name" "$here/sass-vs-ptx.cu" || { echo "$name: build failed"; continue; }
    python3 "$here/../cuda-fatbin-archs.py" "$tmp/$name" | sed -n 2p
    printf '%-15s ' "$name:"; "$tmp/$name"; echo "  exit $?"
done
