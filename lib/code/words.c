/*
 * lib/code/words.c — the coder's word index: every word a pattern element
 * or the first word of a name can hold, built from the dictionary when the
 * coder is created, and what it says of each token of a sentence.
 *
 * The coding passes ask the same questions of every token many times: is
 * it this pattern word (a string compare per alternative and per try), can
 * a pattern's words be in this clause (a word filter), can a name start
 * here (hash probes and chain walks for the norm, the lemma and the next
 * word). The index gives each distinct dictionary word an id, so that
 * once per token and sentence sn_word_bits() hashes the norm and the lemma
 * and finds their ids; a pattern word is then an id compare, and a token
 * whose words start no name is skipped without a dictionary look-up. The
 * index is read-only after sn_coder_new(); nothing here allocates on the
 * hot path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "code/internal.h"
#include "util/hash.h"

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

/* The slot of the word s[0, len) with hash h, or -1. */
static int64_t find(const sn_words *w, uint32_t h, const char *s, size_t len)
{
    for (uint32_t i = h & w->mask;; i = (i + 1) & w->mask) {
        const sn_word_slot *sl = &w->slot[i];
        if (!sl->flags)
            return -1;
        if (sl->hash == h && sl->len == len && !memcmp(w->strings + sl->off, s, len))
            return i;
    }
}

/* Add the word strings[off, off + len) with flags (not 0); returns its id
 * (slot + 1). The table has more slots than words, so one is free. */
static uint32_t add(sn_words *w, uint32_t off, size_t len, uint8_t flags)
{
    const char *s = w->strings + off;
    uint32_t h = sn_hash(s, len);
    uint32_t i = h & w->mask;
    for (;; i = (i + 1) & w->mask) {
        sn_word_slot *sl = &w->slot[i];
        if (!sl->flags) {
            sl->off = off;
            sl->len = (uint32_t)len;
            sl->hash = h;
            w->nwords++;
            break;
        }
        if (sl->hash == h && sl->len == len && !memcmp(w->strings + sl->off, s, len))
            break;
    }
    w->slot[i].flags |= flags;
    return i + 1;
}

/* Every alternative and every name's first word into a table of n slots
 * (a power of two, more than the words); 0, or SN_ERR_NOMEM. */
static sn_rc fill(sn_words *w, const sn_dict *d, size_t n)
{
    free(w->slot);
    w->slot = calloc(n, sizeof *w->slot);
    if (!w->slot)
        return SN_ERR_NOMEM;
    w->mask = (uint32_t)n - 1;
    w->strings = d->strings;
    w->nwords = 0;
    for (uint32_t a = 0; a < d->h->nalts; a++)
        w->alt_id[a] = add(w, d->alts[a], strlen(sn_dict_str(d, d->alts[a])), SN_WORD_PAT);
    for (uint32_t k = 0; k < d->h->nnames; k++) {
        const sn_img_name *nm = &d->names[k];
        const char *p = sn_dict_str(d, nm->toks);
        const char *sep = strchr(p, SN_DICT_SEP);
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        uint8_t f = SN_WORD_NAME;
        if (nm->ntok == 1 && (nm->flags & SN_NAMEF_STEM)) {
            f |= SN_WORD_STEM;
            if (len < 64)
                w->stem_lens |= (uint64_t)1 << len;
            else
                w->stem_long = 1;
        }
        if (nm->ntok == 1 && (nm->flags & SN_NAMEF_ENDS)) {
            f |= SN_WORD_ENDS;
            w->any_ends = 1;
        }
        add(w, nm->toks, len, f);
    }
    return SN_OK;
}

static size_t slots_for(size_t words)
{
    size_t n = 64;
    while (n < 2 * words) /* at least half the slots free: short probes */
        n *= 2;
    return n;
}

sn_rc sn_words_build(sn_words *w, const sn_dict *d)
{
    memset(w, 0, sizeof *w);
    w->alt_id = calloc(d->h->nalts ? d->h->nalts : 1, sizeof *w->alt_id);
    /* First sized as if every alternative and name were a word of its
     * own, then again for the distinct words counted, which are far
     * fewer: a smaller table stays in the caches. */
    size_t n = slots_for((size_t)d->h->nalts + d->h->nnames);
    if (!w->alt_id || fill(w, d, n) || (slots_for(w->nwords) < n && fill(w, d, slots_for(w->nwords)))) {
        sn_words_free(w);
        return SN_ERR_NOMEM;
    }
    return SN_OK;
}

