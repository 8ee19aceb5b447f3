/*
 * tests/golden.c — runs the golden case files (tests/text/README.md) through
 * the text stage: %sentences, %timex, %chunks and %tags. Prints each failing
 * case as file:line with what was expected and what came out, and ends with
 * "golden: N passed, M failed".
 *
 *   golden FILE.test...
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "case_file.h"
#include "sentinel/sentinel.h"

#define MAX_LINE 65536
#define MAX_EXPECT 256

typedef struct gcase {
    const char *file;
    unsigned line;
    char check[32], arg[64];
    char input[MAX_LINE];
    char *expect[MAX_EXPECT];
    int nexpect;
} gcase;

typedef struct report {
    char *buf;
    size_t len, cap;
} report;

static void say(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(report *r, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof tmp)
        n = sizeof tmp - 1;
    if (r->len + (size_t)n + 1 > r->cap) {
        r->cap = (r->len + (size_t)n + 1) * 2;
        r->buf = realloc(r->buf, r->cap);
        if (!r->buf)
            abort();
    }
    memcpy(r->buf + r->len, tmp, (size_t)n + 1);
    r->len += (size_t)n;
}


/* Copy text[off..off+n) with white-space runs collapsed to one space. */
static void collapse(const char *text, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        unsigned char c = (unsigned char)text[i];
        if (isspace(c)) {
            sp = 1;
            continue;
        }
        if (sp && k)
            out[k++] = ' ';
        sp = 0;
        out[k++] = (char)c;
    }
    out[k] = '\0';
}

static void span_text(const sn_doc *d, uint32_t off, uint32_t end, char *out, size_t cap)
{
    collapse(sn_doc_text(d, NULL) + off, end - off, out, cap);
}

static void tok_span_text(const sn_doc *d, uint32_t b, uint32_t e, char *out, size_t cap)
{
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    if (b >= e) {
        out[0] = '\0';
        return;
    }
    span_text(d, t[b].off, t[e - 1].off + t[e - 1].len, out, cap);
}

/* ---- %sentences ---- */

static int check_sentences(const gcase *c, const sn_doc *d, report *r)
{
    uint32_t n;
    const sn_sentence *s = sn_doc_sentences(d, &n);
    int ok = (int)n == c->nexpect;
    char got[MAX_LINE];
    for (uint32_t i = 0; i < n && ok; i++) {
        const char *e = c->expect[i];
        span_text(d, s[i].off, s[i].off + s[i].len, got, sizeof got);
        if (e[0] == '@') {
            const char *sp = strchr(e, ' ');
            size_t zl = sp ? (size_t)(sp - e - 1) : strlen(e + 1);
            const char *z = sn_zone_name(s[i].zone);
            if (strlen(z) != zl || strncmp(z, e + 1, zl))
                ok = 0;
            e = sp ? sp + 1 : "";
        }
        if (strcmp(got, e))
            ok = 0;
    }
    if (!ok) {
        say(r, "  expected:\n");
        for (int i = 0; i < c->nexpect; i++)
            say(r, "    %s\n", c->expect[i]);
        say(r, "  got:\n");
        for (uint32_t i = 0; i < n; i++) {
            span_text(d, s[i].off, s[i].off + s[i].len, got, sizeof got);
            say(r, "    @%s %s\n", sn_zone_name(s[i].zone), got);
        }
    }
    return ok;
}

/* ---- %timex ---- */

static int check_timex(const gcase *c, const sn_doc *d, report *r)
{
    uint32_t ns, nt, k = 0;
    sn_doc_sentences(d, &ns);
    char got[MAX_EXPECT][512];
    for (uint32_t si = 0; si < ns; si++) {
        const sn_timex *t = sn_doc_timexes(d, si, &nt);
        for (uint32_t i = 0; i < nt && k < MAX_EXPECT; i++, k++) {
            char text[256], b[16], e[16];
            tok_span_text(d, t[i].tok_begin, t[i].tok_end, text, sizeof text);
            sn_date_format(&t[i].begin, b);
            sn_date_format(&t[i].end, e);
            if (t[i].precision == SN_PREC_RANGE)
                snprintf(got[k], sizeof got[k], "%s => %s/%s range", text, b, e);
            else
                snprintf(got[k], sizeof got[k], "%s => %s %s", text, b, sn_precision_name(t[i].precision));
        }
    }
    int ok = (int)k == c->nexpect;
    for (uint32_t i = 0; i < k && ok; i++)
        ok = !strcmp(got[i], c->expect[i]);
    if (!ok) {
        say(r, "  expected:\n");
        for (int i = 0; i < c->nexpect; i++)
            say(r, "    %s\n", c->expect[i]);
        say(r, "  got:\n");
        for (uint32_t i = 0; i < k; i++)
            say(r, "    %s\n", got[i]);
    }
    return ok;
}

