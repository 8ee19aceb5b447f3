/*
 * lib/ingest/dedup.c — canonical URLs, content hashes, SimHash and the
 * duplicate index of sentinel/dedup.h (the rules are in its opening
 * comment).
 *
 * The index keeps, per article, its id, the hash of its canonical URL, its
 * content hash and its MinHash signature. URL and content hashes go to
 * open-addressing tables (doubling at half load). Near-duplicates: each of
 * the 16 bands (4 signature values) is hashed with its band number into a
 * third table that points at the newest article with that band; articles
 * with the same band are chained through entry.next[band]. Only articles
 * sharing a band are compared, and the most similar at or above
 * SN_NEAR_JACCARD (the first seen on a tie) is the original.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "sentinel/dedup.h"
#include "sentinel/feed.h"
#include "util/buf.h"

/* ---- canonical URLs ---- */

static const char *const tracking[] = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl",
    "igshid", "icid", "ocid", "ito", "cmp", "smid", "spm", "mbid", "xtor", "at_medium", "at_campaign", "ref",
    "ref_src", "share", "taid", "partner", "s_cid", "cid", "rss", "feature", "fromrss", "amp", "outputtype",
};

static int tracking_param(const char *kv, size_t n)
{
    size_t kl = 0;
    while (kl < n && kv[kl] != '=')
        kl++;
    if (kl >= 4 && !strncasecmp(kv, "utm_", 4))
        return 1;
    if (kl >= 3 && !strncasecmp(kv, "ns_", 3))
        return 1;
    for (size_t i = 0; i < sizeof tracking / sizeof *tracking; i++)
        if (strlen(tracking[i]) == kl && !strncasecmp(kv, tracking[i], kl)) {
            if (!strcmp(tracking[i], "outputtype")) /* only outputType=amp */
                return n - kl - 1 == 3 && !strncasecmp(kv + kl + 1, "amp", 3);
            return 1;
        }
    return 0;
}

typedef struct span {
    const char *p;
    size_t n;
} span;

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->p, y->p, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

static int ends_with(const char *p, size_t n, const char *suffix)
{
    size_t l = strlen(suffix);
    return n >= l && !strncasecmp(p + n - l, suffix, l);
}

/* The path without AMP segments, index.html and trailing slashes. */
static void clean_path(sn_buf *b, const char *p, size_t n)
{
    if (n >= 5 && !strncasecmp(p, "/amp/", 5)) {
        p += 4;
        n -= 4;
    }
    for (int changed = 1; changed;) {
        changed = 0;
        while (n > 1 && p[n - 1] == '/') {
            n--;
            changed = 1;
        }
        if (ends_with(p, n, "/amp") && n > 4) {
            n -= 4;
            changed = 1;
        } else if (ends_with(p, n, "/index.html") || ends_with(p, n, "/index.htm")) {
            n -= ends_with(p, n, "/index.html") ? 10 : 9;
            changed = 1;
        } else if (ends_with(p, n, ".amp")) {
            n -= 4;
            changed = 1;
        }
    }
    if (ends_with(p, n, ".amp.html")) {
        sn_buf_add(b, p, n - 9);
        sn_buf_adds(b, ".html");
    } else if (n == 0) {
        sn_buf_addc(b, '/');
    } else {
        sn_buf_add(b, p, n);
    }
}

static void host_part(sn_buf *b, const char *h, size_t n, int https)
{
    const char *at = memchr(h, '@', n); /* user:password@ */
    if (at) {
        n -= (size_t)(at + 1 - h);
        h = at + 1;
    }
    size_t hn = n;
    const char *colon = h[0] == '[' ? memchr(h, ']', n) : h;
    colon = colon ? memchr(colon, ':', n - (size_t)(colon - h)) : NULL;
    if (colon)
        hn = (size_t)(colon - h);
    static const char *const prefixes[] = {"www.", "m.", "mobile.", "amp."};
    for (size_t i = 0; i < 4; i++) {
        size_t l = strlen(prefixes[i]);
        if (hn > l && !strncasecmp(h, prefixes[i], l) && memchr(h + l, '.', hn - l)) {
            h += l;
            hn -= l;
            break;
        }
    }
    for (size_t i = 0; i < hn; i++)
        sn_buf_addc(b, (char)tolower((unsigned char)h[i]));
    if (colon) {
        const char *port = colon + 1;
        size_t pn = n - (size_t)(port - h);
        if (!((https && pn == 3 && !memcmp(port, "443", 3)) || (!https && pn == 2 && !memcmp(port, "80", 2)))) {
            sn_buf_addc(b, ':');
            sn_buf_add(b, port, pn);
        }
    }
}

