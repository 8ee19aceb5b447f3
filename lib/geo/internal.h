/*
 * lib/geo/internal.h — the geocoder's workspace and what its three passes
 * share: place mentions found in the text (mention.c), their candidate
 * features and scores (score.c), and the locations chosen for events
 * (locate.c). Every table has a fixed size: geocoding allocates nothing.
 */
#ifndef SN_GEO_INTERNAL_H
#define SN_GEO_INTERNAL_H

#include "geo/image.h"
#include "util/buf.h"

/* How a mention is introduced. */
enum { CUE_NONE, CUE_ORIGIN, CUE_DEST, CUE_LOC };

/* Mention flags. */
enum {
    M_POSS = 1 << 0,      /* "Georgia's foreign ministry": context, not a location */
    M_ATTRIB = 1 << 1,    /* "Donetsk authorities": a modifier of an actor */
    M_COMPARE = 1 << 2,   /* "like in Crimea", "unlike Crimea": not here */
    M_DATELINE = 1 << 3,
    M_HEADLINE = 1 << 4,
    M_LIST = 1 << 5,      /* one of three or more places listed together */
    M_INSIDE = 1 << 6,    /* the container of the mention before it ("Krasnohorivka, Donetsk Oblast") */
    M_HEAD_ADM = 1 << 7,  /* followed by oblast, province, region... */
    M_VILLAGE = 1 << 8,   /* "the village of", "the town of" */
    M_KEPT = 1 << 9,      /* a best candidate good enough to use */
    M_UPPER = 1 << 10,    /* written in capitals (an ISO code may match) */
    M_REF = 1 << 11,      /* a reference point: "west of Donetsk", "20 km from Gori" */
    M_SPEAKER = 1 << 12   /* followed by a speech verb: "Moscow said" (an actor unless "in X said") */
};

/* Reasons a candidate was scored up or down (bits, for `sentinel geo`). */
enum {
    R_POP = 1 << 0, R_CAPITAL = 1 << 1, R_CURATED = 1 << 2, R_HEAD = 1 << 3, R_VILLAGE = 1 << 4,
    R_CONTAINED = 1 << 5, R_CONTEXT = 1 << 6, R_NEAR = 1 << 7, R_FAR = 1 << 8, R_NO_US = 1 << 9,
    R_BARE = 1 << 10, R_ALIAS = 1 << 11, R_COUNTRY_NAME = 1 << 12, R_SEAT = 1 << 13, R_SIBLING = 1 << 14
};
#define R_COUNT 15

typedef struct geo_cand {
    uint32_t feat;
    float score;
    uint16_t why;
    uint8_t name_flags;
} geo_cand;

typedef struct geo_mention {
    uint32_t sent, tok_b, tok_e; /* tokens [b, e) of the name itself */
    uint32_t off, len;           /* the name in the text, with its head word */
    uint16_t flags;
    uint8_t cue, ncand;
    int16_t list_n;              /* members of its list, when M_LIST */
    int32_t best;                /* index into c, or -1 */
    geo_cand c[SN_GEO_MAX_CANDIDATES];
} geo_mention;

/* A per-article cache of name look-ups, found or not: news repeats its
 * names ("Russia", "President"), and each miss in the image costs more
 * than the cache's compare. Entries of an older article are stale by gen. */
#define GEO_CACHE 256
typedef struct geo_cache_entry {
    uint32_t gen, first, last;
    uint8_t len;
    char key[31];
} geo_cache_entry;

/* Per article, the locations fill() made, by (feature, date key): the
 * name in force, the holders and the feature id are looked up once. Stale
 * by gen like the cache. */
#define GEO_FILL_MEMO 64
typedef struct geo_fill_memo {
    uint32_t gen, feat;
    int date_key;
    sn_location loc;
} geo_fill_memo;

struct sn_geocoder {
    geo_cache_entry cache[GEO_CACHE];
    geo_fill_memo fill_memo[GEO_FILL_MEMO];
    uint32_t gen;
    const sn_gazetteer *g;
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t nev;
    geo_mention m[SN_GEO_MAX_MENTIONS];
    uint32_t nm;
    float ctx[64];               /* article context: country weights */
    uint32_t ctx_key[64];        /* their alpha-3 codes, byte k at bits 8k */
    uint32_t nctx;
    int32_t main_place, dateline; /* mention indices, or -1 */
    uint32_t anchor[SN_GEO_MAX_MENTIONS]; /* each mention's leading place for distances, or SN_GEO_NONE */
    sn_location loc[SN_GEO_MAX_EVENTS];
    const sn_location *locp[SN_GEO_MAX_EVENTS];
    sn_location actor_loc[SN_GEO_MAX_EVENTS][2]; /* source, target */
    const sn_location *actor_locp[SN_GEO_MAX_EVENTS][2];
    sn_location scratch;
    uint32_t country_key[64];    /* alpha-3 (its 4 bytes) -> country feature, filled as met */
    uint32_t country_feat[64], ncountry;
    sn_write_fn trace;
    void *trace_ctx;
};

/* Fills mention.c's word table once (sn_geocoder_new calls it). */
void sn_geo_words_init(void);
void sn_geo_find_mentions(sn_geocoder *gc);
void sn_geo_score(sn_geocoder *gc);
/* A candidate's score from what the mention alone says (kind, population, cues). */
void sn_geo_prior(const sn_geocoder *gc, const geo_mention *m, geo_cand *c);
void sn_geo_tracef(sn_geocoder *gc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sn_geo_reason_name(int bit);
double sn_geo_km(double lat1, double lon1, double lat2, double lon2);
/* Does feature outer contain feature inner? */
int sn_geo_contains(const sn_gazetteer *g, uint32_t outer, uint32_t inner);
/* Append ,"location":{...} or null to an event object (lib/code/record.c). */
sn_rc sn_geo_location_member(sn_buf *b, const char *key, const sn_location *l);
static inline const geo_cand *sn_geo_best(const geo_mention *m) { return m->best >= 0 ? &m->c[m->best] : NULL; }

#endif
