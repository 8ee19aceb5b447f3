/*
 * lib/dict/compile.c — compiles dictionary text files (docs/dictionaries.md)
 * into the binary image of image.h.
 *
 * Phrases go through the project's own text analysis, so a name is matched
 * on exactly the tokens an article would give ("U.S." stays whole, "troops"
 * is stored by its lemma). Errors carry file:line:col; the image is written
 * to a temporary file and renamed, so a failed compile leaves nothing.
 * Where each record came from (file and line) is kept beside the image for
 * `sentinel dict check` (check.c).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict/dict.h"
#include "dict/image.h"
#include "sentinel/code.h"
#include "sentinel/dict.h"
#include "sentinel/text.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/hash.h"

#define MAX_FILE ((size_t)64 << 20)
#define MAX_RECORDS 4000000u

typedef struct builder {
    sn_buf strings;
    sn_vec actors, codes, names, pats, elems, alts, cues;
    sn_vec loc_actors, loc_codes, loc_names, loc_pats; /* sn_dict_loc, parallel to the records */
    uint32_t fileno;
    sn_analyzer *an;
    sn_error *err;
    const char *file;
    unsigned line;
    int block;         /* what indented lines belong to */
    uint32_t actor;    /* current actor or person */
    uint32_t role;     /* current agent's role string */
    int any_codes;     /* "codebook any": event codes of other codebooks (TABARI/WEIS tests) */
    uint32_t nstem1;   /* one-word stem names */
    uint32_t nstempat; /* patterns with a stem head */
    uint32_t stem_lens; /* lengths of one-word stems */
    uint32_t nnoun;     /* noun patterns */
    uint32_t nends;     /* names with regular endings */
    uint32_t *heads;    /* interned pattern heads: open addressing, offsets + 1 */
    uint32_t nheads, heads_cap;
    uint32_t flags;    /* SN_DICTF_* from "option" lines */
    sn_dict_warn_fn warn; /* lenient: report a bad entry and go on */
    void *warn_ctx;
    size_t skipped;
} builder;

enum { BLOCK_NONE, BLOCK_ACTOR, BLOCK_AGENT, BLOCK_PLACES, BLOCK_SKIP };

static int fail(builder *b, unsigned col, const char *fmt, const char *arg)
{
    b->err->rc = SN_ERR_INVALID;
    b->err->line = b->line;
    b->err->col = col;
    snprintf(b->err->msg, sizeof b->err->msg, fmt, arg ? arg : "");
    return -1;
}

/* Note where the record just pushed to v came from. */
static int mark(builder *b, sn_vec *locs)
{
    sn_dict_loc *l = sn_vec_push(locs);
    if (!l)
        return -1;
    l->file = b->fileno;
    l->line = b->line;
    return 0;
}

static uint32_t str(builder *b, const char *s, size_t n)
{
    uint32_t off = (uint32_t)b->strings.len;
    if (sn_buf_add(&b->strings, s, n) || sn_buf_addc(&b->strings, '\0'))
        return UINT32_MAX;
    return off;
}

static uint32_t cstr(builder *b, const char *s)
{
    return str(b, s, strlen(s));
}

/* Split a line into words in place; returns the count. "Quoted words" are one. */
static int split(char *s, char **w, int max, unsigned *cols, const char *line0)
{
    int n = 0;
    while (*s && n < max) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        if (*s == '"') {
            char *e = strchr(s + 1, '"');
            if (!e)
                return -1;
            cols[n] = (unsigned)(s - line0) + 1;
            w[n++] = s + 1;
            *e = '\0';
            s = e + 1;
            continue;
        }
        cols[n] = (unsigned)(s - line0) + 1;
        w[n++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        if (*s)
            *s++ = '\0';
    }
    return n;
}

/* Tokens of phrase as norms joined by SN_DICT_SEP; the last as its lemma
 * when last_lemma. Returns the token count, 0 on failure. */
static int phrase(builder *b, const char *text, int last_lemma, uint32_t *out)
{
    const sn_doc *d;
    if (sn_analyze(b->an, text, strlen(text), NULL, &d))
        return 0;
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    if (n == 0 || n > SN_DICT_MAX_TOKENS)
        return 0;
    char buf[1024];
    size_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        const char *w = last_lemma && i + 1 == n ? t[i].lemma : t[i].norm;
        size_t l = strlen(w);
        if (k + l + 2 > sizeof buf)
            return 0;
        if (i)
            buf[k++] = SN_DICT_SEP;
        memcpy(buf + k, w, l);
        k += l;
    }
    *out = str(b, buf, k);
    return (int)n;
}

/* "US", "UN": a one-word name of two to four capital letters. */
static int all_caps(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return 1;
}

