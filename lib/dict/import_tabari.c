/*
 * lib/dict/import_tabari.c — TABARI's dictionaries (TABARI manual, ch. 5-6)
 * into Sentinel's model: .project files (which name the others), .actors
 * (with '+' synonyms, date-restricted codes inline or on indented lines,
 * [###] discards), .agents (~GOV and NGO~), .verbs (synsets, <TIME> shifts,
 * verb roots and their "- ... * ..." patterns), .options, and discard lists.
 * The actor and agent readers serve PETRARCH too: the layouts are shared.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict/import.h"

static int starts_with_ci(const char *s, const char *p)
{
    return !strncasecmp(s, p, strlen(p));
}

static int ends_with_ci(const char *s, const char *e)
{
    size_t n = strlen(s), m = strlen(e);
    return n >= m && !strcasecmp(s + n - m, e);
}

/* ---- actors ---- */

typedef struct actor_rec {
    char names[SN_IMP_MAX_NAMES][256];
    int nnames;
    sn_imp_code codes[SN_IMP_MAX_CODES];
    int ncodes, bad, discard;
    const char *why;
    uint32_t line;
} actor_rec;

static void flush_actor(sn_imp *im, actor_rec *r)
{
    if (!r->nnames)
        return;
    uint32_t here = im->line;
    im->line = r->line;
    if (r->bad)
        sn_imp_skip(im, SN_IK_ACTOR, "%s", r->why);
    else if (r->discard)
        for (int i = 0; i < r->nnames; i++)
            sn_imp_discard(im, r->names[i], im->stems);
    else
        sn_imp_actor(im, r->names, r->nnames, r->codes, r->ncodes);
    im->line = here;
    r->nnames = r->ncodes = r->bad = r->discard = 0;
}

/* Codes in s ("[USAGOV 991201-010114] [---]") into r. */
static void add_codes(actor_rec *r, const char *s)
{
    if (r->bad)
        return;
    const char *why = NULL;
    int n = sn_imp_codes(s, r->codes + r->ncodes, SN_IMP_MAX_CODES - r->ncodes, &why);
    if (n < 0) {
        r->bad = 1;
        r->why = why;
        return;
    }
    for (int i = 0; i < n; i++) {
        sn_imp_code *c = &r->codes[r->ncodes + i];
        if (strcmp(c->code, "###"))
            continue;
        if (!*c->from && !*c->to)
            r->discard = 1;
        else /* "ENT [### <890101] [ENT]": a discard for a period; the other codes hold */
            snprintf(c->code, sizeof c->code, "---");
    }
    r->ncodes += n;
}

static void add_name(actor_rec *r, const char *s)
{
    if (r->nnames == SN_IMP_MAX_NAMES)
        return;
    size_t l = strcspn(s, "[");
    if (l >= sizeof r->names[0])
        l = sizeof r->names[0] - 1;
    memcpy(r->names[r->nnames], s, l);
    r->names[r->nnames][l] = '\0';
    char *t = sn_imp_trim(r->names[r->nnames]);
    if (*t)
        memmove(r->names[r->nnames++], t, strlen(t) + 1);
}

void sn_imp_actors_stream(sn_imp *im, FILE *f, int tabari)
{
    actor_rec *r = calloc(1, sizeof *r);
    char *buf = malloc(SN_IMP_LINE);
    int section = 0; /* in TABARI's <NOUN> or <ADJECTIVE> lists */
    if (!r || !buf) {
        free(r);
        free(buf);
        return;
    }
    while (sn_imp_getline(im, f, buf)) {
        int indented = buf[0] == ' ' || buf[0] == '\t';
        for (char *q = buf; *q; q++)
            if (*q == '"')
                *q = ' '; /* Internatnl.actors quotes some code lists */
        sn_imp_strip(buf, tabari);
        char *s = sn_imp_trim(buf);
        if (!*s)
            continue;
        if (s[0] == '<') {
            section = s[1] != '/' && (starts_with_ci(s, "<NOUN") || starts_with_ci(s, "<ADJ"));
            if (!section && s[1] != '/')
                sn_imp_skip(im, SN_IK_OTHER, "unknown section %.40s", s);
            continue;
        }
        if (section) {
            sn_imp_skip(im, SN_IK_OTHER, "TABARI parser word list (Sentinel tags words itself)");
            continue;
        }
        if (s[0] == '[' && (indented || r->nnames)) { /* a date restriction of the record */
            add_codes(r, s);
            continue;
        }
        if (s[0] == '+') {
            if (!r->nnames)
                sn_imp_skip(im, SN_IK_ACTOR, "synonym before any actor");
            else {
                add_name(r, s + 1);
                add_codes(r, s + strcspn(s, "["));
            }
            continue;
        }
        flush_actor(im, r);
        r->line = im->line;
        add_name(r, s);
        add_codes(r, s + strcspn(s, "["));
    }
    flush_actor(im, r);
    free(r);
    free(buf);
}