char *sn_url_canonical(const char *url)
{
    if (!sn_url_is_http(url))
        return NULL;
    int https = !strncasecmp(url, "https", 5);
    const char *h = url + (https ? 8 : 7);
    size_t hn = strcspn(h, "/?#");
    const char *path = h + hn;
    size_t pn = strcspn(path, "?#");
    const char *q = path + pn;
    size_t qn = *q == '?' ? strcspn(q + 1, "#") : 0;
    sn_buf b;
    sn_buf_init(&b, strlen(url) + 64);
    sn_buf_adds(&b, https ? "https://" : "http://");
    host_part(&b, h, hn, https);
    clean_path(&b, path, pn);
    span params[128];
    size_t np = 0;
    for (const char *p = q + 1, *end = q + 1 + qn; qn && p < end && np < 128;) {
        size_t l = 0;
        while (p + l < end && p[l] != '&' && p[l] != ';')
            l++;
        if (l && !tracking_param(p, l))
            params[np++] = (span){p, l};
        p += l + 1;
    }
    qsort(params, np, sizeof *params, span_cmp);
    for (size_t i = 0; i < np; i++) {
        sn_buf_addc(&b, i ? '&' : '?');
        sn_buf_add(&b, params[i].p, params[i].n);
    }
    char *s = NULL;
    if (!sn_buf_cstr(&b))
        s = strdup(b.p);
    sn_buf_free(&b);
    return s;
}

/* ---- text fingerprints ---- */

#define FNV64_OFFSET 14695981039346656037ull
#define FNV64_PRIME 1099511628211ull

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Bytes that are part of a word: ASCII letters and digits, and the bytes of
 * non-ASCII characters except the general-punctuation block (U+2000-U+206F:
 * quotes, dashes), U+00A0, « and ». */
static size_t word_len(const unsigned char *s, size_t n, size_t *skip)
{
    size_t i = 0;
    *skip = 0;
    while (*skip < n) {
        unsigned char c = s[*skip];
        if (isalnum(c))
            break;
        if (c >= 0x80) {
            if (c == 0xE2 && *skip + 1 < n && (s[*skip + 1] == 0x80 || s[*skip + 1] == 0x81)) {
                *skip += 3;
                continue;
            }
            if (c == 0xC2 && *skip + 1 < n && (s[*skip + 1] == 0xA0 || s[*skip + 1] == 0xAB || s[*skip + 1] == 0xBB)) {
                *skip += 2;
                continue;
            }
            break;
        }
        (*skip)++;
    }
    s += *skip;
    n -= *skip < n ? *skip : n;
    while (i < n) {
        unsigned char c = s[i];
        if (isalnum(c) || (c >= 0x80 && !(c == 0xE2 && i + 1 < n && (s[i + 1] == 0x80 || s[i + 1] == 0x81)) &&
                           !(c == 0xC2 && i + 1 < n && (s[i + 1] == 0xA0 || s[i + 1] == 0xAB || s[i + 1] == 0xBB))))
            i++;
        else
            break;
    }
    return i;
}

static uint64_t word_hash(const unsigned char *w, size_t n)
{
    uint64_t h = FNV64_OFFSET;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)tolower(w[i]);
        h *= FNV64_PRIME;
    }
    return h;
}

uint64_t sn_content_hash(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    uint64_t h = FNV64_OFFSET;
    int first = 1;
    while (n) {
        size_t skip, l = word_len(s, n, &skip);
        if (!l)
            break;
        if (!first) {
            h ^= ' ';
            h *= FNV64_PRIME;
        }
        first = 0;
        for (size_t i = 0; i < l; i++) {
            h ^= (unsigned char)tolower(s[skip + i]);
            h *= FNV64_PRIME;
        }
        s += skip + l;
        n -= skip + l;
    }
    return h;
}