/* ---- %tags ---- */

static int check_tags(const gcase *c, const sn_doc *d, report *r)
{
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    static char got[MAX_LINE];
    size_t k = 0;
    for (uint32_t i = 0; i < n && k + 300 < sizeof got; i++) {
        const char *text = sn_doc_text(d, NULL) + t[i].off;
        k += (size_t)snprintf(got + k, sizeof got - k, "%s%.*s/%s", i ? " " : "", (int)t[i].len, text,
                              sn_tag_name(t[i].tag));
    }
    int ok = c->nexpect == 1 && !strcmp(got, c->expect[0]);
    if (!ok)
        say(r, "  expected: %s\n  got:      %s\n", c->nexpect ? c->expect[0] : "", got);
    return ok;
}

/* ---- %chunks ---- */

typedef struct view {
    const sn_doc *d;
    uint32_t ns;
} view;

static const char *kind_name(uint8_t k)
{
    static const char *const n[] = {"NP", "VG", "PP", "ADVP", "ADJP"};
    return k < 5 ? n[k] : "?";
}

static void chunk_text(const sn_doc *d, const sn_chunk *k, char *out, size_t cap)
{
    tok_span_text(d, k->tok_begin, k->tok_end, out, cap);
}

/* Find a chunk of a kind with a text, in any sentence; returns its sentence's array. */
static const sn_chunk *find_chunk(const view *v, const char *kind, const char *text, const sn_chunk **base)
{
    char t[1024];
    for (uint32_t s = 0; s < v->ns; s++) {
        uint32_t n;
        const sn_chunk *k = sn_doc_chunks(v->d, s, &n);
        for (uint32_t i = 0; i < n; i++) {
            if (strcmp(kind_name(k[i].kind), kind))
                continue;
            chunk_text(v->d, &k[i], t, sizeof t);
            if (!strcmp(t, text)) {
                *base = k;
                return &k[i];
            }
        }
    }
    return NULL;
}

