/*
 * lib/ingest/poll.c — polling feeds (sentinel/feeds.h): fetch the feeds
 * that are due, all at once through one fetcher, update each feed's health
 * record, and hand the new items to the ingestor.
 *
 * Per feed, on:
 *   200 and a feed that parses: status "ok" (with the parser's warning as
 *       last_error if the XML had to be recovered); items_last, new_last
 *       (items whose id hash is not among the last SN_FEED_SEEN seen),
 *       items_total += new; ETag and Last-Modified kept for the next
 *       conditional GET; failures = 0. The interval adapts to the feed: a
 *       poll with new items shortens it by a third, one without lengthens it
 *       by half, within [min_interval, max_interval].
 *   304: status "not-modified", a success with no new items.
 *   anything else (HTTP errors, time-outs, the size cap, redirect loops,
 *       malformed XML, refused entity declarations, a document that is not
 *       a feed): status "error" with the reason in last_error, failures += 1
 *       and exponential back-off: the next poll is interval * 2^failures
 *       later (at most max_backoff), or Retry-After when the server says
 *       more. 410 Gone, or a 404 three times in a row, makes it "dead"
 *       (still retried, at the back-off's pace).
 * New items: with articles on, their links are fetched as article pages
 * (robots.txt applies) and extracted; the item's date stands in when the
 * page has none. With it off, or when the item has no link, the item's own
 * content or summary is the article.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sentinel/feed.h"
#include "sentinel/feeds.h"

void sn_poll_defaults(sn_poll_opts *o)
{
    memset(o, 0, sizeof *o);
    sn_fetch_defaults(&o->fetch);
    o->articles = 1;
    o->min_interval = 300;
    o->max_interval = 21600;
    o->max_backoff = 86400;
    o->max_new = 100;
}

typedef struct art {
    sn_feed_state *feed;
    int64_t published;
    char *title;
} art;

typedef struct poll {
    sn_feedstore *s;
    const sn_poll_opts *o;
    int64_t now;
    sn_ingestor *g;
    sn_ingest_write_fn write;
    void *ctx;
    sn_poll_report *rep;
    sn_fetcher *f;
    sn_rc io;  /* a write failure stops everything */
} poll;

static void set_str(char **field, const char *v)
{
    free(*field);
    *field = v && *v ? strdup(v) : NULL;
}

static uint64_t hash64(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h ? h : 1;
}

static int seen(const sn_feed_state *f, uint64_t h)
{
    for (unsigned i = 0; i < f->n_seen; i++)
        if (f->seen[i] == h)
            return 1;
    return 0;
}

static void remember(sn_feed_state *f, uint64_t h)
{
    f->seen[f->seen_at] = h;
    f->seen_at = (f->seen_at + 1) % SN_FEED_SEEN;
    if (f->n_seen < SN_FEED_SEEN)
        f->n_seen++;
}

