/*
 * lib/dict/check.c — `sentinel dict check`: what a dictionary says that the
 * coder cannot use as written. Five checks (docs/dictionaries.md, "Checks"):
 *
 *  - duplicate: one phrase listed for two actors (or agents) that code
 *    differently; the first listed wins, the other never matches;
 *  - dates: a person's range that ends before it starts, two ranges that
 *    overlap with different codes, a second code without a range;
 *  - unknown-code: a person's code, an actor's country= or role=, or a
 *    pattern's CAMEO code that nothing defines;
 *  - never-matches: a pattern identical to an earlier one, or a word of a
 *    pattern that is not one token of text;
 *  - shadowed: an actor none of whose names can win (each is taken by an
 *    actor listed before it), or a town named like another actor.
 *
 * It reads the image only; file:line come from the locations compile.c
 * keeps when the check runs on text files.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict/dict.h"
#include "sentinel/cameo.h"
#include "sentinel/text.h"
#include "util/date.h"

/* CAMEO's role codes (reference: the CAMEO actor codebook), besides those
 * the agents of the dictionary define. */
static const char *const ROLES[] = {"AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH",
                                    "HRI", "IGO", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGO",
                                    "OPP", "PTY", "RAD", "REB", "REF", "REL", "SEP", "SPY", "UAF", NULL};

typedef struct checker {
    const sn_dict *d;
    const sn_dict_locs *locs;
    const char *where;
    sn_dict_issue_fn fn;
    void *ctx;
    size_t count;
    const char **codes; /* sorted actor codes */
    size_t ncodes;
    const char **roles; /* sorted role codes */
    size_t nroles;
    sn_analyzer *an;
} checker;

enum { REC_NONE = -1, REC_ACTOR, REC_CODE, REC_NAME, REC_PAT };

static const sn_dict_loc *loc_of(const checker *k, int rec, uint32_t i)
{
    if (!k->locs || rec == REC_NONE)
        return NULL;
    const sn_dict_loc *t[] = {k->locs->actors, k->locs->codes, k->locs->names, k->locs->pats};
    return &t[rec][i];
}

static void issue(checker *k, const char *check, int rec, uint32_t i, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void issue(checker *k, const char *check, int rec, uint32_t i, const char *fmt, ...)
{
    sn_dict_issue is;
    const sn_dict_loc *l = loc_of(k, rec, i);
    is.check = check;
    is.file = l ? k->locs->paths[l->file] : k->where;
    is.line = l ? l->line : rec == REC_PAT ? k->d->pats[i].line : 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(is.msg, sizeof is.msg, fmt, ap);
    va_end(ap);
    k->count++;
    if (k->fn)
        k->fn(&is, k->ctx);
}

/* "file:line" of a record, for messages that point at a second place. */
static const char *at(const checker *k, int rec, uint32_t i, char *buf, size_t n)
{
    const sn_dict_loc *l = loc_of(k, rec, i);
    if (l)
        snprintf(buf, n, "%s:%u", k->locs->paths[l->file], l->line);
    else if (rec == REC_PAT)
        snprintf(buf, n, "line %u", k->d->pats[i].line);
    else
        snprintf(buf, n, "%s", k->where);
    return buf;
}

/* A phrase as written: tokens joined by spaces. */
static const char *phrase(const sn_dict *d, uint32_t off, char *buf, size_t n)
{
    snprintf(buf, n, "%s", sn_dict_str(d, off));
    for (char *p = buf; *p; p++)
        if (*p == SN_DICT_SEP)
            *p = ' ';
    return buf;
}

static const char *actor_desc(const sn_dict *d, uint32_t a, char *buf, size_t n)
{
    const sn_img_actor *ac = &d->actors[a];
    if (ac->type == SN_ACT_PERSON)
        snprintf(buf, n, "person \"%s\"", sn_dict_str(d, ac->label));
    else
        snprintf(buf, n, "actor %s", sn_dict_str(d, ac->code));
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_set(const char **set, size_t n, const char *s)
{
    return bsearch(&s, set, n, sizeof *set, cmp_str) != NULL;
}

/* Sorted, deduplicated copy of the strings v[0..n). */
static size_t uniq(const char **v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_str);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || strcmp(v[m - 1], v[i]))
            v[m++] = v[i];
    return m;
}