static int add_name(builder *b, const char *text, unsigned col, uint8_t kind, uint32_t target)
{
    uint32_t toks;
    char stem[1024];
    size_t tl = strlen(text);
    int is_stem = tl > 1 && tl < sizeof stem && text[tl - 1] == '*' && kind != SN_NAME_PLACE;
    int ends = tl > 1 && tl < sizeof stem && text[tl - 1] == '+' && kind != SN_NAME_PLACE;
    if (is_stem || ends) { /* "argentin*": the last word is a stem; "estonia+": also "estonias" */
        memcpy(stem, text, tl - 1);
        stem[tl - 1] = '\0';
        text = stem;
    }
    int n = phrase(b, text, kind == SN_NAME_AGENT && !is_stem, &toks);
    if (!n)
        return fail(b, col, "cannot use \"%s\" as a phrase (empty or over 12 tokens)", text);
    if (is_stem && n == 1) {
        b->nstem1++;
        size_t sl = strlen(b->strings.p + toks);
        b->stem_lens |= sl < 32 ? 1u << sl : 0;
    }
    sn_img_name *nm = sn_vec_push(&b->names);
    if (!nm || mark(b, &b->loc_names))
        return fail(b, col, "too many names%s", NULL);
    nm->toks = toks;
    nm->target = target;
    nm->ntok = (uint16_t)n;
    nm->kind = kind;
    nm->flags = (uint8_t)((all_caps(text) ? SN_NAMEF_CASE : 0) | (is_stem ? SN_NAMEF_STEM : 0) |
                          (ends ? SN_NAMEF_ENDS : 0));
    b->nends += (uint32_t)ends;
    return 0;
}