/* ---- agents ---- */

typedef struct subst {
    char name[64];
    char items[64][128];
    int n;
} subst;

/* Expand the first !MARKER! of phrase, then the rest; depth-bounded. */
static void agent_expand(sn_imp *im, const subst *sv, int ns, const char *phrase, const char *code, int stems,
                         int depth)
{
    const char *a = strchr(phrase, '!');
    const char *b = a ? strchr(a + 1, '!') : NULL;
    if (!a || !b || depth > 3) {
        sn_imp_agent(im, phrase, code, stems);
        return;
    }
    for (int i = 0; i < ns; i++) {
        if (strlen(sv[i].name) != (size_t)(b - a - 1) || strncasecmp(sv[i].name, a + 1, (size_t)(b - a - 1)))
            continue;
        for (int k = 0; k < sv[i].n; k++) {
            char out[512];
            snprintf(out, sizeof out, "%.*s%s%s", (int)(a - phrase), phrase, sv[i].items[k], b + 1);
            agent_expand(im, sv, ns, out, code, stems, depth + 1);
        }
        return;
    }
    sn_imp_skip(im, SN_IK_AGENT, "undefined substitution marker %.*s", (int)(b - a + 1), a);
}

/* "!PERSON! = MAN, MEN, WOMAN" */
static int subst_def(sn_imp *im, subst *sv, int *ns, char *s)
{
    char *eq = strchr(s, '=');
    char *b = s[0] == '!' ? strchr(s + 1, '!') : NULL;
    if (!eq || !b || b > eq)
        return 0;
    if (*ns == 32) {
        sn_imp_skip(im, SN_IK_AGENT, "too many substitution markers");
        return 1;
    }
    subst *v = &sv[(*ns)++];
    snprintf(v->name, sizeof v->name, "%.*s", (int)(b - s - 1), s + 1);
    v->n = 0;
    for (char *t = strtok(eq + 1, ","); t && v->n < 64; t = strtok(NULL, ",")) {
        t = sn_imp_trim(t);
        if (*t)
            snprintf(v->items[v->n++], sizeof v->items[0], "%s", t);
    }
    return 1;
}

void sn_imp_agents_stream(sn_imp *im, FILE *f, int tabari)
{
    subst *sv = calloc(32, sizeof *sv);
    char *buf = malloc(SN_IMP_LINE);
    int ns = 0;
    if (!sv || !buf) {
        free(sv);
        free(buf);
        return;
    }
    while (sn_imp_getline(im, f, buf)) {
        sn_imp_strip(buf, tabari);
        char *s = sn_imp_trim(buf);
        if (!*s || s[0] == '<')
            continue;
        if (s[0] == '!' && subst_def(im, sv, &ns, s))
            continue;
        char code[64];
        int c = sn_imp_cut_code(s, code, sizeof code);
        if (c <= 0) {
            sn_imp_skip(im, SN_IK_AGENT, c ? "unclosed or over-long [code]" : "agent without a [~CODE]");
            continue;
        }
        /* "ATTORNEY_GENERAL {ATTORNEYS_GENERAL}": an irregular plural; "{}" none. */
        char plural[256] = "";
        char *o = strchr(s, '{');
        if (o) {
            char *e = strchr(o, '}');
            if (!e) {
                sn_imp_skip(im, SN_IK_AGENT, "unclosed '{'");
                continue;
            }
            snprintf(plural, sizeof plural, "%.*s", (int)(e - o - 1), o + 1);
            *o = '\0';
        }
        char *ph = sn_imp_trim(s);
        agent_expand(im, sv, ns, ph, code, tabari, 0);
        char *pl = sn_imp_trim(plural);
        if (*pl)
            agent_expand(im, sv, ns, pl, code, tabari, 0);
    }
    free(sv);
    free(buf);
}

/* ---- verbs ---- */

#define MAX_FORMS 16

typedef struct verb_state {
    char head[256];  /* the current verb root, "" when none */
    char code[16];   /* its code ("" when null) */
    char forms[MAX_FORMS][64]; /* its irregular forms, "{ ACTING_ ACTXD_ }" */
    int nforms;
    int in_time, in_synset;
} verb_state;

/* "{ ACTING_ ACTXD_ ACTUALITY }": forms of the root, exact words, which
 * take the root's code and every pattern of the root. */
