#!/usr/bin/env python3
"""Lists the GPU code a CUDA library carries: SASS (cubin) per sm_XX and PTX per compute_XX.

Usage: bench/cuda-fatbin-archs.py FILE [FILE ...]   (FILE: a .so/executable, or a .jar whose .so entries are read)

Why: a GPU runs SASS built for its own major architecture (sm_80 SASS runs on sm_86, not on sm_90) or JIT-compiles
embedded PTX of an older or equal compute capability. A library with neither for the GPU's architecture fails at its
first kernel launch ("no kernel image is available for execution on the device"). This reads the ELF section
.nv_fatbin directly, so it needs no CUDA toolkit (cuobjdump --list-elf/--list-ptx says the same where installed).
"""
import collections
import io
import struct
import sys
import zipfile

FATBIN_MAGIC = 0xBA55ED50
KINDS = {1: "ptx", 2: "sass"}


def sections(data):
    if data[:4] != b"\x7fELF":
        raise ValueError("not an ELF file")
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    raw = [struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize) for i in range(shnum)]
    stroff = raw[shstrndx][4]
    out = {}
    for name, _typ, _flags, _addr, off, size in raw:
        end = data.find(b"\0", stroff + name)
        out[data[stroff + name:end].decode()] = (off, size)
    return out


def fatbin_entries(data):
    """Counter of (kind, arch) -> [entries, bytes] over every fat binary in the .nv_fatbin section."""
    secs = sections(data)
    found = collections.defaultdict(lambda: [0, 0])
    if ".nv_fatbin" not in secs:
        return found
    off, size = secs[".nv_fatbin"]
    pos = off
    while pos < off + size:
        magic, _version, header, payload = struct.unpack_from("<IHHQ", data, pos)
        if magic != FATBIN_MAGIC:
            pos += 8  # fat binaries are 8-aligned; skip padding
            continue
        p, end = pos + header, pos + header + payload
        while p < end:
            kind, _v, entry_header = struct.unpack_from("<HHI", data, p)
            padded = struct.unpack_from("<Q", data, p + 8)[0]
            arch = struct.unpack_from("<I", data, p + 28)[0]
            found[(KINDS.get(kind, str(kind)), arch)][0] += 1
            found[(KINDS.get(kind, str(kind)), arch)][1] += padded
            p += entry_header + padded
        pos = end
    return found


def report(name, data):
    entries = fatbin_entries(data)
    print(name)
    if not entries:
        print("  no .nv_fatbin section: no device code")
        return
    for (kind, arch), (count, size) in sorted(entries.items()):
        label = ("sm_%d" if kind == "sass" else "compute_%d") % arch
        print("  %-4s %-11s %5d images %8.1f MB" % (kind, label, count, size / 1e6))
    sass = sorted(a for k, a in entries if k == "sass")
    ptx = sorted(a for k, a in entries if k == "ptx")
    print("  runs natively on majors: %s; PTX for JIT: %s" % (sorted({a // 10 for a in sass}) or "none",
                                                            ["compute_%d" % a for a in ptx] or "none"))


def main(paths):
    for path in paths:
        if path.endswith(".jar"):
            with zipfile.ZipFile(path) as jar:
                for info in jar.infolist():
                    if info.filename.endswith(".so") or ".so." in info.filename:
                        report(path + "!" + info.filename, jar.read(info))
        else:
            with open(path, "rb") as f:
                report(path, f.read())


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
