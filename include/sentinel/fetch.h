/*
 * sentinel/fetch.h — polite HTTP fetching with libcurl's multi interface:
 * many requests in flight on one thread, at most a few per host, with a
 * minimum delay between two requests to the same host; conditional GET
 * (If-None-Match, If-Modified-Since; 304 is a result, not an error); gzip,
 * deflate, brotli and zstd when libcurl has them; a redirect limit;
 * connect, total and low-speed time-outs; a hard cap on the response size
 * (the transfer is aborted past it); a User-Agent naming Sentinel; proxies
 * from the environment (http_proxy, https_proxy, no_proxy, as libcurl
 * reads them); only http and https, for the request and every redirect;
 * and, for article pages, robots.txt (fetched once per host and cached;
 * on by default).
 *
 * Ownership: an sn_fetcher from sn_fetcher_new() is freed with
 * sn_fetcher_free(). sn_fetch_add() copies its strings. The sn_fetch_result
 * given to the callback, and everything it points to, is valid only during
 * the callback.
 */
#ifndef SENTINEL_FETCH_H
#define SENTINEL_FETCH_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/result.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sn_fetch_opts {
    int per_host;            /* requests in flight per host (2) */
    double host_delay;       /* seconds between two requests to one host (1.0) */
    int max_total;           /* requests in flight in all (32) */
    long connect_timeout;    /* seconds (10) */
    long timeout;            /* seconds for the whole transfer (30) */
    long low_speed_time;     /* abort when under 64 bytes/s for this many seconds (15) */
    size_t max_bytes;        /* response cap, after decompression (16 MiB) */
    long max_redirects;      /* (5) */
    int robots;              /* obey robots.txt for SN_FETCH_ARTICLE requests (1) */
    const char *user_agent;  /* NULL: "Sentinel/VERSION (+https://github.com/sentinel-events; news monitor)" */
} sn_fetch_opts;

/* Fill o with the defaults above. */
void sn_fetch_defaults(sn_fetch_opts *o);

typedef enum sn_fetch_kind { SN_FETCH_FEED = 0, SN_FETCH_ARTICLE } sn_fetch_kind;

typedef enum sn_fetch_status {
    SN_FETCH_OK = 0,         /* 2xx with a body */
    SN_FETCH_NOT_MODIFIED,   /* 304 */
    SN_FETCH_HTTP_ERROR,     /* 4xx or 5xx (http_code says which) */
    SN_FETCH_TOO_BIG,        /* past max_bytes */
    SN_FETCH_TIMEOUT,        /* connect, total or low-speed time-out */
    SN_FETCH_TOO_MANY_REDIRECTS,
    SN_FETCH_ROBOTS,         /* robots.txt disallows it; nothing was fetched */
    SN_FETCH_NETWORK         /* DNS, connection, TLS or protocol failure */
} sn_fetch_status;

typedef struct sn_fetch_result {
    const char *url, *final_url;
    sn_fetch_status status;
    long http_code;
    const char *body;        /* NUL-terminated; NULL unless SN_FETCH_OK */
    size_t body_len;
    const char *etag, *last_modified, *content_type, *charset; /* NULL when absent */
    long retry_after;        /* seconds from Retry-After, -1 when absent */
    long redirects;
    double seconds;
    const char *error;       /* a readable reason when not OK */
    void *user;              /* as given to sn_fetch_add */
} sn_fetch_result;

typedef struct sn_fetcher sn_fetcher;
typedef void (*sn_fetch_fn)(void *ctx, const sn_fetch_result *r);

sn_rc sn_fetcher_new(const sn_fetch_opts *o, sn_fetch_fn done, void *ctx, sn_fetcher **out);
void sn_fetcher_free(sn_fetcher *f);

/* Queue a GET. etag and last_modified (may be NULL) make it conditional.
 * SN_ERR_INVALID for a URL that is not http(s). */
sn_rc sn_fetch_add(sn_fetcher *f, const char *url, sn_fetch_kind kind, const char *etag,
                   const char *last_modified, void *user);
/* Run until every queued request (and any robots.txt they need) is done;
 * done() is called once per request, in completion order. done() may queue
 * more requests. */
sn_rc sn_fetch_run(sn_fetcher *f);
const char *sn_fetch_status_name(sn_fetch_status s);

/* robots.txt: may user_agent fetch path under these rules? 1 yes, 0 no.
 * Groups for the agent's product token (case-insensitive, "sentinel")
 * win over "*"; the longest matching Allow or Disallow wins, Allow on a
 * tie; "*" and "$" wildcards are understood. */
int sn_robots_allowed(const char *robots, size_t n, const char *agent, const char *path);

#ifdef __cplusplus
}
#endif
#endif
