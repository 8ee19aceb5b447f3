/*
 * lib/util/mapfile.h — mapping a whole file read-only into memory, for the
 * images the library opens by mmap (dictionaries, the gazetteer). The
 * caller checks the bytes; sn_unmap_file releases them.
 */
#ifndef SN_UTIL_MAPFILE_H
#define SN_UTIL_MAPFILE_H

#include <stddef.h>
#include "sentinel/result.h"

/* Map path whole and read-only. On failure *p is NULL and err (when not
 * NULL) says "cannot open the WHAT" (SN_ERR_NOTFOUND) or "cannot map the
 * WHAT" (SN_ERR_IO, also for an empty file). */
sn_rc sn_map_file(const char *path, const char *what, const void **p, size_t *n, sn_error *err);

void sn_unmap_file(const void *p, size_t n);

#endif