static int valid_code(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

/* An actor code, or a coded compound actor "FRO/BIL/SAM" of up to eight
 * (TABARI manual 6.5.1). */
static int compound_code(const char *s)
{
    char buf[128];
    if (strlen(s) >= sizeof buf)
        return 0;
    strcpy(buf, s);
    int n = 0;
    for (char *p = buf, *e; p; p = e ? e + 1 : NULL, n++) {
        e = strchr(p, '/');
        if (e)
            *e = '\0';
        if (!valid_code(p, 2, 12) || n == 8)
            return 0;
    }
    return 1;
}

static int is_cameo(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    int root = (s[0] - '0') * 10 + (s[1] - '0');
    return root >= 1 && root <= 20;
}

static int actor_type(const char *v)
{
    static const char *const t[] = {"state", "igo", "ngo", "group", "company", "person"};
    for (int i = 0; i < 6; i++)
        if (!strcmp(v, t[i]))
            return i;
    return -1;
}

/* "actor CODE k=v ..." and "person "Name" k=v ..." */
static int start_actor(builder *b, char **w, unsigned *col, int n, int person)
{
    if (n < 2)
        return fail(b, col[0], "%s needs a code or a name", person ? "person" : "actor");
    if (!person && !compound_code(w[1]))
        return fail(b, col[1], "bad actor code \"%s\" (capital letters and digits)", w[1]);
    sn_img_actor *a = sn_vec_push(&b->actors);
    if (!a || mark(b, &b->loc_actors))
        return fail(b, col[0], "too many actors%s", NULL);
    b->actor = (uint32_t)b->actors.n - 1;
    a->code = person ? 0 : cstr(b, w[1]);
    a->label = cstr(b, w[1]);
    a->type = person ? SN_ACT_PERSON : SN_ACT_STATE;
    a->country = a->role = 0;
    a->codes_first = (uint32_t)b->codes.n;
    for (int i = 2; i < n; i++) {
        char *eq = strchr(w[i], '=');
        if (!eq && !strcmp(w[i], "de-facto")) {
            a->flags |= SN_ACTF_DEFACTO;
            continue;
        }
        if (!eq)
            return fail(b, col[i], "expected key=value, not \"%s\"", w[i]);
        *eq = '\0';
        const char *v = eq + 1;
        int t;
        if (!strcmp(w[i], "type") && (t = actor_type(v)) >= 0)
            a->type = (uint8_t)t;
        else if (!strcmp(w[i], "country") && valid_code(v, 3, 3))
            a->country = cstr(b, v);
        else if (!strcmp(w[i], "role") && valid_code(v, 3, 3))
            a->role = cstr(b, v);
        else
            return fail(b, col[i], "unknown key or bad value: %s", w[i]);
    }
    b->block = BLOCK_ACTOR;
    return 0;
}

/* "YYYY-MM-DD", or "YYYY-MM" and "YYYY" when only the month or year is
 * known: a range starts on the first day of it and ends on the last. */
static int parse_day(const char *s, size_t n, int end, int32_t *out)
{
    sn_date d;
    if (sn_date_parse(s, n, &d))
        return -1;
    if (!d.month)
        d.month = end ? 12 : 1;
    if (!d.day)
        d.day = (uint8_t)(end ? sn_date_month_days(d.year, d.month) : 1);
    *out = sn_date_to_days(&d);
    return 0;
}

/* "code CODE [FROM..TO]" inside a person or another actor. A person's first
 * code is its default; another actor keeps the code of its actor line. */
static int person_code(builder *b, char **w, unsigned *col, int n)
{
    sn_img_actor *a = &SN_VEC_AT(&b->actors, sn_img_actor, b->actor);
    if (n < 2 || !valid_code(w[1], 3, 12))
        return fail(b, col[0], "code needs an actor code%s", NULL);
    sn_img_code *c = sn_vec_push(&b->codes);
    if (!c || mark(b, &b->loc_codes))
        return fail(b, col[0], "too many codes%s", NULL);
    c->code = cstr(b, w[1]);
    c->from = INT32_MIN;
    c->to = INT32_MAX;
    if (n > 2) {
        char *dots = strstr(w[2], "..");
        if (!dots)
            return fail(b, col[2], "expected FROM..TO, not \"%s\"", w[2]);
        if ((dots > w[2] && parse_day(w[2], (size_t)(dots - w[2]), 0, &c->from)) ||
            (dots[2] && parse_day(dots + 2, strlen(dots + 2), 1, &c->to)))
            return fail(b, col[2], "bad date in \"%s\" (YYYY-MM-DD, YYYY-MM or YYYY)", w[2]);
    }
    if (!a->code)
        a->code = c->code; /* the first code names the person's default */
    a->codes_n = (uint32_t)b->codes.n - a->codes_first;
    return 0;
}

static int actor_line(builder *b, char *text, char **w, unsigned *col, int n)
{
    uint32_t target = b->actor;
    /* People, and any other actor whose code changes with time (an armed
     * group that took power, a movement that became a party). */
    if (!strcmp(w[0], "code") && n >= 2)
        return person_code(b, w, col, n);
    /* "code AZE 2024-01-01..": what another actor's names stand for at those
     * dates (a range is required, so a name "Code Pink" stays a name). */
    if (!strcmp(w[0], "code") && n == 3 && strstr(w[2], ".."))
        return person_code(b, w, col, n);
    if (!strcmp(w[0], "place") && n >= 2)
        return add_name(b, text + (col[1] - 1), col[1], SN_NAME_PLACE, target);
    if ((!strcmp(w[0], "adj") || !strcmp(w[0], "gov")) && n >= 2) {
        char *rest = text + (col[1] - 1);
        return add_name(b, rest, col[1], w[0][0] == 'a' ? SN_NAME_ADJ : SN_NAME_GOV, target);
    }
    return add_name(b, text + (col[0] - 1), col[0], SN_NAME_ACTOR, target);
}

/* "places CODE": the indented lines that follow are towns of the actor
 * CODE, defined earlier (tools/gen-places.js writes such blocks). */
static int start_places(builder *b, char **w, unsigned *col, int n)
{
    if (n != 2)
        return fail(b, col[0], "places needs one actor code%s", NULL);
    for (size_t i = 0; i < b->actors.n; i++) {
        const sn_img_actor *a = &SN_VEC_AT(&b->actors, sn_img_actor, i);
        if (a->type != SN_ACT_PERSON && !strcmp((const char *)b->strings.p + a->code, w[1])) {
            b->actor = (uint32_t)i;
            b->block = BLOCK_PLACES;
            return 0;
        }
    }
    return fail(b, col[1], "places for \"%s\", which no earlier actor has as its code", w[1]);
}

/* One pattern element: "~", "$T", "$S", or words "a|b|c". */
static int add_elem(builder *b, char *word, unsigned col)
{
    sn_img_elem *e = sn_vec_push(&b->elems);
    if (!e)
        return fail(b, col, "too many pattern elements%s", NULL);
    e->alt_first = (uint32_t)b->alts.n;
    if (!strcmp(word, "~")) {
        e->type = SN_EL_GAP;
        return 0;
    }
    if (!strcmp(word, "$T") || !strcmp(word, "$S") || !strcmp(word, "$_")) {
        e->type = word[1] == 'T' ? SN_EL_TARGET : word[1] == 'S' ? SN_EL_SOURCE : SN_EL_SKIP;
        return 0;
    }
    if (word[0] == '$')
        return fail(b, col, "unknown slot \"%s\" ($T, $S or $_)", word);
    e->type = SN_EL_WORD;
    for (char *s = strtok(word, "|"); s; s = strtok(NULL, "|")) {
        for (char *p = s; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p + 32);
        uint32_t *alt = sn_vec_push(&b->alts);
        if (!alt || e->nalt == 255)
            return fail(b, col, "too many alternatives%s", NULL);
        *alt = cstr(b, s);
        e->nalt++;
        e->bloom |= sn_word_bit(sn_hash(s, strlen(s)));
    }
    return e->nalt ? 0 : fail(b, col, "empty alternative%s", NULL);
}

/* A pattern's head as its lemma, so that "clashes" matches "clash" in text. */
static uint32_t head_lemma(builder *b, const char *word)
{
    const sn_doc *d;
    uint32_t n;
    if (!sn_analyze(b->an, word, strlen(word), NULL, &d)) {
        const sn_token *t = sn_doc_tokens(d, &n);
        if (n == 1)
            return cstr(b, t[0].lemma);
    }
    return cstr(b, word);
}

/* "codebook any": one to four letters or digits ("222", "174K"). */
static int other_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
            return 0;
    return 1;
}

