/*
 * lib/dict/dict.h — the library's view of a dictionary image: the opened
 * sn_dict and its look-ups (names by first token, patterns by head lemma,
 * cues by word). Read-only, so safe from any thread.
 */
#ifndef SN_DICT_DICT_H
#define SN_DICT_DICT_H

#include <stddef.h>
#include "dict/image.h"
#include "sentinel/dict.h"

struct sn_dict {
    const unsigned char *base;
    size_t size;
    int mapped;                 /* 1: munmap on close */
    const sn_dict_header *h;
    const char *strings;
    const sn_img_actor *actors;
    const sn_img_code *codes;
    const sn_img_name *names;
    const sn_img_pat *pats;
    const sn_img_elem *elems;
    const uint32_t *alts;
    const sn_img_cue *cues;
};

/* Check an image in memory and fill the views; 0 on success. */
int sn_dict_view(sn_dict *d, const unsigned char *base, size_t size, sn_error *err);

static inline const char *sn_dict_str(const sn_dict *d, uint32_t off)
{
    return d->strings + off;
}

/* Where a record of a compiled image came from: paths[file], line. */
typedef struct sn_dict_loc {
    uint32_t file, line;
} sn_dict_loc;

/* The locations of every actor, person code, name and pattern, parallel to
 * the image's record arrays (compile.c keeps them; an image has none). */
typedef struct sn_dict_locs {
    const char *const *paths;
    const sn_dict_loc *actors, *codes, *names, *pats;
} sn_dict_locs;

/* The checks of check.c over d: with locs, issues name file:line; without,
 * they name `where` (an image path) and the actor. Returns the count. */
size_t sn_dict_check_at(const sn_dict *d, const sn_dict_locs *locs, const char *where, sn_dict_issue_fn fn,
                        void *ctx);

/* The first record of the chain for key in index h, as index + 1 (0: none). */
uint32_t sn_dict_lookup(const sn_dict *d, const sn_img_hash *h, const char *key);
/* The same, by the key's sn_hash() (prefix probes hash incrementally). */
uint32_t sn_dict_lookup_hash(const sn_dict *d, const sn_img_hash *h, uint32_t hash);

/* Compile dictionary text held in memory (the importers' output) into an
 * image at out_path. Lenient: a bad entry is reported through warn (with
 * its line in text) and skipped, and *skipped counts them. */
typedef void (*sn_dict_warn_fn)(void *ctx, unsigned line, const char *msg);
sn_rc sn_dict_compile_text(const char *text, size_t n, const char *out_path, sn_dict_warn_fn warn, void *ctx,
                           size_t *skipped, sn_error *err);

#endif