static long clamp(long v, long lo, long hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void failed(poll *p, sn_feed_state *f, const char *why, long http_code, long retry_after)
{
    f->failures++;
    f->last_error_at = p->now;
    set_str(&f->last_error, why);
    int dead = http_code == 410 || (http_code == 404 && f->failures >= 3);
    set_str(&f->status, dead ? "dead" : "error");
    long wait = f->interval > 0 ? f->interval : p->o->min_interval;
    for (unsigned i = 0; i < f->failures && wait < p->o->max_backoff; i++)
        wait *= 2;
    wait = clamp(wait, p->o->min_interval, p->o->max_backoff);
    if (retry_after > wait)
        wait = retry_after;
    f->next_poll = p->now + wait;
    p->rep->errors++;
}

static void succeeded(poll *p, sn_feed_state *f, const sn_fetch_result *r, unsigned fresh)
{
    f->failures = 0;
    f->last_success = p->now;
    if (r->etag)
        set_str(&f->etag, r->etag);
    if (r->last_modified)
        set_str(&f->last_modified, r->last_modified);
    long iv = f->interval > 0 ? f->interval : 1800;
    iv = fresh ? iv * 2 / 3 : iv * 3 / 2;
    f->interval = clamp(iv, p->o->min_interval, p->o->max_interval);
    f->next_poll = p->now + f->interval;
}

/* An item without a page to fetch: its own content is the article. */
static void item_article(poll *p, sn_feed_state *f, const sn_feed_item *it)
{
    const char *body = it->content ? it->content : it->summary;
    if (!body)
        return;
    size_t n = strlen(body) + (it->title ? strlen(it->title) : 0) + 128;
    char *html = malloc(n);
    if (!html)
        return;
    snprintf(html, n, "<html><head><title>%s</title></head><body><article>%s</article></body></html>",
             it->title ? it->title : "", body);
    sn_error err;
    sn_rc rc = sn_ingest_html(p->g, html, strlen(html), it->link, NULL, it->published, f->url, p->write, p->ctx, &err);
    if (rc == SN_ERR_IO)
        p->io = rc;
    else if (!rc)
        p->rep->articles++;
    free(html);
}

static void new_items(poll *p, sn_feed_state *f, const sn_feed *feed)
{
    unsigned fresh = 0;
    for (size_t i = 0; i < feed->n_items; i++) {
        const sn_feed_item *it = &feed->items[i];
        uint64_t h = hash64(it->id ? it->id : it->link ? it->link : it->title);
        if (seen(f, h))
            continue;
        remember(f, h);
        if (fresh++ >= p->o->max_new)
            continue;
        if (p->o->articles && it->link && sn_url_is_http(it->link)) {
            art *a = calloc(1, sizeof *a);
            if (!a)
                continue;
            a->feed = f;
            a->published = it->published;
            if (sn_fetch_add(p->f, it->link, SN_FETCH_ARTICLE, NULL, NULL, a)) {
                free(a);
                item_article(p, f, it);
            }
        } else {
            item_article(p, f, it);
        }
    }
    f->new_last = fresh;
    f->items_total += fresh;
    p->rep->new_items += fresh;
}

static void feed_done(poll *p, sn_feed_state *f, const sn_fetch_result *r)
{
    char why[300];
    f->last_attempt = p->now;
    if (r->status == SN_FETCH_NOT_MODIFIED) {
        set_str(&f->status, "not-modified");
        f->new_last = 0;
        succeeded(p, f, r, 0);
        p->rep->not_modified++;
        return;
    }
    if (r->status != SN_FETCH_OK) {
        if (r->status == SN_FETCH_HTTP_ERROR && r->retry_after >= 0)
            snprintf(why, sizeof why, "HTTP %ld (retry after %ld s)", r->http_code, r->retry_after);
        else
            snprintf(why, sizeof why, "%s", r->error ? r->error : sn_fetch_status_name(r->status));
        failed(p, f, why, r->status == SN_FETCH_HTTP_ERROR ? r->http_code : 0, r->retry_after);
        return;
    }
    sn_feed *feed;
    sn_error err;
    sn_rc rc = sn_feed_parse(r->body, r->body_len, r->final_url, r->charset, &feed, &err);
    if (rc) {
        if (err.line)
            snprintf(why, sizeof why, "line %u: %s", err.line, err.msg);
        else
            snprintf(why, sizeof why, "%s", err.msg[0] ? err.msg : sn_rc_str(rc));
        failed(p, f, why, 0, -1);
        return;
    }
    set_str(&f->status, "ok");
    set_str(&f->kind, sn_feed_kind_name(feed->kind));
    if (!f->title && feed->title)
        set_str(&f->title, feed->title);
    set_str(&f->last_error, feed->warning[0] ? feed->warning : NULL);
    if (feed->warning[0])
        f->last_error_at = p->now;
    f->items_last = (unsigned)feed->n_items;
    new_items(p, f, feed);
    succeeded(p, f, r, f->new_last);
    p->rep->ok++;
    sn_feed_free(feed);
}

static void article_done(poll *p, art *a, const sn_fetch_result *r)
{
    if (r->status == SN_FETCH_OK) {
        sn_error err;
        sn_rc rc = sn_ingest_html(p->g, r->body, r->body_len, r->final_url, r->charset, a->published, a->feed->url,
                                  p->write, p->ctx, &err);
        if (rc == SN_ERR_IO)
            p->io = rc;
        else if (rc)
            p->rep->article_errors++;
        else
            p->rep->articles++;
    } else {
        p->rep->article_errors++;
    }
    free(a->title);
    free(a);
}

/* Feeds are tagged by their index + 1 in the user pointer's low range;
 * articles by a heap art (always far above any index). */
static void on_done(void *ctx, const sn_fetch_result *r)
{
    poll *p = ctx;
    uintptr_t u = (uintptr_t)r->user;
    if (u && u <= SN_FEEDS_MAX)
        feed_done(p, sn_feedstore_get(p->s, u - 1), r);
    else if (u)
        article_done(p, (art *)r->user, r);
}

sn_rc sn_feeds_poll(sn_feedstore *s, const sn_poll_opts *o, int64_t now, sn_ingestor *g, sn_ingest_write_fn write,
                    void *ctx, sn_poll_report *rep)
{
    memset(rep, 0, sizeof *rep);
    poll p = {s, o, now, g, write, ctx, rep, NULL, SN_OK};
    sn_rc rc = sn_fetcher_new(&o->fetch, on_done, &p, &p.f);
    if (rc)
        return rc;
    for (size_t i = 0; i < sn_feedstore_count(s); i++) {
        sn_feed_state *f = sn_feedstore_get(s, i);
        if (!o->all && f->next_poll > now)
            continue;
        if (sn_fetch_add(p.f, f->url, SN_FETCH_FEED, f->etag, f->last_modified, (void *)(uintptr_t)(i + 1)) == SN_OK)
            rep->feeds++;
    }
    rc = sn_fetch_run(p.f);
    sn_fetcher_free(p.f);
    return rc ? rc : p.io;
}
