#!/usr/bin/env bash
# A stand-in training program for command-task sweeps (needs only bash and awk). It reads --name=value
# arguments and prints one JSON line per epoch, e.g. {"step": 2, "val_accuracy": 0.8123, "train_loss": 0.3012},
# from a smooth made-up response surface: best near learning_rate 3e-3 and batch_size 32.
# Unknown arguments are accepted and ignored, so any sweep may drive it.
set -euo pipefail
lr=1e-3
bs=32
epochs=3
delay=0.05
for arg in "$@"; do
  case "$arg" in
    --learning_rate=*) lr="${arg#*=}" ;;
    --batch_size=*) bs="${arg#*=}" ;;
    --epochs=*) epochs="${arg#*=}" ;;
    --delay=*) delay="${arg#*=}" ;;
    *) ;;
  esac
done
awk -v lr="$lr" -v bs="$bs" -v epochs="$epochs" -v delay="$delay" 'BEGIN {
  if (lr <= 0 || bs <= 0) { print "learning_rate and batch_size must be positive" > "/dev/stderr"; exit 2 }
  d = log(lr) / log(10) + 2.5
  b = log(bs / 32) / log(2)
  q = exp(-d * d / 2) * (1 - 0.05 * b * b)
  if (q < 0) q = 0
  for (e = 1; e <= epochs; e++) {
    acc = 0.5 + 0.45 * q * (1 - exp(-0.8 * e))
    loss = 0.65 * exp(-0.5 * q * e) + 0.05
    printf "{\"step\": %d, \"val_accuracy\": %.4f, \"train_loss\": %.4f}\n", e, acc, loss
    fflush()
    if (delay > 0) system("sleep " delay)
  }
}'
