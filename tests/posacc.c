/*
 * tests/posacc.c — measures the tagger's accuracy on hand-tagged sentences
 * (tests/text/pos-*.txt: token/TAG per token, one sentence per line).
 * Each sentence's tokens are joined with the spacing the tokens imply and
 * analysed; tokens are compared one to one. Prints per-file accuracy and
 * the commonest confusions; fails when a file is below --min, or when the
 * tokenization disagrees with the gold tokens on more than 1% of sentences.
 *
 *   posacc [--min 0.90] [--show] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sentinel/sentinel.h"

#define MAX_TOK 512

typedef struct gold {
    char word[MAX_TOK][128];
    char tag[MAX_TOK][8];
    int n;
} gold;

static int no_space_before(const char *w, const char *prev)
{
    static const char *const glued[] = {".", ",", ";", ":", "!", "?", "'s", "n't", "'re", "'ve",
                                        "'ll", "'d", "'m", "'", ")", "%", "\xE2\x80\x99s", "..."};
    for (size_t i = 0; i < sizeof glued / sizeof *glued; i++)
        if (!strcmp(w, glued[i]))
            return 1;
    return prev && (!strcmp(prev, "$") || !strcmp(prev, "("));
}

/* Parse "w/T w/T ..." into g; returns 0 on a malformed line. */
static int parse_gold(char *line, gold *g)
{
    g->n = 0;
    for (char *t = strtok(line, " \n"); t && g->n < MAX_TOK; t = strtok(NULL, " \n")) {
        char *slash = strrchr(t, '/');
        if (!slash || slash == t)
            return 0;
        *slash = '\0';
        char *w = g->word[g->n], *o = w;
        for (char *s = t; *s && o - w < 126; s++) {
            if (*s == '\\' && s[1] == '/')
                s++;
            *o++ = *s;
        }
        *o = '\0';
        snprintf(g->tag[g->n], sizeof g->tag[g->n], "%s", slash + 1);
        g->n++;
    }
    return g->n > 0;
}

static void rebuild(const gold *g, char *out, size_t cap)
{
    size_t k = 0;
    int open_quote = 0;
    for (int i = 0; i < g->n; i++) {
        const char *w = g->word[i];
        int quote = !strcmp(w, "\"");
        int glue = i == 0 || no_space_before(w, g->word[i - 1]) || (quote && open_quote) ||
                   (i > 0 && !strcmp(g->word[i - 1], "\"") && open_quote);
        if (quote)
            open_quote = !open_quote;
        k += (size_t)snprintf(out + k, cap - k, "%s%s", glue ? "" : " ", w);
        if (k >= cap)
            break;
    }
}

typedef struct stats {
    long total, correct, skipped;
    char confusion[64][32];
    int conf_n[64], nconf;
} stats;

static void confuse(stats *s, const char *want, const char *got)
{
    char key[32];
    snprintf(key, sizeof key, "%s->%s", want, got);
    for (int i = 0; i < s->nconf; i++)
        if (!strcmp(s->confusion[i], key)) {
            s->conf_n[i]++;
            return;
        }
    if (s->nconf < 64) {
        snprintf(s->confusion[s->nconf], 32, "%s", key);
        s->conf_n[s->nconf++] = 1;
    }
}

static void score(sn_analyzer *an, const gold *g, stats *st, int show)
{
    static char text[1 << 16];
    rebuild(g, text, sizeof text);
    const sn_doc *d;
    if (sn_analyze(an, text, strlen(text), NULL, &d)) {
        st->skipped++;
        return;
    }
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    const char *s = sn_doc_text(d, NULL);
    if ((int)n != g->n) {
        st->skipped++;
        if (show)
            printf("  tokenization differs: %s\n", text);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        const char *got = sn_tag_name(t[i].tag);
        st->total++;
        if (!strcmp(got, g->tag[i])) {
            st->correct++;
        } else {
            confuse(st, g->tag[i], got);
            if (show)
                printf("  %.*s: want %s got %s   | %s\n", (int)t[i].len, s + t[i].off, g->tag[i], got, text);
        }
    }
}

static int run_file(sn_analyzer *an, const char *path, double min, int show)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "posacc: cannot open %s\n", path);
        return 1;
    }
    static char line[1 << 16];
    static gold g;
    stats st;
    memset(&st, 0, sizeof st);
    long sentences = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        sentences++;
        if (!parse_gold(line, &g)) {
            st.skipped++;
            continue;
        }
        score(an, &g, &st, show);
    }
    fclose(f);
    double acc = st.total ? (double)st.correct / (double)st.total : 0;
    printf("%s: %ld tokens, accuracy %.2f%% (%ld of %ld sentences not scored)\n", path, st.total,
           100 * acc, st.skipped, sentences);
    for (int k = 0; k < 8; k++) {
        int best = -1;
        for (int i = 0; i < st.nconf; i++)
            if (st.conf_n[i] > 0 && (best < 0 || st.conf_n[i] > st.conf_n[best]))
                best = i;
        if (best < 0)
            break;
        printf("  %-14s %d\n", st.confusion[best], st.conf_n[best]);
        st.conf_n[best] = -st.conf_n[best];
    }
    return acc < min || st.skipped * 100 > sentences;
}

int main(int argc, char **argv)
{
    double min = 0;
    int show = 0, bad = 0, files = 0;
    sn_analyzer *an;
    if (sn_analyzer_new(&an, NULL))
        return 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--min") && i + 1 < argc)
            min = atof(argv[++i]);
        else if (!strcmp(argv[i], "--show"))
            show = 1;
        else
            bad += run_file(an, argv[i], min, show), files++;
    }
    sn_analyzer_free(an);
    printf("posacc: %d passed, %d failed\n", files - bad, bad);
    return bad ? 1 : 0;
}
