/*
 * lib/geo/image.c — opening a gazetteer image: mmap, bounds checks of every
 * section and record (a damaged image is refused, never read past its
 * end), the built-in image, and the look-ups: names by hash (behind a
 * filter of the names' hashes, set at opening), features, control at a
 * date, former names.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "geo/image.h"
#include "util/hash.h"
#include "util/error.h"
#include "util/mapfile.h"

extern const unsigned char sn_geo_blob[];
extern const unsigned char sn_geo_blob_end[];

static int section_ok(size_t size, uint32_t off, uint32_t n, size_t rec)
{
    return off >= sizeof(sn_geo_header) && off <= size && (uint64_t)n * rec <= size - off &&
           (rec == 1 || off % 4 == 0);
}

static int ref_ok(uint32_t i, uint32_t n) { return i == SN_GEO_NONE || i < n; }

static int features_ok(const sn_gazetteer *g)
{
    const sn_geo_header *h = g->h;
    for (uint32_t i = 0; i < h->nfeat; i++) {
        const sn_img_feat *f = &g->feat[i];
        if (f->name >= h->str_len || ((f->flags & SN_FEAT_FID_STR) && f->fid >= h->str_len) ||
            !ref_ok(f->parent, h->nfeat) || !ref_ok(f->region, h->nfeat) || f->kind > SN_GEO_SEA ||
            f->country[3] || f->adm1[7] || (uint32_t)f->ctrl_first + f->nctrl > h->nctrl ||
            !(fabsf(f->lat) <= 90.0f) || !(fabsf(f->lon) <= 180.0f))
            return 0;
    }
    return 1;
}

static int others_ok(const sn_gazetteer *g)
{
    const sn_geo_header *h = g->h;
    for (uint32_t i = 0; i < h->nnames; i++) {
        const sn_img_gname *n = &g->names[i];
        if (n->key >= h->str_len || n->feat >= h->nfeat || (i && n->hash < g->names[i - 1].hash))
            return 0;
    }
    for (uint32_t i = 0; i < h->nctrl; i++)
        if (g->ctrl[i].de_facto >= h->str_len || g->ctrl[i].de_jure[3])
            return 0;
    for (uint32_t i = 0; i < h->nren; i++)
        if (g->ren[i].feat >= h->nfeat || g->ren[i].old_name >= h->str_len)
            return 0;
    for (uint32_t k = 0; k < SN_GEO_BUCKETS; k++)
        if (g->buckets[k] > h->nnames || (k && g->buckets[k] < g->buckets[k - 1]))
            return 0;
    return g->buckets[SN_GEO_BUCKETS - 1] == h->nnames || !h->nnames ||
           g->names[h->nnames - 1].hash >> 16 < SN_GEO_BUCKETS - 1;
}

static int view(sn_gazetteer *g, const unsigned char *base, size_t size, sn_error *err)
{
    const sn_geo_header *h = (const sn_geo_header *)base;
    if (size < sizeof *h || memcmp(h->magic, SN_GEO_MAGIC, 8)) {
        sn_set_error(err, SN_ERR_INVALID, "not a Sentinel gazetteer image");
        return -1;
    }
    if (h->version != SN_GEO_VERSION || h->size != size) {
        sn_set_error(err, SN_ERR_INVALID, "gazetteer image of another version, or truncated; rebuild it");
        return -1;
    }
    if (!section_ok(size, h->feat_off, h->nfeat, sizeof(sn_img_feat)) ||
        !section_ok(size, h->names_off, h->nnames, sizeof(sn_img_gname)) ||
        !section_ok(size, h->ctrl_off, h->nctrl, sizeof(sn_img_ctrl)) ||
        !section_ok(size, h->ren_off, h->nren, sizeof(sn_img_ren)) || !section_ok(size, h->str_off, h->str_len, 1) ||
        !section_ok(size, h->buckets_off, SN_GEO_BUCKETS, 4) ||
        !h->str_len || base[h->str_off + h->str_len - 1] != '\0') {
        sn_set_error(err, SN_ERR_INVALID, "gazetteer image is corrupt (a section lies outside the file)");
        return -1;
    }
    g->base = base;
    g->size = size;
    g->h = h;
    g->feat = (const sn_img_feat *)(base + h->feat_off);
    g->names = (const sn_img_gname *)(base + h->names_off);
    g->ctrl = (const sn_img_ctrl *)(base + h->ctrl_off);
    g->ren = (const sn_img_ren *)(base + h->ren_off);
    g->str = (const char *)base + h->str_off;
    g->buckets = (const uint32_t *)(base + h->buckets_off);
    if (!features_ok(g) || !others_ok(g)) {
        sn_set_error(err, SN_ERR_INVALID, "gazetteer image is corrupt (a record points outside its section)");
        return -1;
    }
    g->filter = calloc(SN_GEO_FILTER_BITS / 64, sizeof *g->filter);
    for (uint32_t i = 0; g->filter && i < h->nnames; i++) {
        uint32_t b = g->names[i].hash & (SN_GEO_FILTER_BITS - 1);
        g->filter[b >> 6] |= (uint64_t)1 << (b & 63);
    }
    return 0;
}

sn_rc sn_gazetteer_view(const void *image, size_t size, sn_gazetteer **out, sn_error *err)
{
    *out = NULL;
    sn_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return SN_ERR_NOMEM;
    if (((uintptr_t)image & 3) || view(g, image, size, err)) {
        if ((uintptr_t)image & 3)
            sn_set_error(err, SN_ERR_INVALID, "gazetteer image is not aligned");
        free(g);
        return SN_ERR_INVALID;
    }
    g->owned = 1;
    *out = g;
    return SN_OK;
}

sn_rc sn_gazetteer_open(const char *path, sn_gazetteer **out, sn_error *err)
{
    *out = NULL;
    const void *p;
    size_t n;
    sn_rc rc = sn_map_file(path, "gazetteer image", &p, &n, err);
    if (rc)
        return rc;
    sn_gazetteer *g = calloc(1, sizeof *g);
    if (!g || view(g, p, n, err)) {
        sn_unmap_file(p, n);
        free(g);
        return g ? SN_ERR_INVALID : SN_ERR_NOMEM;
    }
    g->mapped = g->owned = 1;
    *out = g;
    return SN_OK;
}

void sn_gazetteer_close(sn_gazetteer *g)
{
    if (!g || !g->owned)
        return;
    if (g->mapped)
        sn_unmap_file(g->base, g->size);
    free(g->filter);
    free(g);
}

static sn_gazetteer builtin;
static int builtin_ok;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
    builtin_ok = !view(&builtin, sn_geo_blob, (size_t)(sn_geo_blob_end - sn_geo_blob), NULL);
}

const sn_gazetteer *sn_gazetteer_builtin(void)
{
    pthread_once(&builtin_once, builtin_init);
    return builtin_ok ? &builtin : NULL;
}

uint32_t sn_geo_first_name(const sn_gazetteer *g, const char *key, size_t len, uint32_t *end)
{
    return sn_geo_first_name_h(g, key, len, sn_hash(key, len), end);
}

uint32_t sn_geo_first_name_h(const sn_gazetteer *g, const char *key, size_t len, uint32_t h, uint32_t *end)
{
    uint32_t b = h & (SN_GEO_FILTER_BITS - 1);
    if (g->filter && !((g->filter[b >> 6] >> (b & 63)) & 1))
        return g->h->nnames; /* no name has this hash */
    uint32_t lo = g->buckets[h >> 16], hi = g->buckets[(h >> 16) + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->names[mid].hash < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t first = g->h->nnames;
    for (uint32_t i = lo; i < g->h->nnames && g->names[i].hash == h; i++) {
        const char *k = sn_geo_str(g, g->names[i].key);
        if (strncmp(k, key, len) || k[len])
            continue;
        if (first == g->h->nnames)
            first = i;
        *end = i + 1;
    }
    return first;
}