/* The offset of an equal head string already in the pool, dropping the
 * new copy (the last string added), or head itself. */
static uint32_t intern_head(builder *b, uint32_t head)
{
    if (b->nheads * 2 >= b->heads_cap) {
        uint32_t cap = b->heads_cap ? b->heads_cap * 2 : 1024;
        uint32_t *t = calloc(cap, sizeof *t);
        if (!t)
            return head;
        for (uint32_t i = 0; i < b->heads_cap; i++)
            if (b->heads[i]) {
                const char *h = b->strings.p + b->heads[i] - 1;
                uint32_t j = sn_hash(h, strlen(h)) & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = b->heads[i];
            }
        free(b->heads);
        b->heads = t;
        b->heads_cap = cap;
    }
    const char *h = b->strings.p + head;
    uint32_t j = sn_hash(h, strlen(h)) & (b->heads_cap - 1);
    for (; b->heads[j]; j = (j + 1) & (b->heads_cap - 1)) {
        uint32_t o = b->heads[j] - 1;
        if (o < head && !strcmp(b->strings.p + o, h)) {
            if (head + strlen(h) + 1 == b->strings.len)
                b->strings.len = head;
            return o;
        }
    }
    b->heads[j] = head + 1;
    b->nheads++;
    return head;
}

static int pattern(builder *b, char **w, unsigned *col, int n, uint8_t kind)
{
    if (n < 3)
        return fail(b, col[0], "%s needs a CAMEO code and a pattern", kind == SN_PAT_VERB ? "verb" : "noun");
    /* The null code "---" and "discard" (TABARI's [###], stored as "###";
     * manual 6.2, 6.3) code nothing. */
    int special = !strcmp(w[1], "---") || !strcmp(w[1], "discard");
    if (!strcmp(w[1], "discard"))
        strcpy(w[1], "###");
    char *colon = special ? NULL : strchr(w[1], ':'); /* "032:033": a paired code */
    if (colon)
        *colon = '\0';
    int bad = b->any_codes ? !other_code(w[1]) || (colon && !other_code(colon + 1))
                           : !is_cameo(w[1]) || (colon && !is_cameo(colon + 1));
    if (colon)
        *colon = ':';
    if (bad && !special)
        return fail(b, col[1], "\"%s\" is not a CAMEO event code (2-4 digits, root 01-20)", w[1]);
    if (w[2][0] == '$' || w[2][0] == '~' || strchr(w[2], '|'))
        return fail(b, col[2], "a pattern starts with its head word, not \"%s\"", w[2]);
    if (n - 3 > 32)
        return fail(b, col[0], "pattern longer than 32 elements%s", NULL);
    sn_img_pat *p = sn_vec_push(&b->pats);
    if (!p || mark(b, &b->loc_pats))
        return fail(b, col[0], "too many patterns%s", NULL);
    uint32_t pi = (uint32_t)b->pats.n - 1;
    for (char *c = w[2]; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c + 32);
    size_t hl = strlen(w[2]);
    int stem = hl > 1 && w[2][hl - 1] == '*';
    if (stem)
        w[2][hl - 1] = '\0'; /* "restor*": a stem, matched as a prefix of the verb */
    uint32_t code = cstr(b, w[1]), head = stem ? cstr(b, w[2]) : head_lemma(b, w[2]), first = (uint32_t)b->elems.n;
    head = intern_head(b, head); /* patterns of one verb share their head's string */
    /* "verb 112 urge* ~ $T < not": words after "<" stand before the verb,
     * in the clause, in their order (TABARI's "- NOT * ..."). */
    int lt = n;
    for (int i = 3; i < n; i++)
        if (!strcmp(w[i], "<")) {
            lt = i;
            break;
        }
    int compound = 0;
    for (int i = lt + 1; i < n; i++)
        if (!strcmp(w[i], "%"))
            compound = 1;
        else if ((w[i][0] == '$' && strcmp(w[i], "$T") && strcmp(w[i], "$S") && strcmp(w[i], "$_")) ||
                 !strcmp(w[i], "<"))
            return fail(b, col[i], "only words, slots, ~ and %% may stand before the verb, not \"%s\"", w[i]);
    for (int i = lt + 1; i < n; i++)
        if (strcmp(w[i], "%") && add_elem(b, w[i], col[i]))
            return -1;
    uint32_t npre = (uint32_t)(b->elems.n - first);
    for (int i = 3; i < lt; i++)
        if (add_elem(b, w[i], col[i]))
            return -1;
    p = &SN_VEC_AT(&b->pats, sn_img_pat, pi);
    p->npre = (uint8_t)npre;
    p->code = code;
    p->head = head;
    p->elem_first = first;
    p->nelem = (uint8_t)(b->elems.n - first);
    p->kind = kind;
    p->line = b->line;
    p->flags = (uint8_t)((stem ? SN_PATF_STEM : 0) | (compound ? SN_PATF_COMPOUND : 0));
    p->need = p->need_pre = 0;
    for (uint32_t i = first; i < b->elems.n; i++) {
        const sn_img_elem *e = &SN_VEC_AT(&b->elems, sn_img_elem, i);
        if (e->type == SN_EL_WORD && e->nalt == 1) {
            if (i - first < npre)
                p->need_pre |= e->bloom;
            else
                p->need |= e->bloom;
        }
    }
    b->nstempat += (uint32_t)(stem && kind == SN_PAT_VERB);
    b->nnoun += (uint32_t)(kind == SN_PAT_NOUN);
    return 0;
}

