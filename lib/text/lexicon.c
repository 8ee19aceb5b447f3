/*
 * lib/text/lexicon.c — lookups in the lexicon image embedded at build time.
 */
#include <pthread.h>
#include <string.h>
#include "text/lexicon.h"
#include "util/hash.h"

extern const unsigned char sn_lexicon_blob[];

static sn_lexicon builtin;

static void view(sn_lexicon *lx, const unsigned char *p)
{
    const sn_lex_header *h = (const sn_lex_header *)p;
    lx->h = h;
    lx->entries = (const sn_lex_entry *)(p + h->entries_off);
    lx->buckets = (const uint32_t *)(p + h->buckets_off);
    lx->extras = (const sn_lex_extra *)(p + h->extras_off);
    lx->strings = (const char *)(p + h->strings_off);
}

static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
    view(&builtin, sn_lexicon_blob);
}

const sn_lexicon *sn_lexicon_builtin(void)
{
    pthread_once(&builtin_once, builtin_init);
    return &builtin;
}

const sn_lex_entry *sn_lex_find(const sn_lexicon *lx, const char *w, size_t n)
{
    uint32_t mask = lx->h->nbuckets - 1;
    uint32_t h = sn_hash(w, n) & mask;
    for (uint32_t b; (b = lx->buckets[h]); h = (h + 1) & mask) {
        const sn_lex_entry *e = &lx->entries[b - 1];
        const char *s = lx->strings + e->word;
        if (!strncmp(s, w, n) && s[n] == '\0')
            return e;
    }
    return NULL;
}