static int sets_init(checker *k)
{
    const sn_dict *d = k->d;
    k->codes = malloc((d->h->nactors + 1) * sizeof *k->codes);
    k->roles = malloc((d->h->nnames + 40) * sizeof *k->roles);
    if (!k->codes || !k->roles)
        return -1;
    for (uint32_t i = 0; i < d->h->nactors; i++)
        if (d->actors[i].type != SN_ACT_PERSON)
            k->codes[k->ncodes++] = sn_dict_str(d, d->actors[i].code);
    k->ncodes = uniq(k->codes, k->ncodes);
    for (size_t i = 0; ROLES[i]; i++)
        k->roles[k->nroles++] = ROLES[i];
    for (uint32_t i = 0; i < d->h->nnames; i++)
        if (d->names[i].kind == SN_NAME_AGENT)
            k->roles[k->nroles++] = sn_dict_str(d, d->names[i].target);
    k->nroles = uniq(k->roles, k->nroles);
    return 0;
}

/* A code is an actor's code, optionally followed by role codes:
 * "RUS", "RUSGOV", "UNOREF", "NGAINS"; or roles alone ("REB"). */
static int known_code(const checker *k, const char *c)
{
    size_t n = strlen(c);
    if (in_set(k->codes, k->ncodes, c))
        return 1;
    for (size_t pre = n; pre-- > 0;) {
        if ((n - pre) % 3)
            continue;
        char head[32];
        if (pre >= sizeof head)
            continue;
        memcpy(head, c, pre);
        head[pre] = '\0';
        if (pre && !in_set(k->codes, k->ncodes, head))
            continue;
        int ok = 1;
        for (size_t r = pre; r < n && ok; r += 3) {
            char role[4] = {c[r], c[r + 1], c[r + 2], 0};
            ok = in_set(k->roles, k->nroles, role);
        }
        if (ok)
            return 1;
    }
    return 0;
}

static void check_codes(checker *k)
{
    const sn_dict *d = k->d;
    char b1[160];
    for (uint32_t i = 0; i < d->h->nactors; i++) {
        const sn_img_actor *a = &d->actors[i];
        const char *country = sn_dict_str(d, a->country), *role = sn_dict_str(d, a->role);
        if (*country && !in_set(k->codes, k->ncodes, country))
            issue(k, "unknown-code", REC_ACTOR, i, "%s: country=%s is no actor's code", actor_desc(d, i, b1, sizeof b1),
                  country);
        if (*role && !in_set(k->roles, k->nroles, role))
            issue(k, "unknown-code", REC_ACTOR, i, "%s: role=%s is no role code", actor_desc(d, i, b1, sizeof b1), role);
        for (uint32_t j = 0; j < a->codes_n; j++) {
            const char *c = sn_dict_str(d, d->codes[a->codes_first + j].code);
            if (!known_code(k, c))
                issue(k, "unknown-code", REC_CODE, a->codes_first + j,
                      "%s: code %s is not an actor's code followed by role codes", actor_desc(d, i, b1, sizeof b1), c);
        }
    }
    for (uint32_t i = 0; i < d->h->npats; i++) {
        const char *c = sn_dict_str(d, d->pats[i].code);
        if (!sn_cameo_find(c))
            issue(k, "unknown-code", REC_PAT, i, "pattern \"%s ...\": %s is not in the CAMEO table",
                  sn_dict_str(d, d->pats[i].head), c);
    }
}

/* ---- dates ---- */

static const char *range(const sn_img_code *c, char *buf, size_t n)
{
    char f[16] = "", t[16] = "";
    if (c->from != INT32_MIN) {
        sn_date x = sn_date_from_days(c->from);
        sn_date_format(&x, f);
    }
    if (c->to != INT32_MAX) {
        sn_date x = sn_date_from_days(c->to);
        sn_date_format(&x, t);
    }
    snprintf(buf, n, "%s..%s", f, t);
    return buf;
}