static int cue(builder *b, char **w, unsigned *col, int n)
{
    int m = n >= 2 ? sn_modality_from_name(w[1]) : -1;
    if (m < 0)
        return fail(b, n >= 2 ? col[1] : col[0], "cue needs a modality (future, speculative, ...)%s", NULL);
    if (n < 3)
        return fail(b, col[0], "cue needs at least one word%s", NULL);
    for (int i = 2; i < n; i++) {
        sn_img_cue *c = sn_vec_push(&b->cues);
        if (!c)
            return fail(b, col[i], "too many cues%s", NULL);
        for (char *p = w[i]; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p + 32);
        c->word = cstr(b, w[i]);
        c->modality = (uint8_t)m;
    }
    return 0;
}

static void strip_comment(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static int line(builder *b, char *s)
{
    char copy[4096], *w[64];
    unsigned col[64];
    strip_comment(s);
    if (!*s)
        return 0;
    if (strlen(s) >= sizeof copy)
        return fail(b, 1, "line longer than 4096 bytes%s", NULL);
    strcpy(copy, s);
    int indented = s[0] == ' ' || s[0] == '\t';
    int n = split(copy, w, 64, col, copy);
    if (n < 0)
        return fail(b, 1, "unterminated quote%s", NULL);
    if (n == 0)
        return 0;
    if (indented) {
        if (b->block == BLOCK_ACTOR)
            return actor_line(b, s, w, col, n);
        if (b->block == BLOCK_PLACES)
            return add_name(b, s + (col[0] - 1), col[0], SN_NAME_PLACE, b->actor);
        if (b->block == BLOCK_AGENT)
            return add_name(b, s + (col[0] - 1), col[0], SN_NAME_AGENT, b->role);
        if (b->block == BLOCK_SKIP)
            return 0; /* under a block header that was skipped (lenient) */
        return fail(b, col[0], "indented line outside an actor, person or agent block%s", NULL);
    }
    b->block = BLOCK_NONE;
    if (!strcmp(w[0], "actor") || !strcmp(w[0], "person"))
        return start_actor(b, w, col, n, w[0][0] == 'p');
    if (!strcmp(w[0], "agent")) {
        /* A role written "NGO~" goes before the country (NGOUSA), as TABARI's NGO~. */
        size_t rl = n == 2 ? strlen(w[1]) : 0;
        int prefix = rl > 1 && w[1][rl - 1] == '~';
        if (prefix)
            w[1][rl - 1] = '\0';
        if (n != 2 || !valid_code(w[1], 2, 12))
            return fail(b, col[0], "agent needs one role code (GOV, MIL, ..., or NGO~)%s", NULL);
        if (prefix)
            w[1][rl - 1] = '~';
        b->role = cstr(b, w[1]);
        b->block = BLOCK_AGENT;
        return 0;
    }
    if (!strcmp(w[0], "places"))
        return start_places(b, w, col, n);
    if (!strcmp(w[0], "verb") || !strcmp(w[0], "noun"))
        return pattern(b, w, col, n, w[0][0] == 'v' ? SN_PAT_VERB : SN_PAT_NOUN);
    if (!strcmp(w[0], "cue"))
        return cue(b, w, col, n);
    if (!strcmp(w[0], "option")) {
        static const char *const opts[] = {"default-actors", "vp-target", "require-dyad", "anonymous-agents",
                                           "all-agents"};
        for (int i = 0; n == 2 && i < 5; i++)
            if (!strcmp(w[1], opts[i])) {
                b->flags |= 1u << i;
                return 0;
            }
        return fail(b, col[0], "unknown option (default-actors, vp-target, require-dyad, anonymous-agents, all-agents)%s", NULL);
    }
    if (!strcmp(w[0], "codebook")) {
        if (n != 2 || (strcmp(w[1], "any") && strcmp(w[1], "cameo")))
            return fail(b, col[0], "codebook is cameo or any%s", NULL);
        b->any_codes = w[1][0] == 'a';
        return 0;
    }
    if (!strcmp(w[0], "discard") && n >= 2)
        return add_name(b, s + (col[1] - 1), col[1], SN_NAME_DISCARD, 0);
    return fail(b, col[0], "unknown entry \"%s\" (actor, person, agent, places, verb, noun, cue, discard, codebook, option)", w[0]);
}

/* Lengths of every growing section, so a lenient compile can drop a bad
 * entry whole (with its source locations). */
#define NSECTIONS 11

typedef struct section_mark {
    size_t strings, v[NSECTIONS];
} section_mark;

static void sections(builder *b, sn_vec *v[NSECTIONS])
{
    v[0] = &b->actors, v[1] = &b->codes, v[2] = &b->names, v[3] = &b->pats;
    v[4] = &b->elems, v[5] = &b->alts, v[6] = &b->cues;
    v[7] = &b->loc_actors, v[8] = &b->loc_codes, v[9] = &b->loc_names, v[10] = &b->loc_pats;
}

static void set_mark(builder *b, section_mark *m)
{
    sn_vec *v[NSECTIONS];
    sections(b, v);
    m->strings = b->strings.len;
    for (int i = 0; i < NSECTIONS; i++)
        m->v[i] = v[i]->n;
}

static void rollback(builder *b, const section_mark *m)
{
    sn_vec *v[NSECTIONS];
    sections(b, v);
    b->strings.len = m->strings;
    for (int i = 0; i < NSECTIONS; i++)
        v[i]->n = m->v[i];
}

/* One line; in lenient mode a bad entry is reported and dropped, and the
 * indented lines of a dropped block header with it. */
static int lenient_line(builder *b, char *s)
{
    section_mark m;
    set_mark(b, &m);
    int indented = s[0] == ' ' || s[0] == '\t';
    if (!line(b, s))
        return 0;
    if (!b->warn)
        return -1;
    rollback(b, &m);
    b->warn(b->warn_ctx, b->line, b->err->msg);
    b->skipped++;
    memset(b->err, 0, sizeof *b->err);
    if (!indented)
        b->block = BLOCK_SKIP;
    return 0;
}

static int read_stream(builder *b, FILE *f)
{
    char buf[8192];
    int rc = 0;
    while (!rc && fgets(buf, sizeof buf, f)) {
        b->line++;
        size_t n = strlen(buf);
        if (n == sizeof buf - 1 && buf[n - 1] != '\n')
            rc = fail(b, 1, "line longer than 8 KiB%s", NULL);
        else {
            if (n && buf[n - 1] == '\n')
                buf[--n] = '\0';
            rc = lenient_line(b, buf);
        }
    }
    return rc;
}

static int read_file(builder *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    b->file = path;
    b->line = 0;
    b->block = BLOCK_NONE;
    b->any_codes = 0;
    if (!f) {
        b->err->rc = SN_ERR_NOTFOUND;
        snprintf(b->err->msg, sizeof b->err->msg, "cannot open the file");
        return -1;
    }
    int rc = read_stream(b, f);
    fclose(f);
    return rc;
}

static uint32_t name_key_len(const char *toks)
{
    const char *e = strchr(toks, SN_DICT_SEP);
    return e ? (uint32_t)(e - toks) : (uint32_t)strlen(toks);
}

/* Bucket arrays for the three indexes, chaining records by key. */
static int build_index(builder *b, sn_buf *out, sn_img_hash *h, uint32_t n, size_t rec, size_t next_at,
                       uint32_t (*key)(builder *, const void *, const char **))
{
    uint32_t nb = 16;
    while (nb < n * 2)
        nb <<= 1;
    while (out->len % 8)
        if (sn_buf_addc(out, 0))
            return -1;
    h->nbuckets = nb;
    h->off = (uint32_t)out->len;
    uint32_t *buckets = calloc(nb, 4);
    if (!buckets)
        return -1;
    char *base = (char *)(rec == sizeof(sn_img_name) ? b->names.p : rec == sizeof(sn_img_pat) ? b->pats.p : b->cues.p);
    for (uint32_t i = n; i-- > 0;) {
        const char *k;
        uint32_t kl = key(b, base + i * rec, &k);
        uint32_t *next = (uint32_t *)(base + i * rec + next_at);
        uint32_t slot = sn_hash(k, kl) & (nb - 1);
        *next = buckets[slot];
        buckets[slot] = i + 1;
    }
    int rc = sn_buf_add(out, buckets, (size_t)nb * 4) ? -1 : 0;
    free(buckets);
    return rc;
}

/* A name is keyed by its first two tokens (so a common first word does
 * not make a long chain), a one-word name or a two-word stem name
 * ("john smith*") by its first. */
static uint32_t key_name(builder *b, const void *r, const char **k)
{
    const sn_img_name *n = r;
    *k = b->strings.p + n->toks;
    uint32_t first = name_key_len(*k);
    if (n->ntok < 2 || (n->ntok == 2 && (n->flags & SN_NAMEF_STEM)))
        return first;
    return first + 1 + name_key_len(*k + first + 1);
}

static uint32_t key_pat(builder *b, const void *r, const char **k)
{
    *k = b->strings.p + ((const sn_img_pat *)r)->head;
    return (uint32_t)strlen(*k);
}

static uint32_t key_cue(builder *b, const void *r, const char **k)
{
    *k = b->strings.p + ((const sn_img_cue *)r)->word;
    return (uint32_t)strlen(*k);
}

static int add_section(sn_buf *out, const sn_vec *v, uint32_t *off, uint32_t *n)
{
    while (out->len % 8)
        if (sn_buf_addc(out, 0))
            return -1;
    *off = (uint32_t)out->len;
    *n = (uint32_t)v->n;
    return sn_buf_add(out, v->p, v->n * v->esize) ? -1 : 0;
}

/* The image in memory: header, strings, indexes, record sections. */
static int serialize(builder *b, sn_buf *outp)
{
    sn_buf out = *outp;
    sn_dict_header h;
    memset(&h, 0, sizeof h);
    int rc = sn_buf_add(&out, &h, sizeof h) ? -1 : 0;
    if (!rc) {
        h.strings_off = (uint32_t)out.len;
        h.strings_len = (uint32_t)b->strings.len;
        rc = sn_buf_add(&out, b->strings.p, b->strings.len) ? -1 : 0;
    }
    rc = rc || build_index(b, &out, &h.name_index, (uint32_t)b->names.n, sizeof(sn_img_name),
                           offsetof(sn_img_name, next), key_name);
    rc = rc || build_index(b, &out, &h.pat_index, (uint32_t)b->pats.n, sizeof(sn_img_pat),
                           offsetof(sn_img_pat, next), key_pat);
    rc = rc || build_index(b, &out, &h.cue_index, (uint32_t)b->cues.n, sizeof(sn_img_cue),
                           offsetof(sn_img_cue, next), key_cue);
    rc = rc || add_section(&out, &b->actors, &h.actors_off, &h.nactors);
    rc = rc || add_section(&out, &b->codes, &h.codes_off, &h.ncodes);
    rc = rc || add_section(&out, &b->names, &h.names_off, &h.nnames);
    rc = rc || add_section(&out, &b->pats, &h.pats_off, &h.npats);
    rc = rc || add_section(&out, &b->elems, &h.elems_off, &h.nelems);
    rc = rc || add_section(&out, &b->alts, &h.alts_off, &h.nalts);
    rc = rc || add_section(&out, &b->cues, &h.cues_off, &h.ncues);
    if (!rc) {
        h.magic = SN_DICT_MAGIC;
        h.version = SN_DICT_VERSION;
        h.size = (uint32_t)out.len;
        h.nstem1 = b->nstem1;
        h.nstempat = b->nstempat;
        h.stem_lens = b->stem_lens;
        h.nnoun = b->nnoun;
        h.nends = b->nends;
        h.flags = b->flags;
        memcpy(out.p, &h, sizeof h);
    }
    *outp = out;
    return rc;
}

static int write_image(builder *b, const char *path)
{
    sn_buf out;
    sn_buf_init(&out, (size_t)1 << 30);
    int rc = serialize(b, &out);
    if (!rc) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        FILE *f = fopen(tmp, "wb");
        rc = !f || fwrite(out.p, 1, out.len, f) != out.len;
        if (f && fclose(f))
            rc = 1;
        if (!rc && rename(tmp, path))
            rc = 1;
        if (rc)
            remove(tmp);
    }
    sn_buf_free(&out);
    if (rc) {
        b->err->rc = SN_ERR_IO;
        b->file = path;
        b->line = 0;
        snprintf(b->err->msg, sizeof b->err->msg, "cannot write the image");
    }
    return rc ? -1 : 0;
}