static void verb_forms(sn_imp *im, verb_state *v, char *s)
{
    if (!v->head[0]) {
        sn_imp_skip(im, SN_IK_VERB, "verb forms without a verb");
        return;
    }
    for (char *w = strtok(s, "{} \t"); w; w = strtok(NULL, "{} \t")) {
        if (v->nforms == MAX_FORMS)
            break;
        snprintf(v->forms[v->nforms], sizeof v->forms[0], "%.60s", w);
        size_t l = strlen(v->forms[v->nforms]);
        if (!l)
            continue;
        if (v->forms[v->nforms][l - 1] != '_' && l + 1 < sizeof v->forms[0])
            strcat(v->forms[v->nforms], "_"); /* a form is an exact word */
        if (v->code[0]) {
            im->quiet = 1;
            sn_imp_verb_pattern(im, v->code, v->forms[v->nforms], NULL);
            im->quiet = 0;
        }
        v->nforms++;
    }
}

static void time_entry(sn_imp *im, char *s)
{
    char code[32];
    if (sn_imp_cut_code(s, code, sizeof code) == 1 && !strcmp(sn_imp_trim(code), "###")) {
        if (s[0] == '-')
            sn_imp_skip(im, SN_IK_DISCARD, "discard pattern around a verb");
        else
            sn_imp_discard(im, s, im->stems);
        return;
    }
    sn_imp_skip(im, SN_IK_TIME, "time shift (Sentinel dates each event from its own time expressions)");
}

/* A verb line: "WITHDRAW  [345]", or a phrase: "OPEN FIRE  [190]" */
static void verb_root(sn_imp *im, verb_state *v, char *s)
{
    char code[32] = "---";
    if (sn_imp_cut_code(s, code, sizeof code) < 0) {
        sn_imp_skip(im, SN_IK_VERB, "unclosed or over-long [code]");
        v->head[0] = '\0';
        return;
    }
    s = sn_imp_trim(s);
    size_t l = strlen(s);
    while (l && (s[l - 1] == '=' || s[l - 1] == '_'))
        s[--l] = '\0'; /* "BAN=": TABARI's flag */
    snprintf(v->head, sizeof v->head, "%s", s);
    v->nforms = 0;
    v->code[0] = '\0';
    char c[16];
    int k = sn_imp_event_code(im, code, c);
    if (k == 1)
        snprintf(v->code, sizeof v->code, "%s", c);
    if (k == 1)
        sn_imp_verb_pattern(im, c, v->head, NULL);
    else if (k == 2)
        sn_imp_verb_pattern(im, "discard", v->head, NULL); /* the verb discards its sentence */
    else if (k < 0)
        sn_imp_skip(im, SN_IK_VERB, "event code [%s] (1-4 letters or digits)", code);
}

/* A word's trailing hyphen ("ANTI- + *") is its own token in Sentinel's
 * text ("anti- Gondor" is anti, -, Gondor): the importer writes it as a
 * word joined to the one before it (ANTI_-). Other hyphens stay. */
static void split_hyphens(char *dst, size_t cap, const char *src)
{
    size_t n = 0;
    for (const char *p = src; *p && n + 2 < cap; p++) {
        if (*p == '-' && p > src && isalnum((unsigned char)p[-1]) && (!p[1] || p[1] == ' ' || p[1] == '_'))
            dst[n++] = '_';
        dst[n++] = *p;
    }
    dst[n] = '\0';
}

static void verb_pattern(sn_imp *im, verb_state *v, char *s)
{
    char code[32];
    int c = sn_imp_cut_code(s, code, sizeof code);
    if (c <= 0) {
        sn_imp_skip(im, SN_IK_PATTERN, "pattern without a [code]");
        return;
    }
    if (!v->head[0]) {
        sn_imp_skip(im, SN_IK_PATTERN, "pattern without a verb");
        return;
    }
    char ec[16];
    int k = sn_imp_event_code(im, code, ec);
    if (k == 0 || k == 2) /* null code: it blocks shorter patterns; discard: drops the sentence */
        snprintf(ec, sizeof ec, "%s", k ? "discard" : "---");
    if (k < 0) {
        sn_imp_skip(im, SN_IK_PATTERN, "event code [%s] (1-4 letters or digits)", code);
        return;
    }
    char pat[SN_IMP_LINE], copy[SN_IMP_LINE];
    split_hyphens(pat, sizeof pat, sn_imp_trim(s + 1));
    snprintf(copy, sizeof copy, "%s", pat);
    sn_imp_verb_pattern(im, ec, v->head, copy);
    im->quiet = 1; /* the same pattern for each irregular form */
    for (int i = 0; i < v->nforms; i++) {
        snprintf(copy, sizeof copy, "%s", pat);
        sn_imp_verb_pattern(im, ec, v->forms[i], copy);
    }
    im->quiet = 0;
}