static void check_dates(checker *k)
{
    const sn_dict *d = k->d;
    char b1[160], r1[40], r2[40], w[600];
    for (uint32_t i = 0; i < d->h->nactors; i++) {
        const sn_img_actor *a = &d->actors[i];
        int fallbacks = 0;
        for (uint32_t j = 0; j < a->codes_n; j++) {
            uint32_t cj = a->codes_first + j;
            const sn_img_code *c = &d->codes[cj];
            int open = c->from == INT32_MIN && c->to == INT32_MAX;
            if (open && fallbacks++)
                issue(k, "dates", REC_CODE, cj, "%s: a second code without dates (%s) is never used",
                      actor_desc(d, i, b1, sizeof b1), sn_dict_str(d, c->code));
            if (c->from > c->to) {
                issue(k, "dates", REC_CODE, cj, "%s: range %s of %s ends before it starts",
                      actor_desc(d, i, b1, sizeof b1), range(c, r1, sizeof r1), sn_dict_str(d, c->code));
                continue;
            }
            for (uint32_t e = 0; e < j && !open; e++) {
                const sn_img_code *o = &d->codes[a->codes_first + e];
                if ((o->from == INT32_MIN && o->to == INT32_MAX) || o->from > o->to ||
                    !strcmp(sn_dict_str(d, o->code), sn_dict_str(d, c->code)))
                    continue;
                if (c->from <= o->to && o->from <= c->to)
                    issue(k, "dates", REC_CODE, cj, "%s: %s %s overlaps %s %s (%s); the first listed wins",
                          actor_desc(d, i, b1, sizeof b1), sn_dict_str(d, c->code), range(c, r1, sizeof r1),
                          sn_dict_str(d, o->code), range(o, r2, sizeof r2), at(k, REC_CODE, a->codes_first + e, w, 300));
            }
        }
    }
}

/* ---- duplicate names and shadowed actors ---- */

static int cmp_name(const void *a, const void *b, void *ctx)
{
    const sn_dict *sort_dict = ctx;
    const sn_img_name *x = &sort_dict->names[*(const uint32_t *)a], *y = &sort_dict->names[*(const uint32_t *)b];
    int c = strcmp(sn_dict_str(sort_dict, x->toks), sn_dict_str(sort_dict, y->toks));
    if (!c)
        c = (int)(x->flags & SN_NAMEF_CASE) - (int)(y->flags & SN_NAMEF_CASE);
    if (!c)
        c = *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
    return c;
}

/* What a name codes as, for comparing two entries of one phrase. */
static void outcome(const sn_dict *d, const sn_img_name *n, char *buf, size_t len)
{
    if (n->kind == SN_NAME_AGENT) {
        snprintf(buf, len, "agent %s", sn_dict_str(d, n->target));
        return;
    }
    const sn_img_actor *a = &d->actors[n->target];
    if (a->type != SN_ACT_PERSON) {
        const char *how = n->kind == SN_NAME_GOV ? " gov" : a->type != SN_ACT_STATE && n->kind == SN_NAME_ADJ ? " adj" : "";
        snprintf(buf, len, "%d %s%s", a->type, sn_dict_str(d, a->code), how);
        return;
    }
    size_t k = (size_t)snprintf(buf, len, "person %s", sn_dict_str(d, a->country));
    for (uint32_t i = 0; i < a->codes_n && k < len; i++) {
        const sn_img_code *c = &d->codes[a->codes_first + i];
        k += (size_t)snprintf(buf + k, len - k, " %s %d %d", sn_dict_str(d, c->code), c->from, c->to);
    }
}

/* The country a name stands for, to compare a town with another name. */
static const char *country_of(const sn_dict *d, const sn_img_name *n)
{
    if (n->kind == SN_NAME_AGENT)
        return "";
    const sn_img_actor *a = &d->actors[n->target];
    const char *c = sn_dict_str(d, a->country);
    return *c ? c : sn_dict_str(d, a->code);
}

