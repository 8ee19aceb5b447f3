/*
 * lib/dict/import.c — the shared half of the TABARI and PETRARCH importers
 * (import_tabari.c, import_petrarch.c): it writes Sentinel's dictionary
 * text (docs/dictionaries.md) line by line, remembers where each line came
 * from, reports what the model cannot hold as "file:line: skipped: why",
 * expands synsets in patterns, and compiles the result leniently, so that
 * one bad entry of a production dictionary never stops the import.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict/dict.h"
#include "dict/import.h"

#define TEXT_CAP ((size_t)512 << 20)
#define MAX_VARIANTS 64   /* patterns one synset-laden pattern may expand to */
#define MAX_ITEMS 32      /* elements of one pattern */
#define MAX_ALTS 64

static const char *const kind_names[SN_IK__COUNT] = {
    "actors", "agents", "verbs", "patterns", "synsets", "discards", "issues", "time shifts", "options",
    "prepositions", "other"};

const char *sn_import_kind_name(sn_import_kind k)
{
    return (unsigned)k < SN_IK__COUNT ? kind_names[k] : "?";
}

void sn_imp_emit(sn_imp *im, const char *fmt, ...)
{
    if (im->failed)
        return;
    char line[SN_IMP_LINE];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line)
        return;
    for (int i = 0; i < n; i++) /* one entry is one line */
        if (line[i] == '\n' || line[i] == '\r')
            line[i] = ' ';
    sn_imp_src *src = sn_vec_push(&im->map);
    if (!src || sn_buf_add(&im->text, line, (size_t)n) || sn_buf_addc(&im->text, '\n')) {
        im->failed = 1;
        return;
    }
    src->file = im->file;
    src->line = im->line;
}

static void vreport(sn_imp *im, const char *prefix, const char *fmt, va_list ap)
{
    char msg[512];
    int k = snprintf(msg, sizeof msg, "%s", prefix);
    vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
    if (im->report)
        im->report(im->rctx, im->files[im->file], im->line, msg);
}

void sn_imp_skip(sn_imp *im, sn_import_kind k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!im->quiet)
        vreport(im, "skipped: ", fmt, ap);
    va_end(ap);
    if (!im->quiet)
        im->st->skipped[k]++;
}

void sn_imp_note(sn_imp *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!im->quiet)
        vreport(im, "note: ", fmt, ap);
    va_end(ap);
}

void sn_imp_loaded(sn_imp *im, sn_import_kind k)
{
    if (!im->quiet)
        im->st->loaded[k]++;
}

int sn_imp_getline(sn_imp *im, FILE *f, char *buf)
{
    for (;;) {
        if (!fgets(buf, SN_IMP_LINE, f))
            return 0;
        im->line++;
        size_t n = strlen(buf);
        if (n == SN_IMP_LINE - 1 && buf[n - 1] != '\n') {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            sn_imp_skip(im, SN_IK_OTHER, "line longer than %d bytes", SN_IMP_LINE);
            continue;
        }
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        for (size_t i = 0; i < n; i++)
            if (buf[i] == '\0' || (unsigned char)buf[i] < 0x09)
                buf[i] = ' '; /* binary garbage stays one line of text */
        /* Multi-line XML comments (PETRARCH headers). */
        if (im->in_comment) {
            char *e = strstr(buf, "-->");
            if (!e) {
                buf[0] = '\0';
                return 1;
            }
            memmove(buf, e + 3, strlen(e + 3) + 1);
            im->in_comment = 0;
        }
        char *o = strstr(buf, "<!--");
        if (o && !strstr(o, "-->")) {
            *o = '\0';
            im->in_comment = 1;
        }
        return 1;
    }
}

char *sn_imp_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