static void builder_free(builder *b)
{
    sn_buf_free(&b->strings);
    sn_vec *v[] = {&b->actors, &b->codes, &b->names, &b->pats, &b->elems, &b->alts, &b->cues,
                   &b->loc_actors, &b->loc_codes, &b->loc_names, &b->loc_pats};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        sn_vec_free(v[i]);
    sn_analyzer_free(b->an);
    free(b->heads);
}

static sn_rc builder_init(builder *b, sn_error *err)
{
    memset(b, 0, sizeof *b);
    memset(err, 0, sizeof *err);
    b->err = err;
    sn_buf_init(&b->strings, (size_t)256 << 20);
    sn_vec_init(&b->actors, sizeof(sn_img_actor), MAX_RECORDS);
    sn_vec_init(&b->codes, sizeof(sn_img_code), MAX_RECORDS);
    sn_vec_init(&b->names, sizeof(sn_img_name), MAX_RECORDS);
    sn_vec_init(&b->pats, sizeof(sn_img_pat), MAX_RECORDS);
    sn_vec_init(&b->elems, sizeof(sn_img_elem), MAX_RECORDS);
    sn_vec_init(&b->alts, sizeof(uint32_t), MAX_RECORDS);
    sn_vec_init(&b->cues, sizeof(sn_img_cue), MAX_RECORDS);
    sn_vec *locs[] = {&b->loc_actors, &b->loc_codes, &b->loc_names, &b->loc_pats};
    for (size_t i = 0; i < 4; i++)
        sn_vec_init(locs[i], sizeof(sn_dict_loc), MAX_RECORDS);
    sn_rc rc = sn_analyzer_new(&b->an, NULL);
    if (!rc && cstr(b, "") != 0)
        rc = SN_ERR_NOMEM;
    return rc;
}

