/*
 * lib/util/buf.h — capped growable buffers, in the manner of curl's dynbuf.
 *
 * sn_buf holds bytes; sn_vec holds fixed-size elements. Both grow by
 * doubling up to a hard cap set at init, and fail with SN_ERR_TOOBIG past
 * it, so no input can make memory grow without bound. Reset keeps the
 * storage, so a reused buffer stops allocating once it has warmed up.
 */
#ifndef SN_UTIL_BUF_H
#define SN_UTIL_BUF_H

#include <stddef.h>
#include "sentinel/result.h"

typedef struct sn_buf {
    char *p;
    size_t len, alloc, cap;
} sn_buf;

void sn_buf_init(sn_buf *b, size_t cap);
void sn_buf_free(sn_buf *b);
static inline void sn_buf_reset(sn_buf *b) { b->len = 0; }
/* Make room for n more bytes. */
sn_rc sn_buf_reserve(sn_buf *b, size_t n);
sn_rc sn_buf_add(sn_buf *b, const void *p, size_t n);
sn_rc sn_buf_addc(sn_buf *b, char c);
sn_rc sn_buf_adds(sn_buf *b, const char *s);
sn_rc sn_buf_printf(sn_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* NUL-terminates without counting the NUL in len. */
sn_rc sn_buf_cstr(sn_buf *b);

typedef struct sn_vec {
    void *p;
    size_t n, alloc, cap, esize;
} sn_vec;

void sn_vec_init(sn_vec *v, size_t esize, size_t cap);
void sn_vec_free(sn_vec *v);
static inline void sn_vec_reset(sn_vec *v) { v->n = 0; }
/* Pointer to a new zeroed element at the end, or NULL at the cap or OOM. */
void *sn_vec_push(sn_vec *v);
sn_rc sn_vec_reserve(sn_vec *v, size_t n);
#define SN_VEC_AT(v, T, i) (((T *)(v)->p)[i])

#endif