void sn_imp_strip(char *s, int semicolon)
{
    char *c = strstr(s, "<!--");
    if (c) {
        char *e = strstr(c, "-->");
        if (e)
            memmove(c, e + 3, strlen(e + 3) + 1);
        else
            *c = '\0';
    }
    for (char *p = s; *p; p++) {
        if ((semicolon && *p == ';') || (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t'))) {
            *p = '\0';
            break;
        }
    }
}

int sn_imp_phrase(const sn_imp *im, const char *raw, int stems, char *out, size_t cap)
{
    size_t k = 0;
    int exact = 0;
    for (const char *p = raw; *p && k + 3 < cap; p++) {
        char c = *p;
        if (c == '"' || c == '\t')
            c = ' ';
        if (c == '_')
            c = ' ';
        if (c == '*' || c == '#')
            c = ' '; /* reserved in Sentinel's text */
        if (c == ' ' && (k == 0 || out[k - 1] == ' '))
            continue;
        out[k++] = (char)tolower((unsigned char)c);
    }
    size_t rl = strlen(raw);
    while (rl && (raw[rl - 1] == ' ' || raw[rl - 1] == '\t'))
        rl--;
    exact = rl && raw[rl - 1] == '_';
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    if (!k)
        return 0;
    if (stems && !exact && k + 1 < cap && isalpha((unsigned char)out[k - 1])) {
        out[k++] = '*';
        out[k] = '\0';
    } else if (im->stems && exact && k + 1 < cap && isalpha((unsigned char)out[k - 1])) {
        out[k++] = '+'; /* TABARI's regular ending S, even after '_' (manual 5.2.3) */
        out[k] = '\0';
    }
    return 1;
}

int sn_imp_date(const char *s, size_t n, char out[11])
{
    int y, m, d;
    char buf[9];
    if ((n != 6 && n != 8))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (n == 6) {
        y = (buf[0] - '0') * 10 + (buf[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        m = (buf[2] - '0') * 10 + (buf[3] - '0');
        d = (buf[4] - '0') * 10 + (buf[5] - '0');
    } else {
        y = atoi(buf) / 10000;
        m = atoi(buf + 4) / 100;
        d = atoi(buf + 6);
    }
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    /* "030231": dictionaries write the 31st for a month's end. */
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int last = m == 2 && !leap ? 28 : mdays[m - 1];
    if (d > last)
        d = last;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
    return 0;
}

/* One "CODE [restriction]" inside brackets: "USAGOV 991201-010114",
 * "EGY < 911231", "UNO>920101". */
static int one_code(const char *g, sn_imp_code *c, const char **why)
{
    memset(c, 0, sizeof *c);
    while (*g == ' ' || *g == '\t')
        g++;
    size_t cl = strcspn(g, " \t<>");
    if (cl == 0 || cl >= sizeof c->code) {
        *why = "empty or over-long code";
        return -1;
    }
    memcpy(c->code, g, cl);
    char t[64];
    size_t k = 0;
    for (const char *p = g + cl; *p && k + 1 < sizeof t; p++)
        if (*p != ' ' && *p != '\t')
            t[k++] = *p;
    t[k] = '\0';
    if (!k)
        return 0;
    if (t[0] == '<' && !sn_imp_date(t + 1, k - 1, c->to))
        return 0;
    if (t[0] == '>' && !sn_imp_date(t + 1, k - 1, c->from))
        return 0;
    char *dash = strchr(t, '-');
    if (dash && !sn_imp_date(t, (size_t)(dash - t), c->from) && !sn_imp_date(dash + 1, strlen(dash + 1), c->to))
        return 0;
    *why = "bad date restriction (YYMMDD, <YYMMDD, >YYMMDD or YYMMDD-YYMMDD)";
    return -1;
}

int sn_imp_codes(const char *s, sn_imp_code *out, int max, const char **why)
{
    int n = 0;
    for (const char *p = strchr(s, '['); p; p = strchr(p, '[')) {
        const char *e = strchr(p, ']');
        if (!e) {
            *why = "unclosed '['";
            return -1;
        }
        char g[128];
        size_t l = (size_t)(e - p - 1);
        if (l >= sizeof g) {
            *why = "over-long code";
            return -1;
        }
        memcpy(g, p + 1, l);
        g[l] = '\0';
        if (n == max) {
            *why = "too many codes";
            return -1;
        }
        if (one_code(g, &out[n], why))
            return -1;
        n++;
        p = e + 1;
    }
    return n;
}

/* An actor code: capitals and digits, 2 to 12 ("USAGOV"); or a coded
 * compound actor of up to eight of them, "FRO/BIL/SAM". */
static int actor_code_ok(const char *s)
{
    size_t n = 0;
    int parts = 1;
    for (const char *p = s;; p++) {
        if (*p == '/' || !*p) {
            if (n < 2 || n > 12 || parts > 8)
                return 0;
            if (!*p)
                return 1;
            n = 0;
            parts++;
            continue;
        }
        if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p))
            return 0;
        n++;
    }
}

static void upcase(char *s)
{
    for (; *s; s++)
        *s = (char)toupper((unsigned char)*s);
}

void sn_imp_actor(sn_imp *im, char names[][256], int nnames, const sn_imp_code *codes, int ncodes)
{
    sn_imp_code c[SN_IMP_MAX_CODES];
    int nc = 0, dated = 0;
    for (int i = 0; i < ncodes && nc < SN_IMP_MAX_CODES; i++) {
        sn_imp_code k = codes[i];
        upcase(k.code);
        if (!strcmp(k.code, "---")) {
            if (*k.from || *k.to)
                sn_imp_note(im, "null code [--- ...] for a period dropped (Sentinel falls back to the other codes)");
            continue; /* an undated null code: no actor outside the periods */
        }
        if (strchr(k.code, '/') && (*k.from || *k.to)) {
            sn_imp_skip(im, SN_IK_ACTOR, "date-restricted coded compound actor [%s]", k.code);
            return;
        }
        if (!actor_code_ok(k.code)) {
            sn_imp_skip(im, SN_IK_ACTOR, "actor code \"%s\" (2-12 capitals and digits)", k.code);
            return;
        }
        dated |= *k.from || *k.to;
        c[nc++] = k;
    }
    if (nc == 0) {
        sn_imp_skip(im, SN_IK_ACTOR, "no code, or only the null code [---] (a blocker in TABARI)");
        return;
    }
    char ph[SN_IMP_MAX_NAMES][256];
    int np = 0;
    for (int i = 0; i < nnames && np < SN_IMP_MAX_NAMES; i++)
        if (sn_imp_phrase(im, names[i], im->stems, ph[np], sizeof ph[np]))
            np++;
    if (!np) {
        sn_imp_skip(im, SN_IK_ACTOR, "no name");
        return;
    }
    if (dated || nc > 1) {
        sn_imp_emit(im, "person \"%s\"", ph[0]);
        for (int i = 0; i < np; i++)
            sn_imp_emit(im, "    %s", ph[i]);
        for (int i = 0; i < nc; i++) {
            if (*c[i].from || *c[i].to)
                sn_imp_emit(im, "    code %s %s..%s", c[i].code, c[i].from, c[i].to);
            else
                sn_imp_emit(im, "    code %s", c[i].code);
        }
    } else {
        sn_imp_emit(im, "actor %s", c[0].code);
        for (int i = 0; i < np; i++)
            sn_imp_emit(im, "    %s", ph[i]);
    }
    sn_imp_loaded(im, SN_IK_ACTOR);
}

void sn_imp_agent(sn_imp *im, const char *raw, const char *code, int stems)
{
    char c[64], ph[256];
    snprintf(c, sizeof c, "%s", code);
    char *t = sn_imp_trim(c);
    upcase(t);
    int prefix = t[0] && t[strlen(t) - 1] == '~';
    if (t[0] == '~')
        t++;
    if (prefix)
        t[strlen(t) - 1] = '\0';
    if (!actor_code_ok(t) || strchr(t, '~')) {
        sn_imp_skip(im, SN_IK_AGENT, "agent code \"%s\" (~CODE or CODE~)", code);
        return;
    }
    if (!sn_imp_phrase(im, raw, stems, ph, sizeof ph)) {
        sn_imp_skip(im, SN_IK_AGENT, "empty agent phrase");
        return;
    }
    sn_imp_emit(im, "agent %s%s", t, prefix ? "~" : "");
    sn_imp_emit(im, "    %s", ph);
    sn_imp_loaded(im, SN_IK_AGENT);
}

void sn_imp_discard(sn_imp *im, const char *raw, int stems)
{
    char ph[256];
    if (strchr(raw, '\t') || strlen(raw) > 200) {
        sn_imp_skip(im, SN_IK_DISCARD, "not a discard phrase (tab-separated fields or over 200 bytes)");
        return;
    }
    if (!sn_imp_phrase(im, raw, stems, ph, sizeof ph)) {
        sn_imp_skip(im, SN_IK_DISCARD, "empty discard phrase");
        return;
    }
    sn_imp_emit(im, "discard %s", ph);
    sn_imp_loaded(im, SN_IK_DISCARD);
}

/* ---- synsets ---- */

static sn_imp_synset *find_synset(sn_imp *im, const char *name, size_t n)
{
    for (size_t i = im->syn.n; i-- > 0;) {
        sn_imp_synset *s = &SN_VEC_AT(&im->syn, sn_imp_synset, i);
        if (strlen(s->name) == n && !strncasecmp(s->name, name, n))
            return s;
    }
    return NULL;
}

int sn_imp_synset_start(sn_imp *im, const char *name)
{
    char n[64];
    snprintf(n, sizeof n, "%s", name);
    char *t = sn_imp_trim(n);
    size_t l = strcspn(t, " \t");
    t[l] = '\0';
    if (l && t[l - 1] == '_')
        t[--l] = '\0'; /* "&AUXVERB1_": no plurals, which lemmas make moot */
    sn_imp_synset *s = l ? sn_vec_push(&im->syn) : NULL;
    if (!s) {
        sn_imp_skip(im, SN_IK_SYNSET, "bad synset name or too many synsets");
        return -1;
    }
    snprintf(s->name, sizeof s->name, "%s", t);
    s->first = (uint32_t)im->mem.n;
    sn_imp_loaded(im, SN_IK_SYNSET);
    return 0;
}

void sn_imp_synset_add(sn_imp *im, const char *member)
{
    if (!im->syn.n) {
        sn_imp_skip(im, SN_IK_SYNSET, "synset member before any &SYNSET");
        return;
    }
    sn_imp_synset *s = &SN_VEC_AT(&im->syn, sn_imp_synset, im->syn.n - 1);
    uint32_t off = (uint32_t)im->pool.len;
    uint32_t *m = sn_vec_push(&im->mem);
    if (!m || sn_buf_adds(&im->pool, member) || sn_buf_addc(&im->pool, '\0')) {
        sn_imp_skip(im, SN_IK_SYNSET, "too many synset members");
        return;
    }
    *m = off;
    s->n++;
}

/* ---- patterns ---- */

/* A pattern item: alternatives, each a run of Sentinel elements. */
typedef struct item {
    int nalt;
    char alt[MAX_ALTS][256]; /* elements joined by ' ' */
} item;

typedef struct pat {
    item it[MAX_ITEMS];
    int n;
    const char *why; /* set when the pattern cannot be represented */
} pat;

static int word_char(char c)
{
    return c && c != ' ' && c != '\t' && c != '_' && c != '{' && c != '}' && c != '|';
}

/* A pattern word as an element: lower case, without TABARI's '_' and '~'. */
static void elem_word(const char *w, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = w[i];
        if (c == '~' || c == '$' || c == '#' || c == '"')
            continue;
        out[k++] = (char)tolower((unsigned char)c);
    }
    out[k] = '\0';
}