void sn_words_free(sn_words *w)
{
    free(w->slot);
    free(w->alt_id);
    memset(w, 0, sizeof *w);
}

static uint8_t flags_of(const sn_words *w, int64_t slot)
{
    return slot < 0 ? 0 : w->slot[slot].flags;
}

/* One token. A name's first word must equal the token's norm, or for a
 * one-word name its lemma (an agent), a proper prefix of the norm (a stem,
 * "argentin*") or the norm without a final s ("estonia+"): match_name()
 * in actors.c accepts nothing else, so a token with none of these in the
 * index starts no name. */
static void token_info(const sn_words *w, const sn_token *t, sn_tokinfo *out)
{
    const char *n = t->norm;
    uint32_t h = FNV_BASIS, before_last = FNV_BASIS;
    size_t len = 0;
    int start = w->stem_long;
    for (; n[len]; len++) {
        /* FNV-1a is incremental: h is the hash of the prefix n[0, len). */
        if (len < 64 && ((w->stem_lens >> len) & 1) && (flags_of(w, find(w, h, n, len)) & SN_WORD_STEM))
            start = 1;
        before_last = h;
        h = (h ^ (unsigned char)n[len]) * FNV_PRIME;
    }
    if (w->any_ends && len && n[len - 1] == 's' &&
        (flags_of(w, find(w, before_last, n, len - 1)) & SN_WORD_ENDS))
        start = 1;
    int64_t ns = find(w, h, n, len), ls = ns;
    uint32_t hl = h;
    if (t->lemma != n) {
        size_t ll = strlen(t->lemma);
        hl = sn_hash(t->lemma, ll);
        ls = find(w, hl, t->lemma, ll);
    }
    uint8_t nf = flags_of(w, ns), lf = flags_of(w, ls);
    out->hnorm = h;
    out->hlemma = hl;
    out->nlen = (uint32_t)len;
    out->nid = ns < 0 ? 0 : (uint32_t)ns + 1;
    out->lid = ls < 0 ? 0 : (uint32_t)ls + 1;
    /* Only words some pattern element holds can make a pattern match, so
     * only theirs enter the filter (a superset test stays a superset). */
    out->bits = ((nf & SN_WORD_PAT) ? sn_word_bit(h) : 0) | ((lf & SN_WORD_PAT) ? sn_word_bit(hl) : 0);
    out->name_start = start || ((nf | lf) & SN_WORD_NAME);
}

void sn_words_new_doc(sn_coder *c)
{
    if (++c->tgen == 0) { /* after 2^32 documents: start the numbers again */
        memset(c->tcache, 0, SN_TOKCACHE_SLOTS * sizeof *c->tcache);
        c->tgen = 1;
    }
}

/* The word index's view of the sentence's tokens, for the pattern filter,
 * pattern words and name starts. If it cannot be kept (past the cap),
 * c->tinfo stays empty and every pass takes its string path. */
void sn_word_bits(sn_coder *c, const sn_token *tok, uint32_t b, uint32_t e)
{
    sn_vec_reset(&c->tinfo);
    if (e <= b || sn_vec_reserve(&c->tinfo, e - b))
        return;
    sn_tokinfo *ti = c->tinfo.p;
    for (uint32_t i = b; i < e; i++) {
        uintptr_t k = ((uintptr_t)tok[i].norm >> 3) ^ ((uintptr_t)tok[i].lemma << 5);
        sn_tokcache_slot *sl = &c->tcache[(uint32_t)(((uint64_t)k * 0x9E3779B97F4A7C15u) >> 52) %
                                          SN_TOKCACHE_SLOTS];
        if (sl->gen != c->tgen || sl->norm != tok[i].norm || sl->lemma != tok[i].lemma) {
            token_info(&c->words, &tok[i], &sl->info);
            sl->norm = tok[i].norm;
            sl->lemma = tok[i].lemma;
            sl->gen = c->tgen;
        }
        ti[i - b] = sl->info;
    }
    c->tinfo.n = e - b;
}
