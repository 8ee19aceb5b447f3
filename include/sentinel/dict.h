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

#ifdef __cplusplus
}
#endif
#endif