static int expand_phrase(sn_imp *im, const char *s, item *it, int depth, const char **why);

/* Alternatives of a synset into it (members may hold nested synsets). */
static int expand_synset(sn_imp *im, const char *name, size_t n, item *it, int depth, const char **why)
{
    sn_imp_synset *syn = find_synset(im, name, n);
    if (!syn) {
        *why = "undefined synset";
        return -1;
    }
    if (depth > 4) {
        *why = "synsets nested too deeply";
        return -1;
    }
    for (uint32_t i = 0; i < syn->n; i++) {
        const char *m = im->pool.p + SN_VEC_AT(&im->mem, uint32_t, syn->first + i);
        if (expand_phrase(im, m, it, depth + 1, why))
            return -1;
    }
    return 0;
}

/* A member phrase ("AUSTRIAN FLORIN", "+&TIETYPES_MEMOS") as consecutive
 * elements, appended as alternatives of it. */
static int expand_phrase(sn_imp *im, const char *s, item *it, int depth, const char **why)
{
    char alts[MAX_ALTS][256];
    int na = 1;
    alts[0][0] = '\0';
    while (*s) {
        while (*s == ' ' || *s == '_' || *s == '+' || *s == '\t')
            s++;
        if (!*s)
            break;
        size_t l = 0;
        while (word_char(s[l]))
            l++;
        if (!l) {
            s++;
            continue;
        }
        item sub;
        sub.nalt = 0;
        if (s[0] == '&') {
            if (expand_synset(im, s + 1, l - 1, &sub, depth, why))
                return -1;
        } else {
            sub.nalt = 1;
            elem_word(s, l, sub.alt[0], sizeof sub.alt[0]);
            if (!sub.alt[0][0])
                sub.nalt = 0;
        }
        s += l;
        if (!sub.nalt)
            continue;
        if (na * sub.nalt > MAX_ALTS) {
            *why = "synset expands to too many alternatives";
            return -1;
        }
        char next[MAX_ALTS][256];
        int nn = 0;
        for (int a = 0; a < na; a++)
            for (int b = 0; b < sub.nalt; b++, nn++)
                snprintf(next[nn], sizeof next[nn], "%.120s%s%.120s", alts[a], alts[a][0] ? " " : "", sub.alt[b]);
        memcpy(alts, next, sizeof next[0] * (size_t)nn);
        na = nn;
    }
    for (int a = 0; a < na; a++) {
        if (!alts[a][0])
            continue;
        if (it->nalt == MAX_ALTS) {
            *why = "synset expands to too many alternatives";
            return -1;
        }
        snprintf(it->alt[it->nalt++], sizeof it->alt[0], "%.250s", alts[a]);
    }
    return 0;
}

