/*
 * lib/ingest/fetch.c — the fetcher of sentinel/fetch.h: libcurl's multi
 * interface on one thread, with per-host politeness and robots.txt.
 *
 * Requests wait in a queue. A request starts when its host has fewer than
 * per_host transfers in flight, host_delay seconds have passed since the
 * host's last start, fewer than max_total transfers run in all, and (for
 * article pages when robots is on) the host's robots.txt is known: the
 * first article request for a host queues a fetch of /robots.txt, and the
 * host's requests wait for it. A robots.txt that is missing (4xx) allows
 * everything; one that cannot be fetched (5xx, time-out, network) refuses
 * the host's article pages for this run (RFC 9309, section 2.3.1.4).
 *
 * Responses are collected in capped buffers: CURLOPT_MAXFILESIZE refuses a
 * declared Content-Length past the cap, and the write callback aborts a
 * transfer whose (decompressed) body grows past it. Headers are re-read on
 * every response of a redirect chain, so the last one counts.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ingest/xml.h"
#include "sentinel/feed.h"
#include "sentinel/fetch.h"
#include "util/buf.h"

#define ROBOTS_CAP (512 * 1024)

typedef struct host host;

typedef struct req {
    char *url;
    host *h;
    sn_fetch_kind kind;
    int is_robots;
    char *etag, *last_modified;
    void *user;
    CURL *easy;
    struct curl_slist *headers;
    sn_buf body;
    char r_etag[512], r_lm[128], r_ct[256];
    long retry_after;
    int too_big;
    double started;
    char errbuf[CURL_ERROR_SIZE];
    struct req *next;
} req;

struct host {
    char *name; /* scheme://host[:port] */
    int in_flight;
    double next_start;
    int robots; /* 0 unknown, 1 fetching, 2 known, 3 unavailable */
    char *robots_txt;
    size_t robots_len;
    host *next;
};

struct sn_fetcher {
    sn_fetch_opts o;
    char ua[256];
    CURLM *multi;
    req *queue, *queue_tail;
    int running;
    host *hosts;
    sn_fetch_fn done;
    void *ctx;
};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void sn_fetch_defaults(sn_fetch_opts *o)
{
    *o = (sn_fetch_opts){2, 1.0, 32, 10, 30, 15, (size_t)16 << 20, 5, 1, NULL};
}

