/*
 * lib/geo/image.h — the gazetteer image as tools/gen-geo.js writes it
 * (little-endian, every section 4-byte aligned), and the opened handle.
 *
 *   header   64 bytes: "SNGEO001", version, total size, then (count,
 *            offset) for features, names, controls, renamings and the
 *            string pool
 *   features 48 bytes each (sn_img_feat)
 *   names    16 bytes each, sorted by (hash, key, feature): a name's
 *            entries are contiguous and found by binary search on the
 *            FNV-1a hash of its matching form (lower case, NFKC)
 *   controls 16 bytes each; a feature owns a run of them
 *   renames  16 bytes each
 *   buckets  65,537 u32: bucket k is the first name whose hash has top 16
 *            bits >= k, so a look-up scans one short run
 *   strings  NUL-terminated UTF-8; offset 0 is ""
 */
#ifndef SN_GEO_IMAGE_H
#define SN_GEO_IMAGE_H

#include <stdint.h>
#include "sentinel/geo.h"

#define SN_GEO_MAGIC "SNGEO001"
#define SN_GEO_VERSION 1
#define SN_GEO_NONE UINT32_MAX

enum { SN_FEAT_FID_STR = 1, SN_FEAT_CAPITAL = 2, SN_FEAT_SEAT = 4, SN_FEAT_CURATED = 8 };
enum { SN_NAME_BARE = 1, SN_NAME_ALIAS = 2, SN_NAME_FORMER = 4, SN_NAME_FOLDED = 8, SN_NAME_CODE = 16 };

typedef struct sn_geo_header {
    char magic[8];
    uint32_t version, size;
    uint32_t nfeat, feat_off, nnames, names_off, nctrl, ctrl_off, nren, ren_off, str_len, str_off;
    uint32_t buckets_off, reserved;
} sn_geo_header;

#define SN_GEO_BUCKETS 65537u

typedef struct sn_img_feat {
    uint32_t name, fid;       /* fid: a string offset when SN_FEAT_FID_STR, else a GeoNames id */
    float lat, lon;
    uint32_t population, parent, region;
    char country[4], adm1[8];
    uint16_t ctrl_first;
    uint8_t nctrl, kind, flags;
    uint8_t logpop;           /* round(20 x log10(population)), 0 when not known */
    uint8_t pad[2];
} sn_img_feat;

typedef struct sn_img_gname {
    uint32_t hash, key, feat, flags;
} sn_img_gname;

typedef struct sn_img_ctrl {
    int32_t from, to;         /* YYYYMMDD, inclusive */
    char de_jure[4];
    uint32_t de_facto;        /* string */
} sn_img_ctrl;

typedef struct sn_img_ren {
    uint32_t feat, old_name;
    int32_t from, until;
} sn_img_ren;

struct sn_gazetteer {
    const unsigned char *base;
    size_t size;
    int mapped, owned;
    const sn_geo_header *h;
    const sn_img_feat *feat;
    const sn_img_gname *names;
    const sn_img_ctrl *ctrl;
    const sn_img_ren *ren;
    const uint32_t *buckets;
    const char *str;
    /* A bit per value of the names' hashes mod SN_GEO_FILTER_BITS, set when
     * the image is opened: a key whose bit is clear is no name, and its
     * look-up touches neither the bucket index nor the name records. NULL
     * (every key looked up) if it could not be allocated. */
    uint64_t *filter;
};
#define SN_GEO_FILTER_BITS (1u << 20) /* 128 KB; 160,000 names set about 14% */

/* The first name entry whose key equals key[0..len), or nnames. */
uint32_t sn_geo_first_name(const sn_gazetteer *g, const char *key, size_t len, uint32_t *end);
/* The same, given the key's sn_hash() (the caller has it already). */
uint32_t sn_geo_first_name_h(const sn_gazetteer *g, const char *key, size_t len, uint32_t h, uint32_t *end);
static inline const char *sn_geo_str(const sn_gazetteer *g, uint32_t off) { return g->str + off; }
int sn_geo_date_key(const sn_date *d);
/* The feature id, "geonames:703448" or the stored string, into out[cap]. */
void sn_geo_feature_id(const sn_gazetteer *g, uint32_t i, char *out, size_t cap);

#endif
