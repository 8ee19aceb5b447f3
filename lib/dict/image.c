/*
 * lib/dict/image.c — opening a compiled dictionary: mmap, bounds checks of
 * every section and index, and the hash look-ups. The built-in image is
 * linked into the library and viewed in place.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict/dict.h"
#include "sentinel/cameo.h"
#include "util/hash.h"
#include "util/error.h"
#include "util/mapfile.h"

/* The built-in image (tools/dictc.c; tools/nodict.c for dictc itself). */
extern const unsigned char sn_dict_blob[];
extern const unsigned char sn_dict_blob_end[];

/* In bounds, and aligned for its records (strings are bytes). */
static int section_ok(size_t size, uint32_t off, uint32_t n, size_t rec)
{
    return off <= size && (uint64_t)n * rec <= size - off && (rec == 1 || off % 4 == 0);
}

static int index_ok(size_t size, const sn_img_hash *h)
{
    return h->nbuckets && !(h->nbuckets & (h->nbuckets - 1)) && h->off % 4 == 0 &&
           section_ok(size, h->off, h->nbuckets, 4);
}

/* Every string offset and chain link must stay inside its section. */
static int records_ok(const sn_dict *d)
{
    const sn_dict_header *h = d->h;
    uint32_t sl = h->strings_len;
    for (uint32_t i = 0; i < h->nactors; i++) {
        const sn_img_actor *a = &d->actors[i];
        if (a->code >= sl || a->country >= sl || a->role >= sl || a->label >= sl ||
            a->codes_first > h->ncodes || a->codes_n > h->ncodes - a->codes_first)
            return 0;
    }
    for (uint32_t i = 0; i < h->ncodes; i++)
        if (d->codes[i].code >= sl)
            return 0;
    for (uint32_t i = 0; i < h->nnames; i++) {
        const sn_img_name *n = &d->names[i];
        if (n->toks >= sl || n->next > h->nnames || n->kind > SN_NAME_PLACE)
            return 0;
        if (n->kind == SN_NAME_AGENT ? n->target >= sl : n->kind != SN_NAME_DISCARD && n->target >= h->nactors)
            return 0;
    }
    for (uint32_t i = 0; i < h->npats; i++) {
        const sn_img_pat *p = &d->pats[i];
        if (p->code >= sl || p->head >= sl || p->next > h->npats || p->elem_first > h->nelems ||
            p->nelem > h->nelems - p->elem_first)
            return 0;
    }
    for (uint32_t i = 0; i < h->nelems; i++)
        if (d->elems[i].alt_first > h->nalts || d->elems[i].nalt > h->nalts - d->elems[i].alt_first)
            return 0;
    for (uint32_t i = 0; i < h->nalts; i++)
        if (d->alts[i] >= sl)
            return 0;
    for (uint32_t i = 0; i < h->ncues; i++)
        if (d->cues[i].word >= sl || d->cues[i].next > h->ncues)
            return 0;
    return 1;
}

static int buckets_ok(const sn_dict *d, const sn_img_hash *ix, uint32_t n)
{
    const uint32_t *b = (const uint32_t *)(d->base + ix->off);
    for (uint32_t i = 0; i < ix->nbuckets; i++)
        if (b[i] > n)
            return 0;
    return 1;
}

int sn_dict_view(sn_dict *d, const unsigned char *base, size_t size, sn_error *err)
{
    const sn_dict_header *h = (const sn_dict_header *)base;
    if (size < sizeof *h || h->magic != SN_DICT_MAGIC) {
        sn_set_error(err, SN_ERR_INVALID, "not a Sentinel dictionary image");
        return -1;
    }
    if (h->version != SN_DICT_VERSION || h->size != size) {
        sn_set_error(err, SN_ERR_INVALID, "dictionary image of another version, or truncated; recompile it");
        return -1;
    }
    if (!section_ok(size, h->strings_off, h->strings_len, 1) || !h->strings_len ||
        base[h->strings_off + h->strings_len - 1] != '\0' ||
        !section_ok(size, h->actors_off, h->nactors, sizeof(sn_img_actor)) ||
        !section_ok(size, h->codes_off, h->ncodes, sizeof(sn_img_code)) ||
        !section_ok(size, h->names_off, h->nnames, sizeof(sn_img_name)) ||
        !section_ok(size, h->pats_off, h->npats, sizeof(sn_img_pat)) ||
        !section_ok(size, h->elems_off, h->nelems, sizeof(sn_img_elem)) ||
        !section_ok(size, h->alts_off, h->nalts, 4) ||
        !section_ok(size, h->cues_off, h->ncues, sizeof(sn_img_cue)) || !index_ok(size, &h->name_index) ||
        !index_ok(size, &h->pat_index) || !index_ok(size, &h->cue_index)) {
        sn_set_error(err, SN_ERR_INVALID, "dictionary image is corrupt (a section lies outside the file)");
        return -1;
    }
    d->base = base;
    d->size = size;
    d->h = h;
    d->strings = (const char *)base + h->strings_off;
    d->actors = (const sn_img_actor *)(base + h->actors_off);
    d->codes = (const sn_img_code *)(base + h->codes_off);
    d->names = (const sn_img_name *)(base + h->names_off);
    d->pats = (const sn_img_pat *)(base + h->pats_off);
    d->elems = (const sn_img_elem *)(base + h->elems_off);
    d->alts = (const uint32_t *)(base + h->alts_off);
    d->cues = (const sn_img_cue *)(base + h->cues_off);
    if (!records_ok(d) || !buckets_ok(d, &h->name_index, h->nnames) || !buckets_ok(d, &h->pat_index, h->npats) ||
        !buckets_ok(d, &h->cue_index, h->ncues)) {
        sn_set_error(err, SN_ERR_INVALID, "dictionary image is corrupt (a record points outside its section)");
        return -1;
    }
    return 0;
}