/* Single-word alternatives fold into one "a|b|c" element. */
static void fold(item *it)
{
    if (it->nalt < 2)
        return;
    char out[256];
    size_t k = 0;
    for (int a = 0; a < it->nalt; a++) {
        if (strchr(it->alt[a], ' '))
            return;
        size_t l = strlen(it->alt[a]);
        if (k + l + 2 >= sizeof out)
            return;
        if (k)
            out[k++] = '|';
        memcpy(out + k, it->alt[a], l);
        k += l;
    }
    out[k] = '\0';
    it->nalt = 1;
    snprintf(it->alt[0], sizeof it->alt[0], "%s", out);
}

static void add_item(pat *p, const char *el)
{
    if (p->n == MAX_ITEMS) {
        p->why = "pattern longer than 32 elements";
        return;
    }
    p->it[p->n].nalt = 1;
    snprintf(p->it[p->n].alt[0], sizeof p->it[0].alt[0], "%s", el);
    p->n++;
}

/* Convert the words after the verb: spaces allow words between (a gap),
 * '_' joins words that must be consecutive. */
static void convert(sn_imp *im, const char *s, pat *p, int after_verb)
{
    int gap = after_verb; /* the verb itself is followed by a gap unless '_' */
    while (*s && !p->why) {
        if (*s == ' ' || *s == '\t') {
            gap = 1;
            s++;
            continue;
        }
        if (*s == '_') {
            s++;
            continue;
        }
        if (*s == '{') { /* TABARI alternatives { A | B } */
            const char *e = strchr(s, '}');
            if (!e) {
                p->why = "unclosed '{'";
                return;
            }
            char buf[1024];
            size_t l = (size_t)(e - s - 1);
            if (l >= sizeof buf) {
                p->why = "over-long alternatives";
                return;
            }
            memcpy(buf, s + 1, l);
            buf[l] = '\0';
            item it = {0};
            for (char *a = strtok(buf, "|"); a && !p->why; a = strtok(NULL, "|"))
                if (expand_phrase(im, a, &it, 0, &p->why))
                    return;
            fold(&it);
            if (gap)
                add_item(p, "~");
            if (p->n < MAX_ITEMS && it.nalt)
                p->it[p->n++] = it;
            gap = 0;
            s = e + 1;
            continue;
        }
        size_t l = 0;
        while (word_char(s[l]))
            l++;
        if (!l) {
            s++;
            continue;
        }
        if (l == 1 && s[0] == '^') { /* skip an actor: "- * IN ^ WITH +" */
            if (gap)
                add_item(p, "~");
            gap = 0;
            add_item(p, "$_");
            s += l;
            continue;
        }
        if (gap)
            add_item(p, "~");
        gap = 0;
        if (l == 1 && (s[0] == '+' || s[0] == '%')) /* a compound target codes each conjunct */
            add_item(p, "$T");
        else if (l == 1 && s[0] == '$')
            add_item(p, "$S");
        else if (l == 1 && s[0] == '*')
            p->why = "two verb positions";
        else if (s[0] == '&') {
            item it = {0};
            if (expand_synset(im, s + 1, l - 1, &it, 0, &p->why))
                return;
            fold(&it);
            if (p->n < MAX_ITEMS && it.nalt)
                p->it[p->n++] = it;
        } else {
            char w[256];
            elem_word(s, l, w, sizeof w);
            if (w[0] && strchr("$~|", w[0]) == NULL)
                add_item(p, w);
        }
        s += l;
    }
}

