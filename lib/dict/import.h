/*
 * lib/dict/import.h — what the TABARI and PETRARCH importers share: the
 * writer of Sentinel's dictionary text (with a map from each generated
 * line back to its source file:line), skip reports and counts, synsets,
 * names, codes with date restrictions, and pattern conversion.
 */
#ifndef SN_DICT_IMPORT_H
#define SN_DICT_IMPORT_H

#include <stdint.h>
#include <stdio.h>
#include "sentinel/dict.h"
#include "util/buf.h"

#define SN_IMP_LINE 8192     /* longest source line */
#define SN_IMP_MAX_CODES 16  /* codes of one actor */
#define SN_IMP_MAX_NAMES 512 /* names of one actor record */
#define SN_IMP_MAX_FILES 256

typedef struct sn_imp_src {
    uint32_t file, line;
} sn_imp_src;

typedef struct sn_imp_synset {
    char name[64];
    uint32_t first, n; /* members: offsets into pool, in mem */
} sn_imp_synset;

typedef struct sn_imp {
    sn_buf text;        /* generated dictionary text */
    sn_vec map;         /* sn_imp_src per generated line */
    sn_buf pool;        /* synset member strings */
    sn_vec syn, mem;    /* sn_imp_synset; uint32_t offsets */
    char (*files)[1024]; /* every file read, for reports (SN_IMP_MAX_FILES) */
    uint32_t nfiles;
    uint32_t file, line;
    sn_import_report_fn report;
    void *rctx;
    sn_import_stats *st;
    int stems;          /* TABARI: a last word without '_' is a stem */
    int failed;         /* the text buffer hit its cap */
    int quiet;          /* repeating an entry for another verb: no reports, no counts */
    int in_comment;     /* inside a multi-line <!-- ... --> */
} sn_imp;

/* One date-restricted code: from/to are "YYYY-MM-DD" or "". */
typedef struct sn_imp_code {
    char code[32], from[11], to[11];
} sn_imp_code;

void sn_imp_emit(sn_imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sn_imp_skip(sn_imp *im, sn_import_kind k, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void sn_imp_note(sn_imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sn_imp_loaded(sn_imp *im, sn_import_kind k);

/* Read the next line of f into buf (without the newline); 0 at the end.
 * Over-long lines are reported and skipped. */
int sn_imp_getline(sn_imp *im, FILE *f, char *buf);
/* Cut a comment: from ';' (TABARI) and from '#' at the start or after
 * white space; then trim. "<!-- ... -->" on one line is cut too. */
void sn_imp_strip(char *s, int semicolon);
char *sn_imp_trim(char *s);

/* "AL_GORE_" -> "al gore"; "ARGENTIN" -> "argentin*" when stems. 0 when
 * nothing is left. */
int sn_imp_phrase(const sn_imp *im, const char *raw, int stems, char *out, size_t cap);

/* Parse "[CODE]", "[CODE 950101-991231]", "[CODE >990816]", "[CODE <950601]"
 * groups in s into codes; returns how many, or -1 with why. */
int sn_imp_codes(const char *s, sn_imp_code *out, int max, const char **why);
/* "950101" or "19950101" -> "1995-01-01" (years 00-30 are 2000-2030). */
int sn_imp_date(const char *s, size_t n, char out[11]);

/* An actor record: names (raw), codes. */
void sn_imp_actor(sn_imp *im, char names[][256], int nnames, const sn_imp_code *codes, int ncodes);
/* An agent: raw phrase and code ("~GOV", "NGO~"). */
void sn_imp_agent(sn_imp *im, const char *raw, const char *code, int stems);
void sn_imp_discard(sn_imp *im, const char *raw, int stems);

/* Synsets: "&NAME" starts one, "+member" adds to the latest. */
int sn_imp_synset_start(sn_imp *im, const char *name);
void sn_imp_synset_add(sn_imp *im, const char *member);

/* A verb pattern: code, the verb's head word (and words that follow it, as
 * in multi-word verbs), and the TABARI-style pattern text ("- * TIES",
 * "$ * + IN_ &CITY", PETRARCH's braces and parentheses already removed)
 * or NULL for the bare verb. Returns 1 when emitted. */
int sn_imp_verb_pattern(sn_imp *im, const char *code, const char *head, const char *pattern);
/* Check an event code: "---" null (0), "###" discard (2), a code (1), bad
 * (-1). A paired code "032:033" stays paired (the second half codes the
 * reverse event); "[:033]" has no forward event and is null. */
int sn_imp_event_code(sn_imp *im, const char *raw, char out[16]);
/* The bracketed code at the end of s ("... [064] ") cut off s into code. */
int sn_imp_cut_code(char *s, char *code, size_t cap);

/* Open path for reading and make it the current file (line 0); NULL when
 * it cannot be opened or too many files were read. */
FILE *sn_imp_open(sn_imp *im, const char *path);

/* Actor and agent files, in the layout both programs share. */
void sn_imp_actors_stream(sn_imp *im, FILE *f, int tabari);
void sn_imp_agents_stream(sn_imp *im, FILE *f, int tabari);
void sn_imp_discards_stream(sn_imp *im, FILE *f, int tabari);

int sn_imp_tabari_file(sn_imp *im, const char *path);
int sn_imp_petrarch_file(sn_imp *im, const char *path);

#endif
