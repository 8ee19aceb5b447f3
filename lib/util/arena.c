/*
 * lib/util/arena.c — capped bump allocator with reusable blocks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"

#define BLOCK_MIN (64 * 1024)

struct sn_arena_block {
    sn_arena_block *next;
    size_t size, used;
    char data[];
};

void sn_arena_init(sn_arena *a, size_t cap)
{
    a->head = a->cur = NULL;
    a->used_total = 0;
    a->cap = cap;
}

void sn_arena_reset(sn_arena *a)
{
    for (sn_arena_block *b = a->head; b; b = b->next)
        b->used = 0;
    a->cur = a->head;
    a->used_total = 0;
}

void sn_arena_free(sn_arena *a)
{
    sn_arena_block *b = a->head;
    while (b) {
        sn_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = a->cur = NULL;
    a->used_total = 0;
}

static sn_arena_block *next_block(sn_arena *a, size_t n)
{
    /* Reuse a following block that is big enough. */
    for (sn_arena_block *b = a->cur ? a->cur->next : a->head; b; b = b->next)
        if (b->size >= n && b->used == 0)
            return b;
    size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
    sn_arena_block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    /* Insert after cur so reuse order stays cur -> new -> rest. */
    if (a->cur) {
        b->next = a->cur->next;
        a->cur->next = b;
    } else {
        b->next = a->head;
        a->head = b;
    }
    return b;
}

char *sn_arena_alloc(sn_arena *a, size_t n)
{
    if (n > a->cap || a->used_total > a->cap - n)
        return NULL;
    sn_arena_block *b = a->cur;
    if (!b || b->size - b->used < n) {
        b = next_block(a, n);
        if (!b)
            return NULL;
        a->cur = b;
    }
    char *p = b->data + b->used;
    b->used += n;
    a->used_total += n;
    return p;
}

char *sn_arena_alloc_aligned(sn_arena *a, size_t n, size_t align)
{
    sn_arena_block *b = a->cur;
    size_t pad = b ? (align - ((uintptr_t)(b->data + b->used) & (align - 1))) & (align - 1) : 0;
    char *p = sn_arena_alloc(a, n + pad);
    if (!p)
        return NULL;
    /* A fresh block starts aligned (malloc), so the padding lands at the end. */
    uintptr_t off = (align - ((uintptr_t)p & (align - 1))) & (align - 1);
    return p + off;
}

const char *sn_arena_strndup(sn_arena *a, const char *s, size_t n)
{
    char *p = sn_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