/* Emit every combination of the items' alternatives (at most MAX_VARIANTS). */
static int emit_variants(sn_imp *im, const char *code, const char *head, const pat *p)
{
    long total = 1;
    for (int i = 0; i < p->n; i++)
        if ((total *= p->it[i].nalt) > MAX_VARIANTS)
            return -1;
    for (long v = 0; v < total; v++) {
        char line[SN_IMP_LINE];
        size_t k = (size_t)snprintf(line, sizeof line, "verb %s %s", code, head);
        long r = v;
        int last_gap = 0;
        for (int i = 0; i < p->n && k < sizeof line; i++) {
            const char *a = p->it[i].alt[r % p->it[i].nalt];
            r /= p->it[i].nalt;
            int gap = !strcmp(a, "~");
            if (gap && (last_gap || i + 1 == p->n))
                continue; /* no doubled or trailing gaps */
            last_gap = gap;
            k += (size_t)snprintf(line + k, sizeof line - k, " %s", a);
        }
        if (k >= sizeof line)
            return -1;
        sn_imp_emit(im, "%s", line);
    }
    return 0;
}

int sn_imp_event_code(sn_imp *im, const char *raw, char out[16])
{
    (void)im;
    char c[32];
    snprintf(c, sizeof c, "%s", raw);
    char *t = sn_imp_trim(c);
    if (!strcmp(t, "---"))
        return 0;
    if (!strcmp(t, "###"))
        return 2;
    char *colon = strchr(t, ':');
    if (colon) {
        *colon = '\0';
        if (!*t || !strcmp(t, "---")) /* "[:110]": no forward event */
            return 0;
    }
    for (int half = 0; half < (colon ? 2 : 1); half++) {
        char *h = half ? colon + 1 : t;
        size_t n = strlen(h);
        while (n && h[n - 1] == '!') /* "031!": TABARI's marker, the code is the same */
            h[--n] = '\0';
        if (n < 1 || n > 4)
            return -1;
        for (size_t i = 0; i < n; i++)
            if (!isalnum((unsigned char)h[i]))
                return -1;
    }
    if (colon && !strcmp(colon + 1, "---"))
        colon = NULL; /* no reverse event */
    if (colon)
        snprintf(out, 16, "%s:%s", t, colon + 1);
    else
        snprintf(out, 16, "%s", t);
    return 1;
}

