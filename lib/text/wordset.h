/*
 * lib/text/wordset.h — a fixed set of words for fast membership tests: the
 * passes' word lists (speech verbs, clause cues ...) are hashed once into
 * a small open-addressing table, so a test costs one hash of the word and
 * usually one comparison instead of a walk along the list.
 *
 * Fill a set once (under pthread_once) with sn_wordset_fill; it is then
 * read-only and safe to share between threads.
 */
#ifndef SN_TEXT_WORDSET_H
#define SN_TEXT_WORDSET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SN_WORDSET_SLOTS 256 /* a power of two, at least twice the longest list */

typedef struct sn_wordset {
    const char *slot[SN_WORDSET_SLOTS];
} sn_wordset;

static inline uint32_t sn_wordset_hash(const char *w)
{
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h & (SN_WORDSET_SLOTS - 1);
}

static inline void sn_wordset_fill(sn_wordset *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t h = sn_wordset_hash(words[i]);
        while (s->slot[h] && strcmp(s->slot[h], words[i]))
            h = (h + 1) & (SN_WORDSET_SLOTS - 1);
        s->slot[h] = words[i];
    }
}

static inline int sn_wordset_has(const sn_wordset *s, const char *w)
{
    for (uint32_t h = sn_wordset_hash(w); s->slot[h]; h = (h + 1) & (SN_WORDSET_SLOTS - 1))
        if (!strcmp(s->slot[h], w))
            return 1;
    return 0;
}

#define SN_WORDSET_FILL(s, list) sn_wordset_fill((s), (list), sizeof(list) / sizeof *(list))

#endif
