/*
 * sentinel/dedup.h — one article, many copies: canonical URLs, content
 * hashes, SimHash fingerprints, and an index that tells whether an article
 * was already seen (same canonical URL, same text, or a near-duplicate such
 * as a syndicated wire story with another headline and furniture), so a
 * copy is recorded as another report of the same article and not coded
 * twice.
 *
 * Canonical URL (sn_url_canonical), for http(s) URLs of sn_url_is_http()
 * (so not for URLs with user:password@): scheme and host lower-cased; "www.",
 * "m.", "mobile." and "amp." host prefixes dropped; default ports dropped;
 * the fragment dropped; tracking parameters dropped (utm_*, fbclid, gclid,
 * dclid, gbraid, wbraid, msclkid, yclid, mc_cid, mc_eid, _ga, _gl, igshid,
 * icid, ocid, ito, cmp, smid, spm, mbid, xtor, at_medium, at_campaign,
 * ns_*, ref, ref_src, share, taid, partner, s_cid, cid, rss, feature,
 * fromrss); AMP variants undone (a trailing or leading "amp" path
 * segment, ".amp.html" and ".amp" endings, amp=1, outputType=amp); the
 * remaining query parameters sorted; "/index.html" and trailing slashes
 * dropped (not the root's). Percent-encoding and case in the path are kept.
 *
 * Text fingerprints work on the normalised word sequence: letters and
 * digits only, case-folded for ASCII, so markup, punctuation and spacing do
 * not matter. The content hash is 64-bit FNV-1a of it. The near-duplicate
 * fingerprint is a MinHash signature of SN_MINHASH_K 16-bit values over
 * word 3-shingles: the share of equal values estimates the Jaccard
 * similarity of the two shingle sets, and two texts estimated at
 * SN_NEAR_JACCARD or more are near-duplicates. (A SimHash was tried first:
 * on news-length texts three added words moved it by up to 7 of 64 bits,
 * as far as some unrelated pairs, so it could not tell a copy from a
 * neighbour.) Texts of fewer than SN_DEDUP_MIN_WORDS words get no signature:
 * they are too short to compare that way.
 *
 * Ownership: sn_url_canonical() returns a malloc'd string the caller frees.
 * An sn_dedup from sn_dedup_new() is freed with sn_dedup_free(); it copies
 * the ids it is given. It is not thread-safe.
 *
 * Near-duplicates are looked up with LSH banding: the signature's 16 bands
 * of 4 values each; texts sharing a band are compared. A pair at Jaccard
 * 0.7 shares at least one band with probability 98.9%, at 0.8 with 99.99%.
 */
#ifndef SENTINEL_DEDUP_H
#define SENTINEL_DEDUP_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/result.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SN_MINHASH_K 64
#define SN_NEAR_JACCARD 0.70
#define SN_DEDUP_MIN_WORDS 20

/* The canonical form of an http(s) URL, or NULL when url is not one. */
char *sn_url_canonical(const char *url);

uint64_t sn_content_hash(const char *text, size_t n);
/* The MinHash signature of text into sig; 0 when it has too few words. */
int sn_minhash(const char *text, size_t n, uint16_t sig[SN_MINHASH_K]);
/* The estimated Jaccard similarity of two signatures, 0..1. */
double sn_minhash_similarity(const uint16_t a[SN_MINHASH_K], const uint16_t b[SN_MINHASH_K]);

typedef enum sn_dup_kind {
    SN_DUP_NONE = 0,  /* a new article */
    SN_DUP_URL,       /* the same canonical URL was seen */
    SN_DUP_EXACT,     /* the same text was seen */
    SN_DUP_NEAR       /* a near-duplicate text was seen */
} sn_dup_kind;

typedef struct sn_dedup sn_dedup;

/* An index of at most max_articles (0: 1,000,000; about 200 bytes each). */
sn_dedup *sn_dedup_new(size_t max_articles);
void sn_dedup_free(sn_dedup *d);

/* Look up an article and, when it is new, add it. canonical_url may be
 * NULL. On a duplicate, *original is the id of the article first seen
 * (owned by the index, valid until it is freed). SN_ERR_TOOBIG when the
 * index is full: the article is checked but not added. */
sn_rc sn_dedup_check(sn_dedup *d, const char *id, const char *canonical_url, const char *text, size_t n,
                     sn_dup_kind *kind, const char **original);
const char *sn_dup_kind_name(sn_dup_kind k);

#ifdef __cplusplus
}
#endif
#endif