const char *sn_fetch_status_name(sn_fetch_status s)
{
    static const char *const n[] = {"ok", "not-modified", "http-error", "too-big", "timeout",
                                    "too-many-redirects", "robots", "network"};
    return (unsigned)s < sizeof n / sizeof *n ? n[s] : "unknown";
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

sn_rc sn_fetcher_new(const sn_fetch_opts *o, sn_fetch_fn done, void *ctx, sn_fetcher **out)
{
    pthread_once(&curl_once, curl_init);
    sn_fetcher *f = calloc(1, sizeof *f);
    if (!f)
        return SN_ERR_NOMEM;
    if (o)
        f->o = *o;
    else
        sn_fetch_defaults(&f->o);
    if (f->o.per_host < 1)
        f->o.per_host = 1;
    if (f->o.max_total < 1)
        f->o.max_total = 1;
    snprintf(f->ua, sizeof f->ua, "%s",
             f->o.user_agent ? f->o.user_agent
                             : "Sentinel/" SN_VERSION " (+https://github.com/sentinel-events/sentinel; news monitor)");
    f->multi = curl_multi_init();
    if (!f->multi) {
        free(f);
        return SN_ERR_NOMEM;
    }
    f->done = done;
    f->ctx = ctx;
    *out = f;
    return SN_OK;
}

static void free_req(req *r)
{
    if (r->easy)
        curl_easy_cleanup(r->easy);
    curl_slist_free_all(r->headers);
    sn_buf_free(&r->body);
    free(r->url);
    free(r->etag);
    free(r->last_modified);
    free(r);
}

void sn_fetcher_free(sn_fetcher *f)
{
    if (!f)
        return;
    for (req *r = f->queue, *n; r; r = n) {
        n = r->next;
        free_req(r);
    }
    for (host *h = f->hosts, *n; h; h = n) {
        n = h->next;
        free(h->name);
        free(h->robots_txt);
        free(h);
    }
    curl_multi_cleanup(f->multi);
    free(f);
}

static host *host_of(sn_fetcher *f, const char *url)
{
    const char *p = strstr(url, "://");
    size_t n = p ? (size_t)(p + 3 - url) + strcspn(p + 3, "/?#") : strlen(url);
    for (host *h = f->hosts; h; h = h->next)
        if (strlen(h->name) == n && !strncasecmp(h->name, url, n))
            return h;
    host *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->name = strndup(url, n);
    h->next = f->hosts;
    f->hosts = h;
    return h;
}

static void enqueue(sn_fetcher *f, req *r, int front)
{
    if (front) {
        r->next = f->queue;
        f->queue = r;
        if (!f->queue_tail)
            f->queue_tail = r;
        return;
    }
    r->next = NULL;
    if (f->queue_tail)
        f->queue_tail->next = r;
    else
        f->queue = r;
    f->queue_tail = r;
}

static req *new_req(sn_fetcher *f, const char *url, sn_fetch_kind kind, const char *etag, const char *lm,
                    void *user)
{
    req *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->url = strdup(url);
    r->kind = kind;
    r->etag = etag && *etag ? strdup(etag) : NULL;
    r->last_modified = lm && *lm ? strdup(lm) : NULL;
    r->user = user;
    r->h = host_of(f, url);
    r->retry_after = -1;
    sn_buf_init(&r->body, f->o.max_bytes + 1);
    if (!r->url || !r->h) {
        free_req(r);
        return NULL;
    }
    return r;
}

sn_rc sn_fetch_add(sn_fetcher *f, const char *url, sn_fetch_kind kind, const char *etag,
                   const char *last_modified, void *user)
{
    if (!sn_url_is_http(url))
        return SN_ERR_INVALID;
    req *r = new_req(f, url, kind, etag, last_modified, user);
    if (!r)
        return SN_ERR_NOMEM;
    enqueue(f, r, 0);
    return SN_OK;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    req *r = ud;
    size_t len = size * n;
    if (sn_buf_add(&r->body, p, len)) {
        r->too_big = 1;
        return 0; /* aborts the transfer */
    }
    return len;
}

static void copy_value(char *dst, size_t cap, const char *v, size_t n)
{
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
        n--;
    while (n && (*v == ' ' || *v == '\t'))
        v++, n--;
    snprintf(dst, cap, "%.*s", (int)(n < cap - 1 ? n : cap - 1), v);
}

static long retry_after(const char *v, size_t n)
{
    char buf[128];
    copy_value(buf, sizeof buf, v, n);
    char *end;
    long s = strtol(buf, &end, 10);
    if (end != buf && *end == '\0')
        return s < 0 ? 0 : s;
    int64_t t;
    if (!sn_time_parse(buf, strlen(buf), &t)) {
        long d = (long)(t - (int64_t)time(NULL));
        return d < 0 ? 0 : d;
    }
    return -1;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    req *r = ud;
    size_t len = size * n;
    if (len >= 5 && !strncmp(p, "HTTP/", 5)) { /* a new response: forget the last one's */
        r->r_etag[0] = r->r_lm[0] = r->r_ct[0] = '\0';
        r->retry_after = -1;
        return len;
    }
    const char *colon = memchr(p, ':', len);
    if (!colon)
        return len;
    size_t kn = (size_t)(colon - p), vn = len - kn - 1;
    const char *v = colon + 1;
    if (kn == 4 && !strncasecmp(p, "etag", 4))
        copy_value(r->r_etag, sizeof r->r_etag, v, vn);
    else if (kn == 13 && !strncasecmp(p, "last-modified", 13))
        copy_value(r->r_lm, sizeof r->r_lm, v, vn);
    else if (kn == 12 && !strncasecmp(p, "content-type", 12))
        copy_value(r->r_ct, sizeof r->r_ct, v, vn);
    else if (kn == 11 && !strncasecmp(p, "retry-after", 11))
        r->retry_after = retry_after(v, vn);
    return len;
}

static sn_rc start(sn_fetcher *f, req *r)
{
    CURL *e = curl_easy_init();
    if (!e)
        return SN_ERR_NOMEM;
    r->easy = e;
    curl_easy_setopt(e, CURLOPT_URL, r->url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, r);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, f->o.max_redirects);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_USERAGENT, f->ua);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* every coding this libcurl has */
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, f->o.connect_timeout);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, f->o.timeout);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 64L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, f->o.low_speed_time);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)(r->is_robots ? ROBOTS_CAP : f->o.max_bytes));
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    char hdr[700];
    if (r->etag) {
        snprintf(hdr, sizeof hdr, "If-None-Match: %s", r->etag);
        r->headers = curl_slist_append(r->headers, hdr);
    }
    if (r->last_modified) {
        snprintf(hdr, sizeof hdr, "If-Modified-Since: %s", r->last_modified);
        r->headers = curl_slist_append(r->headers, hdr);
    }
    if (r->headers)
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
    if (curl_multi_add_handle(f->multi, e) != CURLM_OK)
        return SN_ERR_INTERNAL;
    r->started = now();
    r->h->in_flight++;
    r->h->next_start = r->started + f->o.host_delay;
    f->running++;
    return SN_OK;
}