/* Read the text files into b; on error err says file:line:col. */
static sn_rc build(builder *b, const char *const *paths, size_t n, sn_error *err)
{
    sn_rc rc = builder_init(b, err);
    for (size_t i = 0; i < n && !rc; i++) {
        b->fileno = (uint32_t)i;
        if (read_file(b, paths[i])) {
            rc = err->rc ? err->rc : SN_ERR_INVALID;
            /* Prefix the message with the file name: file:line:col: message. */
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            snprintf(err->msg, sizeof err->msg, "%.80s:%u:%u: %.100s", paths[i], err->line, err->col, msg);
        }
    }
    return rc;
}

sn_rc sn_dict_compile(const char *const *paths, size_t n, const char *out_path, sn_error *err)
{
    builder b;
    sn_rc rc = build(&b, paths, n, err);
    if (!rc && write_image(&b, out_path))
        rc = SN_ERR_IO;
    builder_free(&b);
    return rc;
}

sn_rc sn_dict_compile_text(const char *text, size_t n, const char *out_path, sn_dict_warn_fn warn, void *ctx,
                           size_t *skipped, sn_error *err)
{
    builder b;
    sn_rc rc = builder_init(&b, err);
    b.warn = warn;
    b.warn_ctx = ctx;
    FILE *f = rc || !n ? NULL : fmemopen((void *)text, n, "rb");
    if (!rc && n && !f)
        rc = SN_ERR_NOMEM;
    if (!rc && f && read_stream(&b, f)) {
        rc = err->rc ? err->rc : SN_ERR_INVALID;
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        snprintf(err->msg, sizeof err->msg, "line %u: %.100s", err->line, msg);
    }
    if (f)
        fclose(f);
    if (skipped)
        *skipped = b.skipped;
    if (!rc && write_image(&b, out_path))
        rc = SN_ERR_IO;
    builder_free(&b);
    return rc;
}

sn_rc sn_dict_check_files(const char *const *paths, size_t n, sn_dict_issue_fn fn, void *ctx, size_t *nissues,
                          sn_error *err)
{
    builder b;
    *nissues = 0;
    sn_rc rc = build(&b, paths, n, err);
    sn_buf img;
    sn_buf_init(&img, (size_t)1 << 30);
    if (!rc && serialize(&b, &img)) {
        rc = SN_ERR_NOMEM;
        snprintf(err->msg, sizeof err->msg, "out of memory");
    }
    sn_dict d;
    if (!rc && sn_dict_view(&d, (const unsigned char *)img.p, img.len, err))
        rc = SN_ERR_INVALID;
    if (!rc) {
        sn_dict_locs locs = {paths, b.loc_actors.p, b.loc_codes.p, b.loc_names.p, b.loc_pats.p};
        *nissues = sn_dict_check_at(&d, &locs, NULL, fn, ctx);
    }
    sn_buf_free(&img);
    builder_free(&b);
    return rc;
}