int sn_imp_cut_code(char *s, char *code, size_t cap)
{
    char *o = strrchr(s, '[');
    if (!o)
        return 0;
    char *e = strchr(o, ']');
    if (!e)
        return -1;
    size_t l = (size_t)(e - o - 1);
    if (l >= cap)
        return -1;
    memcpy(code, o + 1, l);
    code[l] = '\0';
    *o = '\0';
    return 1;
}

int sn_imp_verb_pattern(sn_imp *im, const char *code, const char *head, const char *pattern)
{
    pat *p = calloc(1, sizeof *p);
    if (!p)
        return 0;
    char hw[256];
    /* The head: its first word is the verb; the rest follow it. */
    const char *h = head;
    while (*h == ' ' || *h == '+' || *h == '_')
        h++;
    size_t l = 0;
    while (word_char(h[l]) && h[l] != '+')
        l++;
    elem_word(h, l, hw, sizeof hw);
    int ok = 0;
    /* A TABARI root without a closing '_' is a stem ("RESTOR" restores). */
    if (im->stems && hw[0] && h[l] != '_' && strlen(hw) + 1 < sizeof hw)
        strcat(hw, "*");
    if (!hw[0] || !isalpha((unsigned char)hw[0])) {
        sn_imp_skip(im, SN_IK_PATTERN, "no verb word in \"%s\"", head);
        goto done;
    }
    convert(im, h + l, p, 0);
    if (pattern) {
        const char *star = strchr(pattern, '*');
        if (!star) {
            sn_imp_skip(im, SN_IK_PATTERN, "pattern without the verb position *");
            goto done;
        }
        /* Words before the verb: "< words" after the rest ("- NOT *"). A
         * designated actor there (+, %, ^) has no counterpart. */
        char pre[1024];
        size_t pl = (size_t)(star - pattern) < sizeof pre ? (size_t)(star - pattern) : sizeof pre - 1;
        memcpy(pre, pattern, pl);
        pre[pl] = '\0';
        int compound = 0;
        for (char *q = pre; *q; q++) {
            if (*q == '%') { /* a compound source: "- % * [030:030]" */
                compound = 1;
                *q = ' ';
                continue;
            }
            if (*q == '$' && !strchr(pre, '+'))
                *q = ' '; /* the source before the verb is the default */
        }
        convert(im, star + 1, p, star[1] == ' ' || star[1] == '\t');
        pat *bp = calloc(1, sizeof *bp);
        if (!bp)
            goto done;
        convert(im, pre, bp, 0);
        int has_pre = 0;
        for (int i = 0; i < bp->n && !bp->why; i++) {
            if (!strcmp(bp->it[i].alt[0], "~") && bp->it[i].nalt == 1)
                continue;
            if (!has_pre) {
                while (p->n && p->it[p->n - 1].nalt == 1 && !strcmp(p->it[p->n - 1].alt[0], "~"))
                    p->n--; /* no gap before the marker */
                add_item(p, "<");
                has_pre = 1;
            }
            if (p->n < MAX_ITEMS)
                p->it[p->n++] = bp->it[i];
            else
                p->why = "pattern longer than 32 elements";
        }
        if (compound) {
            if (!has_pre) {
                while (p->n && p->it[p->n - 1].nalt == 1 && !strcmp(p->it[p->n - 1].alt[0], "~"))
                    p->n--;
                add_item(p, "<");
            }
            add_item(p, "%");
        }
        if (bp->why && !p->why)
            p->why = bp->why;
        free(bp);
    }
    if (p->why) {
        sn_imp_skip(im, SN_IK_PATTERN, "%s", p->why);
        goto done;
    }
    if (emit_variants(im, code, hw, p)) {
        sn_imp_skip(im, SN_IK_PATTERN, "synsets expand to over %d patterns", MAX_VARIANTS);
        goto done;
    }
    sn_imp_loaded(im, pattern ? SN_IK_PATTERN : SN_IK_VERB);
    ok = 1;
done:
    free(p);
    return ok;
}

