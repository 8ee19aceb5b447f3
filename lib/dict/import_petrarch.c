/*
 * lib/dict/import_petrarch.c — PETRARCH2 and Phoenix dictionaries
 * (petrarch2-dictionaries.rst) into Sentinel's model: the CAMEO.2.0 verb
 * file (synsets, "--- NAME [CODE] ---" synonym blocks, multi-word verbs,
 * "- pre * post [CODE]" patterns with {noun phrases} and (PREP phrases),
 * ~ transformations), actors, agents ({plurals}, !substitutions!),
 * discards, issues and prepositions. Actors, agents and discards share the
 * readers of import_tabari.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dict/import.h"

#define MAX_BLOCK_VERBS 256

typedef struct block {
    char code[32];                    /* the block's default code */
    char verbs[MAX_BLOCK_VERBS][128]; /* heads of the verbs that take the patterns */
    char pre[MAX_BLOCK_VERBS][128];   /* words before the verb of a multi-word verb ("WIRE_+TAP"), or "" */
    int n;
    int in_synset;
} block;

/* "--- ACCELERATE [---] ---" */
static void block_start(sn_imp *im, block *b, char *s)
{
    b->n = 0;
    snprintf(b->code, sizeof b->code, "---");
    char code[32];
    if (sn_imp_cut_code(s, code, sizeof code) == 1)
        snprintf(b->code, sizeof b->code, "%s", sn_imp_trim(code));
    (void)im;
}

/* "ABANDON", "HURRY {HURRIES ...}", "+CORDON_OFF", "KLM_NOP_+RST [002]" */
static void block_verb(sn_imp *im, block *b, char *s)
{
    char code[32];
    snprintf(code, sizeof code, "%s", b->code);
    char *brace = strchr(s, '{');
    if (brace)
        *brace = '\0'; /* irregular forms: Sentinel matches verbs by lemma */
    char own[32];
    int c = sn_imp_cut_code(s, own, sizeof own);
    if (c < 0) {
        sn_imp_skip(im, SN_IK_VERB, "unclosed or over-long [code]");
        return;
    }
    if (c == 1)
        snprintf(code, sizeof code, "%s", sn_imp_trim(own));
    s = sn_imp_trim(s);
    /* "WIRE_+TAP": the verb is the word after '+'; the words before it
     * must stand right before it. */
    char pre[128] = "";
    char *plus = strchr(s, '+');
    if (plus && plus != s) {
        snprintf(pre, sizeof pre, "%.*s", (int)(plus - s < 120 ? plus - s : 120), s);
        s = plus;
    }
    if (plus)
        s++;
    if (!*s || !isalpha((unsigned char)*s)) {
        sn_imp_skip(im, SN_IK_VERB, "no verb in \"%.60s\"", s);
        return;
    }
    if (b->n < MAX_BLOCK_VERBS) {
        snprintf(b->verbs[b->n], sizeof b->verbs[0], "%s", s);
        snprintf(b->pre[b->n++], sizeof b->pre[0], "%s", pre);
    }
    char ec[16];
    int k = sn_imp_event_code(im, code, ec);
    char bare[160];
    snprintf(bare, sizeof bare, "%s*", pre);
    if (k == 1)
        sn_imp_verb_pattern(im, ec, s, pre[0] ? bare : NULL);
    else if (k < 0)
        sn_imp_skip(im, SN_IK_VERB, "event code [%s] (1-4 letters or digits)", code);
    else
        sn_imp_loaded(im, SN_IK_VERB); /* a null-coded verb: it codes only through its patterns */
}

