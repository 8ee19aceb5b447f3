/*
 * lib/util/hash.h — the project's one string hash (FNV-1a, 32 bits), shared
 * by the build-time table generators and the run-time lookups so that both
 * agree on bucket positions.
 */
#ifndef SN_UTIL_HASH_H
#define SN_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t sn_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

#endif