FILE *sn_imp_open(sn_imp *im, const char *path)
{
    if (im->nfiles == SN_IMP_MAX_FILES)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    snprintf(im->files[im->nfiles], sizeof im->files[0], "%s", path);
    im->file = im->nfiles++;
    im->line = 0;
    return f;
}

/* ---- the whole import ---- */

typedef struct warn_ctx {
    sn_imp *im;
} warn_ctx;

static void compile_warn(void *ctx, unsigned line, const char *msg)
{
    sn_imp *im = ((warn_ctx *)ctx)->im;
    const sn_imp_src *src = line && line <= im->map.n ? &SN_VEC_AT(&im->map, sn_imp_src, line - 1) : NULL;
    char m[400];
    snprintf(m, sizeof m, "skipped: %s", msg);
    if (im->report)
        im->report(im->rctx, src ? im->files[src->file] : "(generated)", src ? src->line : line, m);
    im->st->compile_skipped++;
}

sn_rc sn_dict_import(sn_import_format fmt, const char *const *paths, size_t n, const char *image_path,
                     sn_import_write_fn write, void *write_ctx, sn_import_report_fn report, void *report_ctx,
                     sn_import_stats *stats, sn_error *err)
{
    sn_imp im;
    memset(&im, 0, sizeof im);
    memset(stats, 0, sizeof *stats);
    memset(err, 0, sizeof *err);
    im.files = calloc(SN_IMP_MAX_FILES, sizeof *im.files);
    if (!im.files)
        return SN_ERR_NOMEM;
    sn_buf_init(&im.text, TEXT_CAP);
    sn_buf_init(&im.pool, (size_t)16 << 20);
    sn_vec_init(&im.map, sizeof(sn_imp_src), (size_t)32 << 20);
    sn_vec_init(&im.syn, sizeof(sn_imp_synset), 100000);
    sn_vec_init(&im.mem, sizeof(uint32_t), 1000000);
    im.report = report;
    im.rctx = report_ctx;
    im.st = stats;
    sn_rc rc = SN_OK;
    /* The validation suites use WEIS-era codes ("222", "174K"). */
    sn_imp_emit(&im, "codebook any");
    if (fmt == SN_IMPORT_TABARI) /* TABARI's default source and target search (manual 5.8) */
        sn_imp_emit(&im, "option default-actors");
    else /* PETRARCH: the target is in the verb phrase; "---GOV" for an agent alone */
        sn_imp_emit(&im, "option vp-target"), sn_imp_emit(&im, "option anonymous-agents"),
            sn_imp_emit(&im, "option all-agents");
    sn_imp_emit(&im, "option require-dyad");
    for (size_t i = 0; i < n && !rc; i++) {
        im.stems = fmt == SN_IMPORT_TABARI;
        int r = fmt == SN_IMPORT_TABARI ? sn_imp_tabari_file(&im, paths[i]) : sn_imp_petrarch_file(&im, paths[i]);
        if (r) {
            rc = SN_ERR_NOTFOUND;
            snprintf(err->msg, sizeof err->msg, "%.150s: cannot open the file", paths[i]);
        }
    }
    if (!rc && im.failed) {
        rc = SN_ERR_TOOBIG;
        snprintf(err->msg, sizeof err->msg, "the imported dictionaries exceed %zu MB of text", TEXT_CAP >> 20);
    }
    if (!rc && write && write(write_ctx, im.text.p ? im.text.p : "", im.text.len)) {
        rc = SN_ERR_IO;
        snprintf(err->msg, sizeof err->msg, "cannot write the dictionary text");
    }
    if (!rc && image_path) {
        warn_ctx wc = {&im};
        size_t skipped = 0;
        sn_error cerr;
        rc = sn_dict_compile_text(im.text.p ? im.text.p : "", im.text.len, image_path, compile_warn, &wc, &skipped,
                                  &cerr);
        if (rc)
            *err = cerr;
    }
    sn_buf_free(&im.text);
    sn_buf_free(&im.pool);
    sn_vec_free(&im.map);
    sn_vec_free(&im.syn);
    sn_vec_free(&im.mem);
    free(im.files);
    return rc;
}
