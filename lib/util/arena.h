/*
 * lib/util/arena.h — a capped bump allocator for short-lived strings (token
 * norms and lemmas). Reset frees nothing: the blocks are kept for the next
 * document, so a warmed-up arena makes no further mallocs.
 */
#ifndef SN_UTIL_ARENA_H
#define SN_UTIL_ARENA_H

#include <stddef.h>

typedef struct sn_arena_block sn_arena_block;

typedef struct sn_arena {
    sn_arena_block *head, *cur;
    size_t used_total, cap; /* bytes handed out since reset, and the cap */
} sn_arena;

void sn_arena_init(sn_arena *a, size_t cap);
void sn_arena_reset(sn_arena *a);
void sn_arena_free(sn_arena *a);
/* n bytes, 1-aligned, or NULL at the cap or OOM. */
char *sn_arena_alloc(sn_arena *a, size_t n);
/* n bytes aligned to align (a power of two), or NULL. */
char *sn_arena_alloc_aligned(sn_arena *a, size_t n, size_t align);
/* A NUL-terminated copy of s[0..n). */
const char *sn_arena_strndup(sn_arena *a, const char *s, size_t n);

#endif