static void charset_of(const char *ct, char *out, size_t cap)
{
    out[0] = '\0';
    const char *c = strcasestr(ct, "charset=");
    if (c) {
        c += 8;
        if (*c == '"')
            c++;
        snprintf(out, cap, "%.*s", (int)strcspn(c, "\"; "), c);
    }
}

/* Deliver a finished (or refused) request to the caller. */
static void deliver(sn_fetcher *f, req *r, sn_fetch_status st, long code, const char *error)
{
    sn_fetch_result res;
    memset(&res, 0, sizeof res);
    char *final = NULL, charset[64] = "";
    if (r->easy)
        curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &final);
    res.url = r->url;
    res.final_url = final ? final : r->url;
    res.status = st;
    res.http_code = code;
    if (st == SN_FETCH_OK && !sn_buf_cstr(&r->body)) {
        res.body = r->body.p ? r->body.p : "";
        res.body_len = r->body.len;
    }
    res.etag = r->r_etag[0] ? r->r_etag : NULL;
    res.last_modified = r->r_lm[0] ? r->r_lm : NULL;
    res.content_type = r->r_ct[0] ? r->r_ct : NULL;
    charset_of(r->r_ct, charset, sizeof charset);
    res.charset = charset[0] ? charset : NULL;
    res.retry_after = r->retry_after;
    if (r->easy)
        curl_easy_getinfo(r->easy, CURLINFO_REDIRECT_COUNT, &res.redirects);
    res.seconds = r->started ? now() - r->started : 0;
    res.error = error;
    res.user = r->user;
    f->done(f->ctx, &res);
}

static void robots_done(req *r, sn_fetch_status st, long code)
{
    host *h = r->h;
    if (st == SN_FETCH_OK) {
        h->robots = 2;
        h->robots_txt = malloc(r->body.len + 1);
        if (h->robots_txt) {
            memcpy(h->robots_txt, r->body.p ? r->body.p : "", r->body.len);
            h->robots_txt[r->body.len] = '\0';
            h->robots_len = r->body.len;
        }
    } else if (st == SN_FETCH_HTTP_ERROR && code >= 400 && code < 500) {
        h->robots = 2; /* no robots.txt: everything allowed */
    } else {
        h->robots = 3;
    }
}