uint32_t sn_gazetteer_lookup(const sn_gazetteer *g, const char *name, size_t len, uint32_t *out, uint32_t cap)
{
    char key[256];
    if (len >= sizeof key)
        return 0;
    for (size_t i = 0; i < len; i++)
        key[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
    uint32_t end = 0, n = 0;
    /* entries are sorted by (hash, key): one key's entries are contiguous */
    for (uint32_t i = sn_geo_first_name(g, key, len, &end); i < end; i++) {
        if (n < cap)
            out[n] = g->names[i].feat;
        n++;
    }
    return n;
}

void sn_geo_feature_id(const sn_gazetteer *g, uint32_t i, char *out, size_t cap)
{
    const sn_img_feat *f = &g->feat[i];
    if (f->flags & SN_FEAT_FID_STR) {
        const char *s = sn_geo_str(g, f->fid);
        size_t n = strlen(s);
        n = n < cap - 1 ? n : cap - 1;
        memcpy(out, s, n);
        out[n] = '\0';
        return;
    }
    char digits[12];
    int nd = 0;
    uint32_t v = f->fid;
    do
        digits[nd++] = (char)('0' + v % 10);
    while ((v /= 10) && nd < 11);
    size_t n = 0;
    for (const char *p = "geonames:"; *p && n + 1 < cap; p++)
        out[n++] = *p;
    while (nd && n + 1 < cap)
        out[n++] = digits[--nd];
    out[n] = '\0';
}

int sn_gazetteer_feature(const sn_gazetteer *g, uint32_t i, sn_feature *o)
{
    if (i >= g->h->nfeat)
        return -1;
    const sn_img_feat *f = &g->feat[i];
    o->index = i;
    o->name = sn_geo_str(g, f->name);
    sn_geo_feature_id(g, i, o->feature_id, sizeof o->feature_id);
    o->lat = f->lat;
    o->lon = f->lon;
    o->population = f->population;
    memcpy(o->country, f->country, 4);
    memcpy(o->adm1, f->adm1, 8);
    o->kind = (sn_geo_kind)f->kind;
    o->parent = f->parent;
    o->region = f->region;
    return 0;
}

int sn_geo_date_key(const sn_date *d)
{
    if (!d)
        return 99999998;
    return d->year * 10000 + (d->month ? d->month : 6) * 100 + (d->day ? d->day : 15);
}

static int own_control(const sn_gazetteer *g, uint32_t i, int at, const char **dj, const char **df)
{
    const sn_img_feat *f = &g->feat[i];
    for (uint32_t k = f->ctrl_first; k < (uint32_t)f->ctrl_first + f->nctrl; k++) {
        const sn_img_ctrl *c = &g->ctrl[k];
        if (at >= c->from && at <= c->to) {
            *dj = c->de_jure;
            *df = sn_geo_str(g, c->de_facto);
            return 1;
        }
    }
    return f->nctrl ? -1 : 0; /* -1: has records, none at this date */
}

int sn_gazetteer_control(const sn_gazetteer *g, uint32_t i, const sn_date *at, const char **dj, const char **df)
{
    *dj = *df = NULL;
    int key = sn_geo_date_key(at);
    /* the feature, its region, its subdivision and that one's region: four steps at most */
    for (int step = 0; step < 4 && i < g->h->nfeat; step++) {
        const sn_img_feat *f = &g->feat[i];
        int r = own_control(g, i, key, dj, df);
        if (r)
            return r > 0;
        if (f->region != SN_GEO_NONE && own_control(g, f->region, key, dj, df) > 0)
            return 1;
        if (f->region != SN_GEO_NONE && g->feat[f->region].nctrl)
            return 0;
        if (f->kind == SN_GEO_COUNTRY)
            break;
        i = f->parent;
    }
    return 0;
}

const char *sn_gazetteer_name_at(const sn_gazetteer *g, uint32_t i, const sn_date *at)
{
    int key = sn_geo_date_key(at);
    for (uint32_t k = 0; k < g->h->nren; k++)
        if (g->ren[k].feat == i && key >= g->ren[k].from && key <= g->ren[k].until)
            return sn_geo_str(g, g->ren[k].old_name);
    return NULL;
}

void sn_gazetteer_get_stats(const sn_gazetteer *g, sn_gazetteer_stats *s)
{
    memset(s, 0, sizeof *s);
    s->bytes = g->size;
    s->features = g->h->nfeat;
    s->names = g->h->nnames;
    s->controls = g->h->nctrl;
    s->renamings = g->h->nren;
    for (uint32_t i = 0; i < g->h->nfeat; i++) {
        s->countries += g->feat[i].kind == SN_GEO_COUNTRY;
        s->adm1 += g->feat[i].kind == SN_GEO_ADM1;
        s->places += g->feat[i].kind == SN_GEO_PLACE;
        s->curated += (g->feat[i].flags & SN_FEAT_CURATED) != 0;
    }
}

const char *sn_geo_kind_name(sn_geo_kind k)
{
    static const char *const n[] = {"country", "adm1", "adm2", "place", "region", "sea"};
    return (unsigned)k <= SN_GEO_SEA ? n[k] : "?";
}

const char *sn_geo_precision_name(sn_geo_precision p)
{
    static const char *const n[] = {"place", "adm2", "adm1", "country", "region"};
    return (unsigned)p <= SN_GEOP_REGION ? n[p] : "?";
}
