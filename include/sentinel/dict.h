/*
 * sentinel/dict.h — the coding dictionaries: actors, people, agents, verb
 * and noun patterns, modality cues and discards, compiled from the text
 * format of docs/dictionaries.md into one binary image.
 *
 * Ownership:
 *  - sn_dict_compile() writes a file; nothing is returned to free.
 *  - sn_dict_open() maps an image read-only and returns an sn_dict the
 *    caller frees with sn_dict_close(); sn_dict_builtin() returns the image
 *    linked into the library, which is never freed. An sn_dict is
 *    immutable: share it freely between threads.
 */
#ifndef SENTINEL_DICT_H
#define SENTINEL_DICT_H

#include <stddef.h>
#include "sentinel/result.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sn_dict sn_dict;

/* Compile the text files paths[0..n) into an image at out_path. On error
 * nothing is written, and err says file:line:col and what is wrong. */
sn_rc sn_dict_compile(const char *const *paths, size_t n, const char *out_path, sn_error *err);

/* Map the image at path. */
sn_rc sn_dict_open(const char *path, sn_dict **out, sn_error *err);
void sn_dict_close(sn_dict *d);

/* The dictionaries built into the library (data/dict/). */
const sn_dict *sn_dict_builtin(void);

typedef struct sn_dict_stats {
    size_t bytes, actors, people, names, agents, patterns, cues, discards, places;
    /* Coverage (distinct codes where it says so). */
    size_t states;                  /* distinct state codes, de facto included */
    size_t defacto;                 /* distinct de facto state codes */
    size_t igos, ngos, groups, companies; /* actor blocks by type */
    size_t dated_people;            /* people with at least one dated code */
    size_t person_codes;            /* code lines of people */
    size_t roles;                   /* distinct agent roles */
    size_t verb_patterns, noun_patterns;
    size_t root_patterns[21];       /* patterns per CAMEO root 01..20 (index = root) */
    size_t root_codes[21];          /* distinct event codes with a pattern, per root */
    size_t root_table[21];          /* event codes of the CAMEO table, per root */
} sn_dict_stats;

void sn_dict_get_stats(const sn_dict *d, sn_dict_stats *out);

/* Importing the field's dictionaries (docs/compat.md): TABARI .actors,
 * .agents, .verbs, .options and .project files, and PETRARCH/Phoenix
 * actors, agents, CAMEO.2.0 verbs, discards, issues and prepositions, into
 * Sentinel's model. What the model cannot represent is reported as
 * "file:line: skipped: reason" through report, and counted; the import goes
 * on. The result is Sentinel's text format (docs/dictionaries.md), written
 * through write when it is set, and/or a compiled image at image_path. */
typedef enum sn_import_format { SN_IMPORT_TABARI, SN_IMPORT_PETRARCH } sn_import_format;

typedef enum sn_import_kind {
    SN_IK_ACTOR, SN_IK_AGENT, SN_IK_VERB, SN_IK_PATTERN, SN_IK_SYNSET, SN_IK_DISCARD, SN_IK_ISSUE,
    SN_IK_TIME, SN_IK_OPTION, SN_IK_PREPOSITION, SN_IK_OTHER, SN_IK__COUNT
} sn_import_kind;

const char *sn_import_kind_name(sn_import_kind k);

typedef struct sn_import_stats {
    size_t loaded[SN_IK__COUNT], skipped[SN_IK__COUNT];
    size_t compile_skipped; /* entries the compiler rejected (reported too) */
} sn_import_stats;

typedef int (*sn_import_write_fn)(void *ctx, const char *p, size_t n);

/* One report line: file, line (0 when none) and message ("skipped: ..."). */
typedef void (*sn_import_report_fn)(void *ctx, const char *file, unsigned line, const char *msg);

sn_rc sn_dict_import(sn_import_format fmt, const char *const *paths, size_t n, const char *image_path,
                     sn_import_write_fn write, void *write_ctx, sn_import_report_fn report, void *report_ctx,
                     sn_import_stats *stats, sn_error *err);
/* One problem found by sn_dict_check or sn_dict_check_files. `check` is
 * one of "duplicate" (a name listed for two actors with different codes),
 * "dates" (an inverted range, overlapping ranges with different codes, a
 * second fallback), "unknown-code" (an actor, role or CAMEO code nothing
 * defines), "never-matches" (a pattern or word that cannot match) and
 * "shadowed" (an actor or town whose every name is taken by others). */
typedef struct sn_dict_issue {
    const char *check;
    const char *file; /* the text file, or the image when line is 0 */
    unsigned line;
    char msg[512];
} sn_dict_issue;

/* Called once per issue; the issue lives only during the call. */
typedef void (*sn_dict_issue_fn)(const sn_dict_issue *issue, void *ctx);

/* Check an image; `where` names it in the issues (NULL: "built-in").
 * Returns the number of issues. */
size_t sn_dict_check(const sn_dict *d, const char *where, sn_dict_issue_fn fn, void *ctx);

/* Compile the text files in memory and check them, with file:line in each
 * issue. A file that does not compile is an error (err, file:line:col);
 * else *nissues is the number of issues reported. */
sn_rc sn_dict_check_files(const char *const *paths, size_t n, sn_dict_issue_fn fn, void *ctx, size_t *nissues,
                          sn_error *err);

#ifdef __cplusplus
}
#endif
#endif