/* "- * (TO BORDER) [154]": every verb of the block takes the pattern. */
static void block_pattern(sn_imp *im, block *b, char *s)
{
    char code[32];
    if (sn_imp_cut_code(s, code, sizeof code) != 1) {
        sn_imp_skip(im, SN_IK_PATTERN, "pattern without a [code]");
        return;
    }
    char ec[16];
    int k = sn_imp_event_code(im, code, ec);
    if (k == 0 || k == 2) /* null code: it blocks shorter patterns; discard: drops the sentence */
        snprintf(ec, sizeof ec, "%s", k ? "discard" : "---");
    else if (k != 1) {
        sn_imp_skip(im, SN_IK_PATTERN, "event code [%s] (1-4 letters or digits)", code);
        return;
    }
    if (!b->n) {
        sn_imp_skip(im, SN_IK_PATTERN, "pattern without a verb");
        return;
    }
    /* PETRARCH's syntax marks ({noun phrase}, (PREP ...)) fall away:
     * Sentinel matches the words in order after the verb. */
    for (char *p = s + 1; *p; p++)
        if (*p == '{' || *p == '}' || *p == '(' || *p == ')')
            *p = ' ';
    char *pat = sn_imp_trim(s + 1);
    for (int i = 0; i < b->n; i++) {
        im->quiet = i > 0;
        char full[SN_IMP_LINE];
        const char *star = strchr(pat, '*');
        if (b->pre[i][0] && star) /* the multi-word verb's own words go right before it */
            snprintf(full, sizeof full, "%.*s %s%s", (int)(star - pat), pat, b->pre[i], star);
        else
            snprintf(full, sizeof full, "%s", pat);
        sn_imp_verb_pattern(im, ec, b->verbs[i], full);
    }
    im->quiet = 0;
}

static void verbs_stream(sn_imp *im, FILE *f)
{
    block *b = calloc(1, sizeof *b);
    char *buf = malloc(SN_IMP_LINE);
    if (!b || !buf) {
        free(b);
        free(buf);
        return;
    }
    while (sn_imp_getline(im, f, buf)) {
        int header = !strncmp(sn_imp_trim(buf), "---", 3);
        if (!header)
            sn_imp_strip(buf, 0);
        char *s = sn_imp_trim(buf);
        if (!*s)
            continue;
        if (header) {
            b->in_synset = 0;
            block_start(im, b, s);
        } else if (s[0] == '&') {
            b->in_synset = !sn_imp_synset_start(im, s + 1);
        } else if (s[0] == '+' && b->in_synset) {
            sn_imp_synset_add(im, sn_imp_trim(s + 1));
        } else if (s[0] == '~') {
            b->in_synset = 0;
            sn_imp_skip(im, SN_IK_PATTERN, "verb transformation (Sentinel combines verbs by its own rules)");
        } else if (s[0] == '-') {
            b->in_synset = 0;
            block_pattern(im, b, s);
        } else if (s[0] == '<') {
            continue;
        } else {
            b->in_synset = 0;
            block_verb(im, b, s);
        }
    }
    free(b);
    free(buf);
}

/* Issues and prepositions have no place in Sentinel's model (yet): each
 * entry is reported and counted. */
static void list_stream(sn_imp *im, FILE *f, sn_import_kind k, const char *why)
{
    char *buf = malloc(SN_IMP_LINE);
    if (!buf)
        return;
    while (sn_imp_getline(im, f, buf)) {
        sn_imp_strip(buf, 0);
        char *s = sn_imp_trim(buf);
        if (*s && s[0] != '<')
            sn_imp_skip(im, k, "%s", why);
    }
    free(buf);
}

static int name_has(const char *base, const char *w)
{
    return strcasestr(base, w) != NULL;
}

int sn_imp_petrarch_file(sn_imp *im, const char *path)
{
    FILE *f = sn_imp_open(im, path);
    if (!f)
        return -1;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (name_has(base, "verb") || name_has(base, "cameo"))
        verbs_stream(im, f);
    else if (name_has(base, "agent"))
        sn_imp_agents_stream(im, f, 0);
    else if (name_has(base, "discard"))
        sn_imp_discards_stream(im, f, 0);
    else if (name_has(base, "issue"))
        list_stream(im, f, SN_IK_ISSUE, "issue coding (Sentinel codes events, not issues)");
    else if (name_has(base, "preposition"))
        list_stream(im, f, SN_IK_PREPOSITION, "preposition list (Sentinel's tagger knows prepositions)");
    else
        sn_imp_actors_stream(im, f, 0);
    fclose(f);
    return 0;
}
