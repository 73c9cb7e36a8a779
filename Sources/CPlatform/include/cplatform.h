#ifndef NASTAVNIK_CPLATFORM_H
#define NASTAVNIK_CPLATFORM_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success,
/// -1 with errno set otherwise (ENOSYS/EINVAL where the kernel or file system cannot).
/// Swift's Glibc module does not export renameat2, hence this shim.
int nastavnik_exchange_paths(const char *a, const char *b);

#include <stddef.h>
#include <stdint.h>

/// A 128-bit hash of `len` bytes (MurmurHash3 x64-128) that is the same in every run, unlike
/// Swift's per-process seeded Hasher: the build cache compares it across runs. `seed1` and
/// `seed2` chain calls (the previous result).
void nastavnik_hash128(const void *key, size_t len, uint64_t seed1, uint64_t seed2, uint64_t out[2]);

#endif