static void check_group(checker *k, const uint32_t *g, size_t n, unsigned char *wins)
{
    const sn_dict *d = k->d;
    char o1[1024], o2[1024], p[256], b1[160], b2[160], w[300];
    int64_t first = -1, first_place = -1;
    for (size_t i = 0; i < n; i++) {
        const sn_img_name *nm = &d->names[g[i]];
        if (nm->kind == SN_NAME_DISCARD)
            continue;
        if (nm->kind != SN_NAME_PLACE && first < 0)
            first = g[i];
        if (nm->kind == SN_NAME_PLACE && first_place < 0)
            first_place = g[i];
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t x = g[i];
        const sn_img_name *nm = &d->names[x];
        if (nm->kind == SN_NAME_DISCARD)
            continue;
        const char *who = nm->kind == SN_NAME_AGENT ? "an agent" : actor_desc(d, nm->target, b1, sizeof b1);
        if (nm->kind == SN_NAME_PLACE) {
            if (first >= 0 && strcmp(country_of(d, &d->names[first]), country_of(d, nm))) {
                const sn_img_name *f = &d->names[first];
                issue(k, "shadowed", REC_NAME, x, "town \"%s\" of %s never matches: it is also a name of %s (%s)",
                      phrase(d, nm->toks, p, sizeof p), sn_dict_str(d, d->actors[nm->target].code),
                      f->kind == SN_NAME_AGENT ? "an agent" : actor_desc(d, f->target, b2, sizeof b2),
                      at(k, REC_NAME, (uint32_t)first, w, sizeof w));
                continue;
            }
            if ((int64_t)x != first_place && strcmp(country_of(d, &d->names[first_place]), country_of(d, nm))) {
                issue(k, "duplicate", REC_NAME, x, "town \"%s\" of %s is already a town of %s (%s); the first listed wins",
                      phrase(d, nm->toks, p, sizeof p), sn_dict_str(d, d->actors[nm->target].code),
                      country_of(d, &d->names[first_place]), at(k, REC_NAME, (uint32_t)first_place, w, sizeof w));
                continue;
            }
            wins[x] = 1;
            continue;
        }
        outcome(d, nm, o1, sizeof o1);
        outcome(d, &d->names[first], o2, sizeof o2);
        if ((int64_t)x == first || !strcmp(o1, o2)) {
            wins[x] = 1;
            continue;
        }
        const sn_img_name *f = &d->names[first];
        issue(k, "duplicate", REC_NAME, x, "\"%s\" of %s is already listed for %s (%s) with another code; the first listed wins",
              phrase(d, nm->toks, p, sizeof p), who,
              f->kind == SN_NAME_AGENT ? "an agent" : actor_desc(d, f->target, b2, sizeof b2),
              at(k, REC_NAME, (uint32_t)first, w, sizeof w));
    }
}

static int cmp_name_key(const sn_dict *d, uint32_t a, uint32_t b)
{
    const sn_img_name *x = &d->names[a], *y = &d->names[b];
    return strcmp(sn_dict_str(d, x->toks), sn_dict_str(d, y->toks)) || (x->flags & SN_NAMEF_CASE) != (y->flags & SN_NAMEF_CASE);
}

static void check_names(checker *k)
{
    const sn_dict *d = k->d;
    uint32_t n = d->h->nnames;
    uint32_t *ix = malloc((n + 1) * sizeof *ix);
    unsigned char *wins = calloc(n + 1, 1);
    unsigned char *has = calloc(d->h->nactors + 1, 1), *reach = calloc(d->h->nactors + 1, 1);
    if (!ix || !wins || !has || !reach)
        goto out;
    for (uint32_t i = 0; i < n; i++)
        ix[i] = i;
    qsort_r(ix, n, sizeof *ix, cmp_name, (void *)d);
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i + 1;
        while (j < n && !cmp_name_key(d, ix[i], ix[j]))
            j++;
        check_group(k, ix + i, j - i, wins);
        i = j;
    }
    for (uint32_t i = 0; i < n; i++) {
        const sn_img_name *nm = &d->names[i];
        if (nm->kind == SN_NAME_AGENT || nm->kind == SN_NAME_DISCARD || nm->kind == SN_NAME_PLACE)
            continue;
        has[nm->target] = 1;
        reach[nm->target] |= wins[i];
    }
    char b1[160];
    for (uint32_t a = 0; a < d->h->nactors; a++)
        if (has[a] && !reach[a])
            issue(k, "shadowed", REC_ACTOR, a, "%s is shadowed: each of its names is matched first by another actor",
                  actor_desc(d, a, b1, sizeof b1));
out:
    free(ix);
    free(wins);
    free(has);
    free(reach);
}

/* ---- patterns ---- */

/* A pattern as text with each alternative set sorted, for comparing. */
static void pat_sig(const sn_dict *d, uint32_t i, char *buf, size_t len)
{
    const sn_img_pat *p = &d->pats[i];
    size_t k = (size_t)snprintf(buf, len, "%d %s", p->kind, sn_dict_str(d, p->head));
    for (uint8_t e = 0; e < p->nelem && k < len; e++) {
        const sn_img_elem *el = &d->elems[p->elem_first + e];
        if (el->type != SN_EL_WORD) {
            k += (size_t)snprintf(buf + k, len - k, " %s", el->type == SN_EL_GAP ? "~" : el->type == SN_EL_TARGET ? "$T" : "$S");
            continue;
        }
        const char *alt[256];
        for (uint8_t a = 0; a < el->nalt; a++)
            alt[a] = sn_dict_str(d, d->alts[el->alt_first + a]);
        qsort(alt, el->nalt, sizeof *alt, cmp_str);
        for (uint8_t a = 0; a < el->nalt && k < len; a++)
            k += (size_t)snprintf(buf + k, len - k, "%c%s", a ? '|' : ' ', alt[a]);
    }
}