static void verbs_stream(sn_imp *im, FILE *f)
{
    verb_state v;
    memset(&v, 0, sizeof v);
    char *buf = malloc(SN_IMP_LINE);
    if (!buf)
        return;
    while (sn_imp_getline(im, f, buf)) {
        sn_imp_strip(buf, 1);
        char *s = sn_imp_trim(buf);
        if (!*s)
            continue;
        if (s[0] == '<') {
            if (starts_with_ci(s, "<TIME>"))
                v.in_time = 1;
            else if (starts_with_ci(s, "</TIME>"))
                v.in_time = 0;
            else if (!starts_with_ci(s, "<SYNSETS>") && !starts_with_ci(s, "</SYNSETS>"))
                sn_imp_skip(im, SN_IK_OTHER, "unknown section %.40s", s);
            continue;
        }
        if (s[0] == '&') {
            v.in_synset = !sn_imp_synset_start(im, s + 1);
            continue;
        }
        if (s[0] == '+' && v.in_synset) {
            sn_imp_synset_add(im, sn_imp_trim(s + 1));
            continue;
        }
        v.in_synset = 0;
        if (v.in_time) {
            time_entry(im, s);
            continue;
        }
        if (s[0] == '{') {
            verb_forms(im, &v, s);
            continue;
        }
        if (s[0] == '-')
            verb_pattern(im, &v, s);
        else
            verb_root(im, &v, s);
    }
    free(buf);
}

/* ---- options, discards, project ---- */

static void options_stream(sn_imp *im, FILE *f)
{
    char *buf = malloc(SN_IMP_LINE);
    if (!buf)
        return;
    while (sn_imp_getline(im, f, buf)) {
        char *s = sn_imp_trim(buf);
        if (!*s || !strncmp(s, "//", 2) || s[0] == '#')
            continue;
        sn_imp_skip(im, SN_IK_OPTION, "option \"%.40s\" (no counterpart in Sentinel's coder)", s);
    }
    free(buf);
}

static void discards_stream(sn_imp *im, FILE *f, int tabari)
{
    char *buf = malloc(SN_IMP_LINE);
    if (!buf)
        return;
    while (sn_imp_getline(im, f, buf)) {
        int tabs = strchr(buf, '\t') != NULL && strchr(sn_imp_trim(buf), '\t') != NULL;
        sn_imp_strip(buf, tabari);
        char *s = sn_imp_trim(buf);
        if (!*s)
            continue;
        if (tabs) {
            sn_imp_skip(im, SN_IK_DISCARD, "not a discard phrase (tab-separated fields)");
            continue;
        }
        char code[32];
        sn_imp_cut_code(s, code, sizeof code);
        if (s[0] == '+') /* story-level in PETRARCH; Sentinel discards sentences */
            s++;
        sn_imp_discard(im, sn_imp_trim(s), 1); /* a stem unless it ends in '_' */
    }
    free(buf);
}

static int project_stream(sn_imp *im, FILE *f, const char *path)
{
    static const char *const keys[] = {"<actorsfile>", "<verbsfile>", "<agentsfile>", "<optionsfile>"};
    char *buf = malloc(SN_IMP_LINE);
    if (!buf)
        return 0;
    char dir[1024];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path + 1) : 0, path);
    uint32_t me = im->file;
    while (sn_imp_getline(im, f, buf)) {
        char *s = sn_imp_trim(buf);
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            if (!starts_with_ci(s, keys[k]))
                continue;
            char *name = sn_imp_trim(s + strlen(keys[k]));
            char full[2048];
            snprintf(full, sizeof full, "%s%s", name[0] == '/' ? "" : dir, name);
            uint32_t line = im->line;
            if (sn_imp_tabari_file(im, full)) {
                im->file = me;
                im->line = line;
                sn_imp_skip(im, SN_IK_OTHER, "cannot open %.200s", full);
            }
            im->file = me;
            im->line = line;
        }
    }
    free(buf);
    return 0;
}

int sn_imp_tabari_file(sn_imp *im, const char *path)
{
    FILE *f = sn_imp_open(im, path);
    if (!f)
        return -1;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (ends_with_ci(base, ".project"))
        project_stream(im, f, path);
    else if (ends_with_ci(base, ".verbs"))
        verbs_stream(im, f);
    else if (ends_with_ci(base, ".agents"))
        sn_imp_agents_stream(im, f, 1);
    else if (ends_with_ci(base, ".options"))
        options_stream(im, f);
    else if (strcasestr(base, "discard"))
        discards_stream(im, f, 1);
    else
        sn_imp_actors_stream(im, f, 1);
    fclose(f);
    return 0;
}

void sn_imp_discards_stream(sn_imp *im, FILE *f, int tabari)
{
    discards_stream(im, f, tabari);
}