/* One 64-bit hash per word 3-shingle; k permutations derived from it by
 * multiply-add with odd constants; the top 16 bits of each minimum kept. */
int sn_minhash(const char *text, size_t n, uint16_t sig[SN_MINHASH_K])
{
    static uint64_t mul[SN_MINHASH_K], add_[SN_MINHASH_K];
    static int ready;
    if (!ready) { /* deterministic constants: splitmix64 from a fixed seed */
        uint64_t x = 0x5EA7111E1ull;
        for (int i = 0; i < SN_MINHASH_K; i++) {
            mul[i] = mix(x += 0x9E3779B97F4A7C15ull) | 1;
            add_[i] = mix(x += 0x9E3779B97F4A7C15ull);
        }
        ready = 1;
    }
    uint64_t m[SN_MINHASH_K];
    for (int i = 0; i < SN_MINHASH_K; i++)
        m[i] = UINT64_MAX;
    const unsigned char *s = (const unsigned char *)text;
    uint64_t w1 = 0, w2 = 0;
    size_t words = 0;
    while (n) {
        size_t skip, l = word_len(s, n, &skip);
        if (!l)
            break;
        uint64_t w = word_hash(s + skip, l);
        if (++words >= 3) {
            uint64_t sh = mix(w1 * 0x9E3779B97F4A7C15ull ^ mix(w2 + 0x632BE59BD9B4E019ull) ^ w);
            for (int i = 0; i < SN_MINHASH_K; i++) {
                uint64_t v = sh * mul[i] + add_[i];
                if (v < m[i])
                    m[i] = v;
            }
        }
        w1 = w2;
        w2 = w;
        s += skip + l;
        n -= skip + l;
    }
    if (words < SN_DEDUP_MIN_WORDS)
        return 0;
    for (int i = 0; i < SN_MINHASH_K; i++)
        sig[i] = (uint16_t)(m[i] >> 48);
    return 1;
}

double sn_minhash_similarity(const uint16_t a[SN_MINHASH_K], const uint16_t b[SN_MINHASH_K])
{
    int same = 0;
    for (int i = 0; i < SN_MINHASH_K; i++)
        same += a[i] == b[i];
    return (double)same / SN_MINHASH_K;
}

/* ---- the index ---- */

#define BANDS 16
#define ROWS (SN_MINHASH_K / BANDS)
#define NONE UINT32_MAX

typedef struct entry {
    char *id;
    uint64_t url, content;
    uint16_t sig[SN_MINHASH_K];
    int has_sig;
    uint32_t next[BANDS];
} entry;

typedef struct table {
    uint64_t *keys; /* 0 = empty (a real hash of 0 is stored as 1) */
    uint32_t *vals;
    size_t size, used;
} table;

struct sn_dedup {
    entry *e;
    size_t n, alloc, max;
    table urls, texts, bands; /* bands: (band, values) → the newest entry with them */
};

static uint64_t key(uint64_t h)
{
    return h ? h : 1;
}

static uint32_t table_get(const table *t, uint64_t k)
{
    if (!t->size)
        return NONE;
    for (size_t i = mix(k) & (t->size - 1);; i = (i + 1) & (t->size - 1)) {
        if (!t->keys[i])
            return NONE;
        if (t->keys[i] == k)
            return t->vals[i];
    }
}

static sn_rc table_put(table *t, uint64_t k, uint32_t v)
{
    if ((t->used + 1) * 2 > t->size) {
        table g = {NULL, NULL, t->size ? t->size * 2 : 1024, 0};
        g.keys = calloc(g.size, sizeof *g.keys);
        g.vals = malloc(g.size * sizeof *g.vals);
        if (!g.keys || !g.vals) {
            free(g.keys);
            free(g.vals);
            return SN_ERR_NOMEM;
        }
        for (size_t i = 0; i < t->size; i++)
            if (t->keys[i])
                table_put(&g, t->keys[i], t->vals[i]);
        free(t->keys);
        free(t->vals);
        *t = g;
    }
    size_t i = mix(k) & (t->size - 1);
    while (t->keys[i] && t->keys[i] != k)
        i = (i + 1) & (t->size - 1);
    if (!t->keys[i])
        t->used++;
    t->keys[i] = k;
    t->vals[i] = v;
    return SN_OK;
}