static void finish(sn_fetcher *f, req *r, CURLcode cc)
{
    long code = 0;
    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
    sn_fetch_status st;
    char msg[CURL_ERROR_SIZE + 64];
    const char *error = NULL;
    if (cc == CURLE_OK) {
        st = code == 304 ? SN_FETCH_NOT_MODIFIED : code >= 200 && code < 300 ? SN_FETCH_OK : SN_FETCH_HTTP_ERROR;
        if (st == SN_FETCH_HTTP_ERROR) {
            snprintf(msg, sizeof msg, "HTTP %ld", code);
            error = msg;
        }
    } else if (r->too_big || cc == CURLE_FILESIZE_EXCEEDED) {
        st = SN_FETCH_TOO_BIG;
        snprintf(msg, sizeof msg, "response larger than %zu bytes", r->is_robots ? (size_t)ROBOTS_CAP : f->o.max_bytes);
        error = msg;
    } else if (cc == CURLE_OPERATION_TIMEDOUT) {
        st = SN_FETCH_TIMEOUT;
        snprintf(msg, sizeof msg, "timed out: %s", r->errbuf[0] ? r->errbuf : curl_easy_strerror(cc));
        error = msg;
    } else if (cc == CURLE_TOO_MANY_REDIRECTS) {
        st = SN_FETCH_TOO_MANY_REDIRECTS;
        snprintf(msg, sizeof msg, "more than %ld redirects", f->o.max_redirects);
        error = msg;
    } else {
        st = SN_FETCH_NETWORK;
        snprintf(msg, sizeof msg, "%s", r->errbuf[0] ? r->errbuf : curl_easy_strerror(cc));
        error = msg;
    }
    if (r->is_robots)
        robots_done(r, st, code);
    else
        deliver(f, r, st, code, error);
}

/* The path (and query) of url, for robots.txt. */
static const char *path_of(const char *url)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 + strcspn(p + 3, "/?#") : url;
    return *p ? p : "/";
}

/* Start what may start; 1 when something is still waiting. */
static int schedule(sn_fetcher *f, double *wait)
{
    double t = now();
    int waiting = 0;
    req *prev = NULL;
    for (req *r = f->queue, *next; r; r = next) {
        next = r->next;
        host *h = r->h;
        int ready = 1;
        if (r->kind == SN_FETCH_ARTICLE && f->o.robots && !r->is_robots) {
            if (h->robots == 0) {
                char url[2100];
                snprintf(url, sizeof url, "%s/robots.txt", h->name);
                req *rb = new_req(f, url, SN_FETCH_FEED, NULL, NULL, NULL);
                if (rb) {
                    rb->is_robots = 1;
                    sn_buf_free(&rb->body);
                    sn_buf_init(&rb->body, ROBOTS_CAP + 1);
                    h->robots = 1;
                    enqueue(f, rb, 1); /* first in line */
                    prev = NULL;
                    next = f->queue; /* rescan from the start */
                    waiting = 1;
                    continue;
                }
                h->robots = 3;
            }
            if (h->robots == 1)
                ready = 0;
            else if (h->robots == 3 ||
                     !sn_robots_allowed(h->robots_txt ? h->robots_txt : "", h->robots_len, "sentinel", path_of(r->url))) {
                /* refused: deliver without fetching */
                if (prev)
                    prev->next = next;
                else
                    f->queue = next;
                if (f->queue_tail == r)
                    f->queue_tail = prev;
                deliver(f, r, SN_FETCH_ROBOTS, 0,
                        h->robots == 3 ? "robots.txt could not be fetched; not fetching article pages of this host"
                                       : "disallowed by robots.txt");
                free_req(r);
                continue;
            }
        }
        if (ready && (h->in_flight >= f->o.per_host || f->running >= f->o.max_total))
            ready = 0;
        if (ready && t < h->next_start) {
            ready = 0;
            if (h->next_start - t < *wait)
                *wait = h->next_start - t;
        }
        if (!ready) {
            waiting = 1;
            prev = r;
            continue;
        }
        if (prev)
            prev->next = next;
        else
            f->queue = next;
        if (f->queue_tail == r)
            f->queue_tail = prev;
        r->next = NULL;
        if (start(f, r)) {
            deliver(f, r, SN_FETCH_NETWORK, 0, "could not start the transfer");
            free_req(r);
        }
    }
    return waiting;
}

