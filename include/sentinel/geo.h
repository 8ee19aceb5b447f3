/*
 * sentinel/geo.h — geolocation: the gazetteer (countries, first-level
 * subdivisions, populated places and the project's conflict geography),
 * place recognition in analysed text, disambiguation, and the location of
 * each coded event, with its precision and, for disputed territory, the
 * de jure state and the de facto controller at the event's date
 * (docs/geography.md).
 *
 * Ownership:
 *  - sn_gazetteer_builtin() returns the image linked into the library; it
 *    is never freed. sn_gazetteer_open() maps a file read-only; close it
 *    with sn_gazetteer_close(). sn_gazetteer_view() checks an image the
 *    caller keeps in memory (it is not copied; it must outlive the handle,
 *    which sn_gazetteer_close() frees). A gazetteer is immutable and may be
 *    shared by any number of threads.
 *  - sn_geocoder is a per-thread workspace made by sn_geocoder_new() and
 *    freed by sn_geocoder_free(); the gazetteer is borrowed and must
 *    outlive it. Geocoding makes no allocation: every table is sized when
 *    the geocoder is made, and the caps are stated below.
 *  - sn_geocode() returns borrowed locations that live in the geocoder
 *    until its next sn_geocode() or sn_geocoder_free(); their strings
 *    point into the gazetteer or the geocoder.
 */
#ifndef SENTINEL_GEO_H
#define SENTINEL_GEO_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/code.h"
#include "sentinel/result.h"
#include "sentinel/text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Caps of one geocoder: place mentions per article, candidates per mention,
 * located events per article (events past the cap get no location). */
#define SN_GEO_MAX_MENTIONS 1024
#define SN_GEO_MAX_CANDIDATES 12
#define SN_GEO_MAX_EVENTS 4096

typedef enum sn_geo_kind {
    SN_GEO_COUNTRY, SN_GEO_ADM1, SN_GEO_ADM2, SN_GEO_PLACE, SN_GEO_REGION, SN_GEO_SEA
} sn_geo_kind;

typedef enum sn_geo_precision {
    SN_GEOP_PLACE, SN_GEOP_ADM2, SN_GEOP_ADM1, SN_GEOP_COUNTRY, SN_GEOP_REGION
} sn_geo_precision;

const char *sn_geo_kind_name(sn_geo_kind k);
const char *sn_geo_precision_name(sn_geo_precision p);

typedef struct sn_gazetteer sn_gazetteer;

const sn_gazetteer *sn_gazetteer_builtin(void);
sn_rc sn_gazetteer_open(const char *path, sn_gazetteer **out, sn_error *err);
sn_rc sn_gazetteer_view(const void *image, size_t size, sn_gazetteer **out, sn_error *err);
void sn_gazetteer_close(sn_gazetteer *g);

/* One gazetteer entry. */
typedef struct sn_feature {
    uint32_t index;           /* in the gazetteer */
    const char *name;
    char feature_id[40];      /* "geonames:703448", "iso3166-2:UA-14", "sentinel:south-ossetia" */
    double lat, lon;
    uint32_t population;      /* 0 when not known */
    char country[4];          /* ISO 3166-1 alpha-3 of the de jure state, "" for none */
    char adm1[8];             /* ISO 3166-2, "" when not known */
    sn_geo_kind kind;
    uint32_t parent;          /* the containing subdivision or country, UINT32_MAX */
    uint32_t region;          /* the curated region it lies in, UINT32_MAX */
} sn_feature;

typedef struct sn_gazetteer_stats {
    size_t bytes;
    uint32_t features, names, countries, adm1, places, curated, controls, renamings;
} sn_gazetteer_stats;

void sn_gazetteer_get_stats(const sn_gazetteer *g, sn_gazetteer_stats *out);

/* The features a name may denote (any case; "Kiev", "donetsk oblast"):
 * writes up to cap indices and returns how many there are. */