static int cmp_sig(const void *a, const void *b, void *ctx)
{
    char **sigs = ctx;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int c = strcmp(sigs[x], sigs[y]);
    return c ? c : x < y ? -1 : 1;
}

/* Is w one token of text whose norm or lemma is w? (lemma only: the head) */
static int one_word(checker *k, const char *w, int lemma_only)
{
    const sn_doc *doc;
    uint32_t n;
    if (!k->an || sn_analyze(k->an, w, strlen(w), NULL, &doc))
        return 1; /* cannot tell */
    const sn_token *t = sn_doc_tokens(doc, &n);
    return n == 1 && (!strcmp(t[0].lemma, w) || (!lemma_only && !strcmp(t[0].norm, w)));
}

static void check_words(checker *k, uint32_t i)
{
    const sn_dict *d = k->d;
    const sn_img_pat *p = &d->pats[i];
    const char *head = sn_dict_str(d, p->head);
    if (!one_word(k, head, 0))
        issue(k, "never-matches", REC_PAT, i, "pattern %s \"%s ...\": its head is not one word of text", sn_dict_str(d, p->code),
              head);
    for (uint8_t e = 0; e < p->nelem; e++) {
        const sn_img_elem *el = &d->elems[p->elem_first + e];
        for (uint8_t a = 0; el->type == SN_EL_WORD && a < el->nalt; a++) {
            const char *w = sn_dict_str(d, d->alts[el->alt_first + a]);
            if (!one_word(k, w, 0))
                issue(k, "never-matches", REC_PAT, i, "pattern %s \"%s ...\": \"%s\" is not one word of text",
                      sn_dict_str(d, p->code), head, w);
        }
    }
}

static void check_patterns(checker *k)
{
    const sn_dict *d = k->d;
    uint32_t n = d->h->npats;
    uint32_t *ix = malloc((n + 1) * sizeof *ix);
    char **sigs = calloc(n + 1, sizeof *sigs);
    int ok = ix && sigs;
    for (uint32_t i = 0; ok && i < n; i++) {
        ix[i] = i;
        ok = (sigs[i] = malloc(1024)) != NULL;
        if (ok)
            pat_sig(d, i, sigs[i], 1024);
        check_words(k, i);
    }
    if (ok) {
        qsort_r(ix, n, sizeof *ix, cmp_sig, sigs);
        char w[300];
        for (uint32_t i = 1; i < n; i++) {
            uint32_t first = ix[i - 1];
            while (i < n && !strcmp(sigs[ix[i]], sigs[first])) {
                const sn_img_pat *p = &d->pats[ix[i]], *f = &d->pats[first];
                int same = !strcmp(sn_dict_str(d, p->code), sn_dict_str(d, f->code));
                issue(k, "never-matches", REC_PAT, ix[i], "pattern %s \"%s ...\" never matches: the same pattern%s%s comes first (%s)",
                      sn_dict_str(d, p->code), sn_dict_str(d, p->head), same ? "" : " with code ",
                      same ? "" : sn_dict_str(d, f->code), at(k, REC_PAT, first, w, sizeof w));
                i++;
            }
        }
    }
    for (uint32_t i = 0; sigs && i < n; i++)
        free(sigs[i]);
    free(sigs);
    free(ix);
}

size_t sn_dict_check_at(const sn_dict *d, const sn_dict_locs *locs, const char *where, sn_dict_issue_fn fn, void *ctx)
{
    checker k;
    memset(&k, 0, sizeof k);
    k.d = d;
    k.locs = locs;
    k.where = where ? where : "built-in";
    k.fn = fn;
    k.ctx = ctx;
    if (sets_init(&k) == 0) {
        if (sn_analyzer_new(&k.an, NULL))
            k.an = NULL;
        check_codes(&k);
        check_dates(&k);
        check_names(&k);
        check_patterns(&k);
        sn_analyzer_free(k.an);
    } else {
        issue(&k, "error", REC_NONE, 0, "out of memory");
    }
    free(k.codes);
    free(k.roles);
    return k.count;
}

size_t sn_dict_check(const sn_dict *d, const char *where, sn_dict_issue_fn fn, void *ctx)
{
    return sn_dict_check_at(d, NULL, where, fn, ctx);
}
