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

#ifdef __cplusplus
}
#endif
#endif