uint32_t sn_gazetteer_lookup(const sn_gazetteer *g, const char *name, size_t len, uint32_t *out, uint32_t cap);
/* Entry i; returns 0, or -1 when i is out of range. */
int sn_gazetteer_feature(const sn_gazetteer *g, uint32_t i, sn_feature *out);
/* Who holds entry i on date *at (NULL: today's record, the open-ended
 * one): de_jure and de_facto codes ("UKR", "RUS"; "GEO", "XSO+RUS").
 * Returns 1 when a control record applies (inherited from the curated
 * region or subdivision the entry lies in), 0 when none does. */
int sn_gazetteer_control(const sn_gazetteer *g, uint32_t i, const sn_date *at, const char **de_jure,
                         const char **de_facto);
/* The name entry i bore on *at when it was renamed since ("Artemivsk" for
 * Bakhmut before 2016-02-04), or NULL. */
const char *sn_gazetteer_name_at(const sn_gazetteer *g, uint32_t i, const sn_date *at);

/* Where an event happened. */
typedef struct sn_location {
    uint32_t feature;          /* gazetteer index */
    const char *name;          /* the name in force at the event's date */
    char country[4];           /* de jure state; "" for a multinational region */
    char adm1[8];
    double lat, lon;
    sn_geo_precision precision;
    char feature_id[40];
    char de_jure[4];           /* "" when no control record applies */
    char de_facto[16];
    int from_dateline;         /* nothing better than the dateline city */
    uint32_t off, len;         /* the mention in the text; len 0 when none */
} sn_location;

typedef struct sn_geocoder sn_geocoder;

sn_rc sn_geocoder_new(sn_geocoder **out, const sn_gazetteer *g);
void sn_geocoder_free(sn_geocoder *gc);
/* The size of one geocoder's workspace, allocated once by sn_geocoder_new. */
size_t sn_geocoder_workspace_bytes(void);

/* Locate the n events of doc (from sn_code): (*locs)[i] is the location of
 * events[i], or NULL. */
sn_rc sn_geocode(sn_geocoder *gc, const sn_doc *doc, const sn_event *events, uint32_t n,
                 const sn_location *const **locs);
/* The same, and a readable account of every mention, its candidates with
 * their scores and reasons, and each choice, through write. */
sn_rc sn_geocode_explain(sn_geocoder *gc, const sn_doc *doc, const sn_event *events, uint32_t n,
                         sn_write_fn write, void *ctx, const sn_location *const **locs);
/* After sn_geocode(): the places of event i's source and target, in the
 * manner of GDELT's Actor1Geo and Actor2Geo: the place named in or
 * governing the actor's text ("Georgia's foreign ministry", "Donetsk
 * authorities", "Russian troops in Crimea" gives Crimea only as the event's
 * place), else the actor's country; NULL when neither. */
void sn_geocode_actors(sn_geocoder *gc, uint32_t i, const sn_location **source, const sn_location **target);
/* After sn_geocode(): where an event of sentence s with no place of its
 * own would be put (the sentence's place, else the article's main place,
 * else the dateline); NULL when nowhere. */
const sn_location *sn_geocode_sentence(sn_geocoder *gc, uint32_t s);

/* The location as a JSON object (docs/formats.md), or null. */
sn_rc sn_location_write_json(const sn_location *loc, sn_write_fn write, void *ctx);
/* An event as sn_event_write_json() writes it, with its "location" and
 * its actors' places ("source_location", "target_location"); any may be
 * NULL. */
sn_rc sn_event_write_json_at(const sn_event *e, const sn_location *loc, const sn_doc *doc,
                             const char *article_id, uint32_t index, sn_write_fn write, void *ctx);
sn_rc sn_event_write_json_geo(const sn_event *e, const sn_location *loc, const sn_location *source_loc,
                              const sn_location *target_loc, const sn_doc *doc, const char *article_id,
                              uint32_t index, sn_write_fn write, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