sn_rc sn_dict_open(const char *path, sn_dict **out, sn_error *err)
{
    *out = NULL;
    const void *p;
    size_t n;
    sn_rc rc = sn_map_file(path, "dictionary image", &p, &n, err);
    if (rc)
        return rc;
    sn_dict *d = calloc(1, sizeof *d);
    if (!d || sn_dict_view(d, p, n, err)) {
        sn_unmap_file(p, n);
        free(d);
        return d ? SN_ERR_INVALID : SN_ERR_NOMEM;
    }
    d->mapped = 1;
    *out = d;
    return SN_OK;
}

void sn_dict_close(sn_dict *d)
{
    if (!d)
        return;
    if (d->mapped)
        sn_unmap_file(d->base, d->size);
    free(d);
}

static sn_dict builtin;
static int builtin_ok;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
    builtin_ok = !sn_dict_view(&builtin, sn_dict_blob, (size_t)(sn_dict_blob_end - sn_dict_blob), NULL);
}

const sn_dict *sn_dict_builtin(void)
{
    pthread_once(&builtin_once, builtin_init);
    return builtin_ok ? &builtin : NULL;
}

uint32_t sn_dict_lookup(const sn_dict *d, const sn_img_hash *h, const char *key)
{
    const uint32_t *b = (const uint32_t *)(d->base + h->off);
    return b[sn_hash(key, strlen(key)) & (h->nbuckets - 1)];
}

uint32_t sn_dict_lookup_hash(const sn_dict *d, const sn_img_hash *h, uint32_t hash)
{
    const uint32_t *b = (const uint32_t *)(d->base + h->off);
    return b[hash & (h->nbuckets - 1)];
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct strings of v[0..n), sorted in place. */
static size_t distinct(const char **v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_cstr);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += !i || strcmp(v[i - 1], v[i]);
    return m;
}

static int root_of(const char *code)
{
    int r = code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9' ? (code[0] - '0') * 10 + code[1] - '0' : 0;
    return r >= 1 && r <= 20 ? r : 0;
}

/* Distinct codes per actor type, roles, and event codes per root. */
static void coverage(const sn_dict *d, sn_dict_stats *s)
{
    const sn_dict_header *h = d->h;
    size_t cap = h->nactors + h->nnames + h->npats + 1;
    const char **v = malloc(cap * sizeof *v);
    if (!v)
        return;
    size_t n = 0, m = 0;
    for (uint32_t i = 0; i < h->nactors; i++)
        if (d->actors[i].type == SN_ACT_STATE)
            v[n++] = sn_dict_str(d, d->actors[i].code);
    s->states = distinct(v, n);
    for (uint32_t i = 0; i < h->nactors; i++)
        if (d->actors[i].type == SN_ACT_STATE && (d->actors[i].flags & SN_ACTF_DEFACTO))
            v[m++] = sn_dict_str(d, d->actors[i].code);
    s->defacto = distinct(v, m);
    n = 0;
    for (uint32_t i = 0; i < h->nnames; i++)
        if (d->names[i].kind == SN_NAME_AGENT)
            v[n++] = sn_dict_str(d, d->names[i].target);
    s->roles = distinct(v, n);
    for (int r = 1; r <= 20; r++) {
        n = 0;
        for (uint32_t i = 0; i < h->npats; i++)
            if (root_of(sn_dict_str(d, d->pats[i].code)) == r)
                v[n++] = sn_dict_str(d, d->pats[i].code);
        s->root_patterns[r] = n;
        s->root_codes[r] = distinct(v, n);
    }
    free(v);
    for (size_t i = 0; i < sn_cameo_count(); i++)
        s->root_table[root_of(sn_cameo_at(i)->code)]++;
}

void sn_dict_get_stats(const sn_dict *d, sn_dict_stats *s)
{
    memset(s, 0, sizeof *s);
    s->bytes = d->size;
    s->actors = d->h->nactors;
    s->patterns = d->h->npats;
    s->cues = d->h->ncues;
    for (uint32_t i = 0; i < d->h->nactors; i++) {
        const sn_img_actor *a = &d->actors[i];
        s->people += a->type == SN_ACT_PERSON;
        s->igos += a->type == SN_ACT_IGO;
        s->ngos += a->type == SN_ACT_NGO;
        s->groups += a->type == SN_ACT_GROUP;
        s->companies += a->type == SN_ACT_COMPANY;
        s->person_codes += a->type == SN_ACT_PERSON ? a->codes_n : 0;
        int dated = 0;
        for (uint32_t j = 0; j < a->codes_n; j++)
            dated |= d->codes[a->codes_first + j].from != INT32_MIN || d->codes[a->codes_first + j].to != INT32_MAX;
        s->dated_people += a->type == SN_ACT_PERSON && dated;
    }
    for (uint32_t i = 0; i < d->h->npats; i++) {
        s->verb_patterns += d->pats[i].kind == SN_PAT_VERB;
        s->noun_patterns += d->pats[i].kind == SN_PAT_NOUN;
    }
    for (uint32_t i = 0; i < d->h->nnames; i++) {
        uint8_t k = d->names[i].kind;
        s->names += k == SN_NAME_ACTOR || k == SN_NAME_ADJ || k == SN_NAME_GOV;
        s->agents += k == SN_NAME_AGENT;
        s->discards += k == SN_NAME_DISCARD;
        s->places += k == SN_NAME_PLACE;
    }
    coverage(d, s);
}
