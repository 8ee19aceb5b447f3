/*
 * tools/gen-lexicon.c — build-time generator of the lexicon image.
 *
 * Reads WordNet 3.0's index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc
 * from WORDNET_DIR and the project's data/text/closed-class.txt and
 * data/text/abbreviations.txt, and writes
 * the binary image described in lib/text/lexicon.h plus an assembler stub
 * that embeds it with .incbin:
 *
 *   gen-lexicon WORDNET_DIR CLOSED_CLASS ABBREVIATIONS OUT.bin OUT.S
 *
 * Errors name file:line and exit 1. Runs once per build, so it favours
 * plainness over speed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sentinel/text.h"
#include "text/lexicon.h"
#include "util/hash.h"

typedef struct {
    sn_lex_entry e;
    sn_lex_extra x;
    int has_extra;
    unsigned proper, plain; /* noun senses with and without a capital */
} gen_entry;

static gen_entry *ents;
static uint32_t nents, aents;
static uint32_t *table; /* entry index + 1 */
static uint32_t tsize = 1u << 19;
static char *strs;
static uint32_t slen, salloc;

static void die(const char *file, unsigned line, const char *msg)
{
    fprintf(stderr, "gen-lexicon: %s:%u: %s\n", file, line, msg);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        die("-", 0, "out of memory");
    return p;
}

static uint32_t add_str(const char *s)
{
    size_t n = strlen(s) + 1;
    while (slen + n > salloc) {
        salloc = salloc ? salloc * 2 : 1 << 20;
        strs = xrealloc(strs, salloc);
    }
    memcpy(strs + slen, s, n);
    uint32_t off = slen;
    slen += (uint32_t)n;
    return off;
}

static gen_entry *get(const char *w)
{
    uint32_t h = sn_hash(w, strlen(w)) & (tsize - 1);
    while (table[h]) {
        gen_entry *g = &ents[table[h] - 1];
        if (!strcmp(strs + g->e.word, w))
            return g;
        h = (h + 1) & (tsize - 1);
    }
    if (nents * 2 >= tsize)
        die("-", 0, "table full");
    if (nents == aents) {
        aents = aents ? aents * 2 : 1 << 16;
        ents = xrealloc(ents, aents * sizeof *ents);
    }
    gen_entry *g = &ents[nents];
    memset(g, 0, sizeof *g);
    g->e.word = add_str(w);
    table[h] = ++nents;
    return g;
}

static FILE *open_or_die(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

/* WordNet writes multiword lemmas with '_'; the tagger works on tokens. */
static int usable(const char *w)
{
    return *w && !strchr(w, '_') && strlen(w) < 64;
}

static void read_index(const char *dir, const char *name, int pos)
{
    char path[1024], line[65536];
    snprintf(path, sizeof path, "%s/index.%s", dir, name);
    FILE *f = open_or_die(path);
    unsigned ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == ' ')
            continue; /* licence header */
        char *tok[512];
        int n = 0;
        for (char *t = strtok(line, " \n"); t && n < 512; t = strtok(NULL, " \n"))
            tok[n++] = t;
        if (n < 6)
            die(path, ln, "short index line");
        int p_cnt = atoi(tok[3]);
        if (4 + p_cnt + 1 >= n)
            die(path, ln, "bad pointer count");
        long tagged = atol(tok[4 + p_cnt + 1]);
        if (!usable(tok[0]))
            continue;
        gen_entry *g = get(tok[0]);
        long c = 1 + tagged;
        g->e.cnt[pos] = (uint16_t)(c > 65535 ? 65535 : c);
    }
    fclose(f);
}

/* data.noun keeps the case of lemmas: count capitalized and plain senses. */
static void read_noun_case(const char *dir)
{
    char path[1024], line[65536];
    snprintf(path, sizeof path, "%s/data.noun", dir);
    FILE *f = open_or_die(path);
    unsigned ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == ' ')
            continue;
        char *tok[4];
        int n = 0;
        for (char *t = strtok(line, " \n"); t; t = n < 4 ? strtok(NULL, " \n") : NULL)
            tok[n++] = t;
        if (n < 4)
            die(path, ln, "short data line");
        long wcnt = strtol(tok[3], NULL, 16);
        for (long w = 0; w < wcnt; w++) {
            char *word = strtok(NULL, " \n");
            if (!word || !strtok(NULL, " \n"))
                die(path, ln, "short word list");
            char *paren = strchr(word, '(');
            if (paren)
                *paren = '\0';
            int cap = word[0] >= 'A' && word[0] <= 'Z';
            for (char *c = word; *c; c++)
                if (*c >= 'A' && *c <= 'Z')
                    *c = (char)(*c + 32);
            if (!usable(word))
                continue;
            gen_entry *g = get(word);
            if (cap)
                g->proper++;
            else
                g->plain++;
        }
    }
    fclose(f);
}

static void read_exc(const char *dir, const char *name, int pos)
{
    char path[1024], line[1024];
    snprintf(path, sizeof path, "%s/%s.exc", dir, name);
    FILE *f = open_or_die(path);
    unsigned ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *form = strtok(line, " \n");
        char *base = strtok(NULL, " \n");
        if (!form || !base)
            die(path, ln, "expected 'form base'");
        if (!usable(form) || !usable(base))
            continue;
        gen_entry *g = get(form);
        if (!g->x.exc[pos]) {
            g->x.exc[pos] = add_str(base);
            g->has_extra = 1;
        }
    }
    fclose(f);
}

