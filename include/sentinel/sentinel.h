/*
 * sentinel/sentinel.h — the umbrella header of libsentinel: include this
 * one to get the whole public API.
 *
 * Ownership rules are stated at the top of each header it includes.
 * sn_version() returns static storage.
 */
#ifndef SENTINEL_SENTINEL_H
#define SENTINEL_SENTINEL_H

#include "sentinel/result.h"
#include "sentinel/records.h"
#include "sentinel/text.h"
#include "sentinel/article.h"
#include "sentinel/cameo.h"
#include "sentinel/code.h"
#include "sentinel/dict.h"
#include "sentinel/geo.h"
#include "sentinel/feed.h"
#include "sentinel/extract.h"
#include "sentinel/dedup.h"
#include "sentinel/ingest.h"
#include "sentinel/fetch.h"
#include "sentinel/feeds.h"
#include "sentinel/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library version, "MAJOR.MINOR.PATCH". */
const char *sn_version(void);

#ifdef __cplusplus
}
#endif
#endif
