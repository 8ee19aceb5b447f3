/*
 * lib/util/buf.c — capped growable byte buffers and element vectors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"

void sn_buf_init(sn_buf *b, size_t cap)
{
    b->p = NULL;
    b->len = b->alloc = 0;
    b->cap = cap;
}

void sn_buf_free(sn_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->alloc = 0;
}

static size_t grow_size(size_t have, size_t need, size_t cap)
{
    size_t a = have ? have : 64;
    while (a < need)
        a = a > cap / 2 ? cap : a * 2;
    return a < cap ? a : cap;
}

sn_rc sn_buf_reserve(sn_buf *b, size_t n)
{
    if (n > b->cap || b->len > b->cap - n)
        return SN_ERR_TOOBIG;
    size_t need = b->len + n + 1; /* room for a NUL */
    if (need <= b->alloc)
        return SN_OK;
    size_t a = grow_size(b->alloc, need, b->cap + 1);
    char *p = realloc(b->p, a);
    if (!p)
        return SN_ERR_NOMEM;
    b->p = p;
    b->alloc = a;
    return SN_OK;
}

sn_rc sn_buf_add(sn_buf *b, const void *p, size_t n)
{
    sn_rc rc = sn_buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    return SN_OK;
}

sn_rc sn_buf_addc(sn_buf *b, char c)
{
    if (b->len + 1 < b->alloc) {
        b->p[b->len++] = c;
        return SN_OK;
    }
    return sn_buf_add(b, &c, 1);
}

sn_rc sn_buf_adds(sn_buf *b, const char *s)
{
    return sn_buf_add(b, s, strlen(s));
}

sn_rc sn_buf_printf(sn_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return SN_ERR_INVALID;
    if ((size_t)n < sizeof tmp)
        return sn_buf_add(b, tmp, (size_t)n);
    sn_rc rc = sn_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return SN_OK;
}

sn_rc sn_buf_cstr(sn_buf *b)
{
    sn_rc rc = sn_buf_reserve(b, 0);
    if (rc)
        return rc;
    b->p[b->len] = '\0';
    return SN_OK;
}

void sn_vec_init(sn_vec *v, size_t esize, size_t cap)
{
    v->p = NULL;
    v->n = v->alloc = 0;
    v->cap = cap;
    v->esize = esize;
}

void sn_vec_free(sn_vec *v)
{
    free(v->p);
    v->p = NULL;
    v->n = v->alloc = 0;
}

sn_rc sn_vec_reserve(sn_vec *v, size_t n)
{
    if (n > v->cap || v->n > v->cap - n)
        return SN_ERR_TOOBIG;
    size_t need = v->n + n;
    if (need <= v->alloc)
        return SN_OK;
    size_t a = grow_size(v->alloc, need, v->cap);
    void *p = realloc(v->p, a * v->esize);
    if (!p)
        return SN_ERR_NOMEM;
    v->p = p;
    v->alloc = a;
    return SN_OK;
}

void *sn_vec_push(sn_vec *v)
{
    if (v->n >= v->cap || (v->n == v->alloc && sn_vec_reserve(v, 1)))
        return NULL;
    char *e = (char *)v->p + v->n * v->esize;
    memset(e, 0, v->esize);
    v->n++;
    return e;
}