static uint64_t band_key(const uint16_t *sig, int b)
{
    uint64_t k = (uint64_t)b + 1;
    for (int r = 0; r < ROWS; r++)
        k = mix(k ^ ((uint64_t)sig[b * ROWS + r] << 20));
    return key(k);
}

sn_dedup *sn_dedup_new(size_t max_articles)
{
    sn_dedup *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->max = max_articles ? max_articles : 1000000;
    return d;
}

void sn_dedup_free(sn_dedup *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->e[i].id);
    free(d->e);
    free(d->urls.keys);
    free(d->urls.vals);
    free(d->texts.keys);
    free(d->texts.vals);
    free(d->bands.keys);
    free(d->bands.vals);
    free(d);
}

static uint32_t near(const sn_dedup *d, const uint16_t *sig)
{
    uint32_t best = NONE;
    double top = SN_NEAR_JACCARD - 1e-9;
    for (int b = 0; b < BANDS; b++)
        for (uint32_t i = table_get(&d->bands, band_key(sig, b)); i != NONE; i = d->e[i].next[b]) {
            double sim = sn_minhash_similarity(d->e[i].sig, sig);
            if (sim > top || (sim >= top && best != NONE && i < best)) {
                top = sim;
                best = i;
            }
        }
    return best;
}

static sn_rc add(sn_dedup *d, const char *id, uint64_t url, uint64_t content, const uint16_t *sig)
{
    if (d->n >= d->max)
        return SN_ERR_TOOBIG;
    if (d->n == d->alloc) {
        size_t a = d->alloc ? d->alloc * 2 : 256;
        entry *p = realloc(d->e, a * sizeof *p);
        if (!p)
            return SN_ERR_NOMEM;
        d->e = p;
        d->alloc = a;
    }
    uint32_t ix = (uint32_t)d->n;
    entry *e = &d->e[ix];
    memset(e, 0, sizeof *e);
    e->id = strdup(id ? id : "");
    if (!e->id)
        return SN_ERR_NOMEM;
    e->url = url;
    e->content = content;
    sn_rc rc = url ? table_put(&d->urls, url, ix) : SN_OK;
    if (!rc)
        rc = table_put(&d->texts, content, ix);
    for (int b = 0; b < BANDS; b++)
        e->next[b] = NONE;
    if (sig && !rc) {
        memcpy(e->sig, sig, sizeof e->sig);
        e->has_sig = 1;
        for (int b = 0; b < BANDS && !rc; b++) {
            uint64_t k = band_key(sig, b);
            e->next[b] = table_get(&d->bands, k);
            rc = table_put(&d->bands, k, ix);
        }
    }
    if (rc) {
        free(e->id);
        return rc;
    }
    d->n++;
    return SN_OK;
}

sn_rc sn_dedup_check(sn_dedup *d, const char *id, const char *canonical_url, const char *text, size_t n,
                     sn_dup_kind *kind, const char **original)
{
    *kind = SN_DUP_NONE;
    *original = NULL;
    uint64_t url = 0;
    if (canonical_url && *canonical_url) {
        url = FNV64_OFFSET;
        for (const char *p = canonical_url; *p; p++) {
            url ^= (unsigned char)*p;
            url *= FNV64_PRIME;
        }
        url = key(url);
    }
    uint64_t content = key(sn_content_hash(text ? text : "", text ? n : 0));
    uint16_t sig[SN_MINHASH_K];
    int has_sig = text && sn_minhash(text, n, sig);
    uint32_t hit = url ? table_get(&d->urls, url) : NONE;
    if (hit != NONE) {
        *kind = SN_DUP_URL;
    } else if ((hit = table_get(&d->texts, content)) != NONE) {
        *kind = SN_DUP_EXACT;
    } else if (has_sig && (hit = near(d, sig)) != NONE) {
        *kind = SN_DUP_NEAR;
    }
    if (hit != NONE) {
        *original = d->e[hit].id;
        return SN_OK;
    }
    return add(d, id, url, content, has_sig ? sig : NULL);
}

const char *sn_dup_kind_name(sn_dup_kind k)
{
    switch (k) {
    case SN_DUP_URL: return "url";
    case SN_DUP_EXACT: return "exact";
    case SN_DUP_NEAR: return "near";
    default: return "none";
    }
}