static void read_closed(const char *path)
{
    char line[1024];
    FILE *f = open_or_die(path);
    unsigned ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *hash = strchr(line, '#');
        if (hash && (hash == line || hash[-1] == ' '))
            *hash = '\0';
        char *w = strtok(line, " \t\r\n");
        if (!w)
            continue;
        gen_entry *g = get(w);
        if (g->x.ncl)
            die(path, ln, "word listed twice");
        for (char *t = strtok(NULL, " \t\r\n"); t; t = strtok(NULL, " \t\r\n")) {
            if (g->x.ncl == SN_LEX_MAX_CLOSED)
                die(path, ln, "more than SN_LEX_MAX_CLOSED (6) tags");
            char *eq = strchr(t, '=');
            if (eq)
                *eq = '\0';
            sn_tag tag = sn_tag_from_name(t);
            if (tag == SN_TAG_NONE)
                die(path, ln, "unknown tag");
            g->x.cl_tag[g->x.ncl] = (uint8_t)tag;
            g->x.cl_lemma[g->x.ncl] = eq ? add_str(eq + 1) : 0;
            g->x.ncl++;
        }
        if (!g->x.ncl)
            die(path, ln, "word without a tag");
        g->has_extra = 1;
    }
    fclose(f);
}

static void read_abbrev(const char *path)
{
    static const char *const kinds[] = {"", "title", "name", "month", "number", "other"};
    char line[1024];
    FILE *f = open_or_die(path);
    unsigned ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '#')
            continue;
        char *w = strtok(line, " \t\r\n");
        char *k = strtok(NULL, " \t\r\n");
        if (!w)
            continue;
        if (!k || w[strlen(w) - 1] != '.')
            die(path, ln, "expected 'abbreviation. kind'");
        int kind = 0;
        for (int i = 1; i < 6; i++)
            if (!strcmp(k, kinds[i]))
                kind = i;
        if (!kind)
            die(path, ln, "unknown kind (title, name, month, number, other)");
        gen_entry *g = get(w);
        if (g->x.abbrev)
            die(path, ln, "abbreviation listed twice");
        g->x.abbrev = (uint8_t)kind;
        g->has_extra = 1;
    }
    fclose(f);
}

static void write_image(const char *out)
{
    uint32_t nb = 1;
    while (nb < nents * 2)
        nb <<= 1;
    uint32_t *buckets = calloc(nb, sizeof *buckets);
    sn_lex_entry *e = calloc(nents, sizeof *e);
    sn_lex_extra *x = calloc(nents, sizeof *x);
    if (!buckets || !e || !x)
        die("-", 0, "out of memory");
    uint32_t nx = 0;
    for (uint32_t i = 0; i < nents; i++) {
        e[i] = ents[i].e;
        if (ents[i].proper)
            e[i].flags |= SN_LEX_PROPER | (ents[i].plain ? 0 : SN_LEX_PROPER_ALL);
        if (ents[i].has_extra) {
            x[nx] = ents[i].x;
            e[i].extra = ++nx;
        }
        const char *w = strs + e[i].word;
        uint32_t h = sn_hash(w, strlen(w)) & (nb - 1);
        while (buckets[h])
            h = (h + 1) & (nb - 1);
        buckets[h] = i + 1;
    }
    sn_lex_header hd = {SN_LEX_MAGIC, SN_LEX_VERSION, nents, nb, 0, 0, 0, 0, nx, slen};
    hd.entries_off = sizeof hd;
    hd.buckets_off = hd.entries_off + nents * (uint32_t)sizeof *e;
    hd.extras_off = hd.buckets_off + nb * 4;
    hd.strings_off = hd.extras_off + nx * (uint32_t)sizeof *x;
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(&hd, sizeof hd, 1, f) != 1 ||
        fwrite(e, sizeof *e, nents, f) != nents ||
        fwrite(buckets, 4, nb, f) != nb ||
        fwrite(x, sizeof *x, nx, f) != nx ||
        fwrite(strs, 1, slen, f) != slen || fclose(f)) {
        perror(out);
        exit(1);
    }
    free(buckets);
    free(e);
    free(x);
}

static void write_stub(const char *out, const char *bin)
{
    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
        exit(1);
    }
    fprintf(f, "/* Generated by tools/gen-lexicon.c: embeds the lexicon image. */\n"
               "\t.section .rodata\n\t.balign 16\n"
               "\t.globl sn_lexicon_blob\n\t.hidden sn_lexicon_blob\n"
               "sn_lexicon_blob:\n\t.incbin \"%s\"\n"
               "\t.globl sn_lexicon_blob_end\n\t.hidden sn_lexicon_blob_end\n"
               "sn_lexicon_blob_end:\n"
               "\t.section .note.GNU-stack,\"\",@progbits\n", bin);
    if (fclose(f)) {
        perror(out);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: gen-lexicon WORDNET_DIR CLOSED_CLASS ABBREVIATIONS OUT.bin OUT.S\n");
        return 2;
    }
    static const char *names[] = {"noun", "verb", "adj", "adv"};
    table = calloc(tsize, sizeof *table);
    if (!table)
        die("-", 0, "out of memory");
    add_str(""); /* offset 0 is the empty string */
    for (int p = 0; p < SN_WN__COUNT; p++)
        read_index(argv[1], names[p], p);
    for (int p = 0; p < SN_WN__COUNT; p++)
        read_exc(argv[1], names[p], p);
    read_noun_case(argv[1]);
    read_closed(argv[2]);
    read_abbrev(argv[3]);
    write_image(argv[4]);
    write_stub(argv[5], argv[4]);
    return 0;
}