static int has_feature(const sn_doc *d, const sn_chunk *k, const char *f)
{
    static const char *const tense[] = {"none", "past", "present", "future"};
    static const char *const aspect[] = {"simple", "progressive", "perfect", "perfect-progressive"};
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    if (!strncmp(f, "tense=", 6))
        return !strcmp(f + 6, tense[k->tense & 3]);
    if (!strncmp(f, "aspect=", 7))
        return !strcmp(f + 7, aspect[k->aspect & 3]);
    if (!strncmp(f, "voice=", 6))
        return !strcmp(f + 6, k->voice == SN_VOICE_PASSIVE ? "passive" : "active");
    if (!strncmp(f, "modal=", 6)) {
        if (k->modal < 0)
            return 0;
        char m[64];
        snprintf(m, sizeof m, "%.*s", (int)t[k->modal].len, sn_doc_text(d, NULL) + t[k->modal].off);
        for (char *p = m; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        return !strcmp(f + 6, m) || !strcmp(f + 6, t[k->modal].lemma);
    }
    if (!strcmp(f, "neg"))
        return (k->vflags & SN_VG_NEG) != 0;
    if (!strcmp(f, "infinitive"))
        return (k->vflags & SN_VG_INFINITIVE) != 0;
    if (!strcmp(f, "gerund"))
        return (k->vflags & SN_VG_GERUND) != 0;
    return -1;
}

static int is_feature_word(const char *w)
{
    return !strncmp(w, "tense=", 6) || !strncmp(w, "aspect=", 7) || !strncmp(w, "voice=", 6) ||
           !strncmp(w, "modal=", 6) || !strcmp(w, "neg") || !strcmp(w, "infinitive") ||
           !strcmp(w, "gerund");
}

static int assert_vg(const view *v, char *rest, report *r)
{
    char *feat[16];
    int nf = 0;
    for (char *sp; (sp = strrchr(rest, ' ')) && is_feature_word(sp + 1) && nf < 16;) {
        feat[nf++] = sp + 1;
        *sp = '\0';
    }
    const sn_chunk *base, *k = find_chunk(v, "VG", rest, &base);
    if (!k) {
        say(r, "  no VG '%s'\n", rest);
        return 0;
    }
    for (int i = 0; i < nf; i++)
        if (has_feature(v->d, k, feat[i]) != 1) {
            say(r, "  VG '%s' lacks %s\n", rest, feat[i]);
            return 0;
        }
    return 1;
}

static int assert_np(const view *v, char *rest, report *r)
{
    char *poss = strstr(rest, " poss=");
    if (poss)
        *poss = '\0';
    const sn_chunk *base, *k = find_chunk(v, "NP", rest, &base);
    if (!k) {
        say(r, "  no NP '%s'\n", rest);
        return 0;
    }
    if (!poss)
        return 1;
    char t[1024] = "";
    if (k->poss >= 0)
        chunk_text(v->d, &base[k->poss], t, sizeof t);
    if (strcmp(t, poss + 6)) {
        say(r, "  NP '%s' possessor is '%s', not '%s'\n", rest, t, poss + 6);
        return 0;
    }
    return 1;
}

static int assert_pp(const view *v, char *rest, report *r)
{
    char *sp = strchr(rest, ' ');
    if (!sp)
        return 0;
    *sp = '\0';
    const char *obj = sp + 1;
    char t[1024];
    for (uint32_t s = 0; s < v->ns; s++) {
        uint32_t n, nt;
        const sn_chunk *k = sn_doc_chunks(v->d, s, &n);
        const sn_token *tok = sn_doc_tokens(v->d, &nt);
        for (uint32_t i = 0; i < n; i++) {
            if (k[i].kind != SN_CHUNK_PP || k[i].object < 0)
                continue;
            const sn_token *p = &tok[k[i].tok_begin];
            if (strlen(rest) != p->len || strncasecmp(sn_doc_text(v->d, NULL) + p->off, rest, p->len))
                continue;
            chunk_text(v->d, &k[k[i].object], t, sizeof t);
            if (!strcmp(t, obj))
                return 1;
        }
    }
    say(r, "  no PP '%s' with object '%s'\n", rest, obj);
    return 0;
}

static int split_pair(char *rest, char **a, char **b)
{
    char *bar = strstr(rest, " | ");
    if (!bar)
        return 0;
    *bar = '\0';
    *a = rest;
    *b = bar + 3;
    return 1;
}

static int assert_link(const view *v, const char *what, char *rest, report *r)
{
    char *a, *b, t[1024] = "";
    if (!split_pair(rest, &a, &b))
        return 0;
    const sn_chunk *base, *k = find_chunk(v, "NP", a, &base);
    if (!k) {
        say(r, "  no NP '%s'\n", a);
        return 0;
    }
    int32_t l = !strcmp(what, "COORD") ? k->coord : k->appos;
    if (l >= 0)
        chunk_text(v->d, &base[l], t, sizeof t);
    if (strcmp(t, b)) {
        say(r, "  %s of '%s' is '%s', not '%s'\n", what, a, t, b);
        return 0;
    }
    return 1;
}

static const sn_clause *find_clause(const view *v, const char *kind, const char *text, uint32_t *sent)
{
    char t[4096];
    for (uint32_t s = 0; s < v->ns; s++) {
        uint32_t n;
        const sn_clause *k = sn_doc_clauses(v->d, s, &n);
        for (uint32_t i = 0; i < n; i++) {
            if (kind && strcmp(sn_clause_kind_name(k[i].kind), kind))
                continue;
            tok_span_text(v->d, k[i].tok_begin, k[i].tok_end, t, sizeof t);
            if (!strcmp(t, text)) {
                *sent = s;
                return &k[i];
            }
        }
    }
    return NULL;
}

static int assert_clause(const view *v, char *rest, report *r)
{
    char *sp = strchr(rest, ' ');
    uint32_t s;
    if (!sp)
        return 0;
    *sp = '\0';
    if (find_clause(v, rest, sp + 1, &s))
        return 1;
    say(r, "  no %s clause '%s'\n", rest, sp + 1);
    return 0;
}

static int assert_speaker(const view *v, char *rest, report *r)
{
    char *a, *b, t[1024] = "";
    uint32_t s, n;
    if (!split_pair(rest, &a, &b))
        return 0;
    const sn_clause *k = find_clause(v, "report", b, &s);
    if (!k) {
        say(r, "  no report clause '%s'\n", b);
        return 0;
    }
    const sn_chunk *ch = sn_doc_chunks(v->d, s, &n);
    if (k->speaker >= 0)
        chunk_text(v->d, &ch[k->speaker], t, sizeof t);
    if (strcmp(t, a)) {
        say(r, "  speaker of '%s' is '%s', not '%s'\n", b, t, a);
        return 0;
    }
    return 1;
}

static int assert_no(const view *v, char *rest, report *r)
{
    char *sp = strchr(rest, ' ');
    uint32_t s;
    const sn_chunk *base;
    if (!sp)
        return 0;
    *sp = '\0';
    const char *text = sp + 1;
    int found = !strcmp(rest, "NP") || !strcmp(rest, "VG") || !strcmp(rest, "PP")
                    ? find_chunk(v, rest, text, &base) != NULL
                    : find_clause(v, rest, text, &s) != NULL;
    if (found)
        say(r, "  unexpected %s '%s'\n", rest, text);
    return !found;
}

static int check_chunks(const gcase *c, const sn_doc *d, report *r)
{
    view v = {d, 0};
    sn_doc_sentences(d, &v.ns);
    int ok = 1;
    for (int i = 0; i < c->nexpect; i++) {
        char line[MAX_LINE];
        snprintf(line, sizeof line, "%s", c->expect[i]);
        char *sp = strchr(line, ' ');
        if (!sp) {
            say(r, "  bad assertion '%s'\n", line);
            ok = 0;
            continue;
        }
        *sp = '\0';
        char *rest = sp + 1;
        int good = !strcmp(line, "NP") ? assert_np(&v, rest, r)
                   : !strcmp(line, "VG") ? assert_vg(&v, rest, r)
                   : !strcmp(line, "PP") ? assert_pp(&v, rest, r)
                   : !strcmp(line, "COORD") || !strcmp(line, "APPOS") ? assert_link(&v, line, rest, r)
                   : !strcmp(line, "CLAUSE") ? assert_clause(&v, rest, r)
                   : !strcmp(line, "SPEAKER") ? assert_speaker(&v, rest, r)
                   : !strcmp(line, "NO") ? assert_no(&v, rest, r)
                   : (say(r, "  unknown assertion '%s'\n", line), 0);
        ok &= good;
    }
    return ok;
}

/* ---- driver ---- */

static int run_case(sn_analyzer *an, const gcase *c, report *r)
{
    sn_date date = {0}, *dp = NULL;
    if (c->arg[0]) {
        if (sn_date_parse(c->arg, strlen(c->arg), &date)) {
            say(r, "  bad date '%s'\n", c->arg);
            return 0;
        }
        dp = &date;
    }
    const sn_doc *d;
    sn_rc rc = sn_analyze(an, c->input, strlen(c->input), dp, &d);
    if (rc) {
        say(r, "  analysis failed: %s\n", sn_rc_str(rc));
        return 0;
    }
    if (!strcmp(c->check, "sentences"))
        return check_sentences(c, d, r);
    if (!strcmp(c->check, "timex"))
        return check_timex(c, d, r);
    if (!strcmp(c->check, "chunks"))
        return check_chunks(c, d, r);
    if (!strcmp(c->check, "tags"))
        return check_tags(c, d, r);
    say(r, "  unknown check '%%%s'\n", c->check);
    return 0;
}


static void free_case(gcase *c)
{
    for (int i = 0; i < c->nexpect; i++)
        free(c->expect[i]);
    c->nexpect = 0;
}

static void run_file(sn_analyzer *an, const char *path, int *pass, int *fail)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        (*fail)++;
        return;
    }
    static char line[MAX_LINE];
    static gcase c;
    unsigned ln = 0;
    int state = 0; /* 0 between cases, 1 want input, 2 reading expectations */
    for (int more = 1; more;) {
        more = fgets(line, sizeof line, f) != NULL;
        if (more)
            ln++, case_chomp(line);
        int end_case = !more || (state == 2 && line[0] == '\0');
        if (state == 2 && !end_case) {
            if (line[0] != '#' && c.nexpect < MAX_EXPECT)
                c.expect[c.nexpect++] = strdup(line);
            continue;
        }
        if (end_case && state == 2) {
            report r = {0};
            if (run_case(an, &c, &r)) {
                (*pass)++;
            } else {
                (*fail)++;
                printf("FAIL %s:%u: %%%s %s\n  input: %.200s\n%s", path, c.line, c.check, c.arg, c.input,
                       r.buf ? r.buf : "");
            }
            free(r.buf);
            free_case(&c);
            state = 0;
            continue;
        }
        if (!more || line[0] == '#' || (state == 0 && line[0] == '\0'))
            continue;
        if (state == 0 && line[0] == '%') {
            memset(c.arg, 0, sizeof c.arg);
            if (sscanf(line + 1, "%31s %63s", c.check, c.arg) < 1)
                c.check[0] = '\0';
            c.file = path;
            c.line = ln;
            state = 1;
        } else if (state == 1) {
            snprintf(c.input, sizeof c.input, "%s", line);
            case_unescape(c.input);
            state = 2;
        }
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    sn_analyzer *an;
    if (sn_analyzer_new(&an, NULL)) {
        fprintf(stderr, "golden: cannot create an analyzer\n");
        return 1;
    }
    int pass = 0, fail = 0;
    for (int i = 1; i < argc; i++)
        run_file(an, argv[i], &pass, &fail);
    sn_analyzer_free(an);
    printf("golden: %d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