sn_rc sn_fetch_run(sn_fetcher *f)
{
    for (;;) {
        double wait = 0.5;
        int waiting = schedule(f, &wait);
        if (!waiting && !f->running)
            return SN_OK;
        int still;
        curl_multi_perform(f->multi, &still);
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(f->multi, &left))) {
            if (m->msg != CURLMSG_DONE)
                continue;
            req *r;
            CURL *e = m->easy_handle;
            CURLcode cc = m->data.result;
            curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&r);
            curl_multi_remove_handle(f->multi, e);
            f->running--;
            r->h->in_flight--;
            finish(f, r, cc);
            free_req(r);
        }
        int ms = (int)(wait * 1000);
        curl_multi_poll(f->multi, NULL, 0, ms < 1 ? 1 : ms > 500 ? 500 : ms, NULL);
    }
}

/* ---- robots.txt ---- */

/* Does the pattern [p, pe) (with * and a final $) match the start of s?
 * Patterns with more than 8 stars are refused (they could take
 * exponential time); robots.txt files have no use for them. */
static int match_here(const char *p, const char *pe, const char *s)
{
    for (; p < pe; p++) {
        if (*p == '*') {
            while (p + 1 < pe && p[1] == '*')
                p++;
            for (;; s++) {
                if (match_here(p + 1, pe, s))
                    return 1;
                if (!*s)
                    return 0;
            }
        }
        if (*p == '$' && p + 1 == pe)
            return *s == '\0';
        if (*s != *p)
            return 0;
        s++;
    }
    return 1;
}

static int rule_match(const char *pat, size_t pn, const char *path)
{
    int stars = 0;
    for (size_t i = 0; i < pn; i++)
        stars += pat[i] == '*';
    if (!pn || stars > 8)
        return -1;
    return match_here(pat, pat + pn, path) ? (int)pn : -1;
}

int sn_robots_allowed(const char *robots, size_t n, const char *agent, const char *path)
{
    /* Two passes: the agent's own groups, else the "*" groups. */
    for (int pass = 0; pass < 2; pass++) {
        int in_group = 0, group_has_rules = 0, matched_any_group = 0;
        int best = -1, allow = 1;
        const char *p = robots, *end = robots + n;
        while (p < end) {
            const char *e = memchr(p, '\n', (size_t)(end - p));
            size_t len = e ? (size_t)(e - p) : (size_t)(end - p);
            char line[600];
            size_t k = strcspn(p, "#\r\n");
            if (k > len)
                k = len;
            snprintf(line, sizeof line, "%.*s", (int)(k < sizeof line - 1 ? k : sizeof line - 1), p);
            p += len + (e != NULL);
            char *colon = strchr(line, ':');
            if (!colon)
                continue;
            *colon = '\0';
            char *key = line, *val = colon + 1;
            while (*key == ' ' || *key == '\t')
                key++;
            while (*val == ' ' || *val == '\t')
                val++;
            size_t vl = strlen(val);
            while (vl && (val[vl - 1] == ' ' || val[vl - 1] == '\t'))
                val[--vl] = '\0';
            if (!strcasecmp(key, "user-agent")) {
                if (group_has_rules)
                    in_group = 0, group_has_rules = 0;
                int hit = pass == 0 ? (vl && !strncasecmp(val, agent, strlen(agent))) : !strcmp(val, "*");
                if (hit)
                    in_group = matched_any_group = 1;
            } else if (!strcasecmp(key, "allow") || !strcasecmp(key, "disallow")) {
                group_has_rules = 1;
                if (!in_group)
                    continue;
                int is_allow = !strcasecmp(key, "allow");
                if (!vl)
                    continue; /* "Disallow:" with nothing allows all */
                int m = rule_match(val, vl, path);
                if (m > best || (m == best && m >= 0 && is_allow)) {
                    best = m;
                    allow = is_allow;
                }
            }
        }
        if (matched_any_group)
            return best < 0 ? 1 : allow;
    }
    return 1;
}
