/*
 * tests/unit/test_ingest.c — the ingestor and the WARC reader through the
 * public API: UTF-8 repair (a table), records for HTML, text and JSON Lines
 * (ids, canonical URLs, languages, duplicates), a failing writer, and WARC
 * files that are random bytes, cut short, lie about their length, or hold
 * a record past the size cap; and every fixture, damaged at random, through
 * the feed parser and the extractor. Files are written to a temporary
 * directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <dirent.h>
#include "sentinel/sentinel.h"
#include "support.h"

static void utf8_repair(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t n;
        const char *out;
        unsigned bad;
    } t[] = {
        {"plain", 5, "plain", 0},
        {"caf\xC3\xA9", 5, "caf\xC3\xA9", 0},
        {"a\xFF" "b", 3, "a\xEF\xBF\xBD" "b", 1},
        {"\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD", 2},              /* overlong */
        {"\xED\xA0\x80", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3}, /* surrogate */
        {"\xE2\x82", 2, "\xEF\xBF\xBD\xEF\xBF\xBD", 2},              /* cut short */
        {"tab\tok\x01x", 8, "tab\tok x", 0},                          /* controls become spaces */
        {"\xF4\x90\x80\x80", 4, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4}, /* past U+10FFFF */
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        size_t n;
        unsigned bad;
        char *out = sn_utf8_repair(t[i].in, t[i].n, &n, &bad);
        assert_non_null(out);
        assert_string_equal(out, t[i].out);
        assert_int_equal(n, strlen(t[i].out));
        assert_int_equal(bad, t[i].bad);
        free(out);
    }
}

typedef struct sink {
    char buf[1 << 16];
    size_t n;
    int fail;
} sink;

static int sink_write(void *ctx, const char *p, size_t n)
{
    sink *s = ctx;
    if (s->fail || s->n + n >= sizeof s->buf)
        return -1;
    memcpy(s->buf + s->n, p, n);
    s->n += n;
    s->buf[s->n] = '\0';
    return 0;
}

static const char *text =
    "Delegations from Tbilisi, Sukhumi and Tskhinvali met again in Geneva on Monday, the first round of the "
    "international discussions since December, mediators from the United Nations said.";

static void records(void **state)
{
    (void)state;
    sn_ingestor *g = sn_ingestor_new(NULL);
    assert_non_null(g);
    sink s = {{0}, 0, 0};
    sn_error err;
    assert_int_equal(sn_ingest_text(g, text, strlen(text), "https://www.news.example/a/?utm_source=x", SN_TIME_NONE,
                                    "t1", sink_write, &s, &err), SN_OK);
    assert_non_null(strstr(s.buf, "\"canonical_url\":\"https://news.example/a\""));
    assert_non_null(strstr(s.buf, "\"source\":\"news.example\""));
    assert_non_null(strstr(s.buf, "\"lang\":\"en\""));
    assert_non_null(strstr(s.buf, "\"english\":true"));
    assert_non_null(strstr(s.buf, "\"id\":\"u"));
    assert_null(strstr(s.buf, "duplicate_of"));
    s.n = 0;
    /* The same text again from JSON Lines with its own id: an exact copy. */
    char line[1024];
    snprintf(line, sizeof line, "{\"id\":\"j1\",\"text\":\"%s\",\"published\":\"2015-03-16\"}", text);
    assert_int_equal(sn_ingest_jsonl(g, line, strlen(line), "in:1", sink_write, &s, &err), SN_OK);
    assert_non_null(strstr(s.buf, "\"id\":\"j1\""));
    assert_non_null(strstr(s.buf, "\"duplicate_kind\":\"exact\""));
    assert_non_null(strstr(s.buf, "\"published\":\"2015-03-16T00:00:00Z\""));
    /* Bad JSON: a column, nothing written. */
    s.n = 0;
    s.buf[0] = '\0';
    assert_int_equal(sn_ingest_jsonl(g, "{\"text\": nope}", 14, "in:2", sink_write, &s, &err), SN_ERR_INVALID);
    assert_true(err.col > 0);
    assert_int_equal(s.n, 0);
    /* Invalid UTF-8 in a text is repaired, and the record is valid. */
    assert_int_equal(sn_ingest_text(g, "Troops \xFF\xFE moved across the line near the village on Monday, officials "
                                       "said, and monitors counted dozens of explosions overnight.", 113, NULL,
                                    SN_TIME_NONE, "t2", sink_write, &s, &err), SN_OK);
    assert_non_null(strstr(s.buf, "\xEF\xBF\xBD"));
    /* A writer that fails is SN_ERR_IO. */
    sink bad = {{0}, 0, 1};
    const char *other = "A different story entirely, about the harvest in the south and the price of grain, which "
                        "rose again this month according to the farmers' union.";
    assert_int_equal(sn_ingest_text(g, other, strlen(other), NULL, SN_TIME_NONE, "t3", sink_write, &bad, &err),
                     SN_ERR_IO);
    /* Russian text is not English. */
    s.n = 0;
    const char *ru = "Делегации из Тбилиси, Сухума и Цхинвала в понедельник снова встретились в Женеве, впервые с "
                     "декабря прошлого года, заявили посредники.";
    assert_int_equal(sn_ingest_text(g, ru, strlen(ru), NULL, SN_TIME_NONE, "t4", sink_write, &s, &err), SN_OK);
    assert_non_null(strstr(s.buf, "\"lang\":\"ru\""));
    assert_non_null(strstr(s.buf, "\"english\":false"));
    const sn_ingest_stats *st = sn_ingestor_stats(g);
    assert_int_equal(st->articles, 4);
    assert_int_equal(st->duplicates, 1);
    assert_int_equal(st->non_english, 1);
    assert_int_equal(st->errors, 1);
    sn_ingestor_free(g);
}

static char *write_tmp(const char *name, const void *p, size_t n)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/sentinel-test-%d-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
    return path;
}

/* Read every record; the final rc. */
static sn_rc read_all(const char *path, unsigned *records, sn_error *err)
{
    sn_warc *w;
    *records = 0;
    sn_rc rc = sn_warc_open(path, &w, err);
    if (rc)
        return rc;
    sn_warc_record r;
    while ((rc = sn_warc_next(w, &r, err)) == SN_OK)
        (*records)++;
    sn_warc_close(w);
    return rc;
}

static void warc_hostile(void **state)
{
    (void)state;
    sn_error err;
    unsigned n;
    char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)((i * 2654435761u) >> 13);
    char *p = write_tmp("junk.warc", junk, sizeof junk);
    assert_int_equal(read_all(p, &n, &err), SN_ERR_INVALID);
    assert_non_null(strstr(err.msg, "record 1"));
    unlink(p);
    /* A record whose Content-Length runs past the end of the file. */
    const char *cut = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 99999\r\n\r\n<p>short";
    p = write_tmp("cut.warc", cut, strlen(cut));
    assert_int_equal(read_all(p, &n, &err), SN_ERR_INVALID);
    assert_non_null(strstr(err.msg, "ends inside"));
    unlink(p);
    /* No Content-Length. */
    const char *nolen = "WARC/1.0\r\nWARC-Type: resource\r\n\r\nbody\r\n\r\n";
    p = write_tmp("nolen.warc", nolen, strlen(nolen));
    assert_int_equal(read_all(p, &n, &err), SN_ERR_INVALID);
    assert_non_null(strstr(err.msg, "Content-Length"));
    unlink(p);
    /* A record past the cap is skipped, the next one read. */
    size_t big = SN_WARC_MAX_RECORD + 10;
    char head[256];
    int hl = snprintf(head, sizeof head, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
                                         "Content-Length: %zu\r\n\r\n", big);
    const char *next = "\r\n\r\nWARC/1.0\r\nWARC-Type: conversion\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"
                       "hello\r\n\r\n";
    size_t total = (size_t)hl + big + strlen(next);
    char *file = malloc(total);
    assert_non_null(file);
    memcpy(file, head, (size_t)hl);
    memset(file + hl, 'x', big);
    memcpy(file + hl + big, next, strlen(next));
    p = write_tmp("big.warc", file, total);
    free(file);
    sn_warc *w;
    assert_int_equal(sn_warc_open(p, &w, &err), SN_OK);
    sn_warc_record r;
    assert_int_equal(sn_warc_next(w, &r, &err), SN_OK);
    assert_int_equal(r.kind, SN_WARC_TEXT);
    assert_int_equal(r.body_len, 5);
    assert_int_equal(r.index, 2);
    assert_int_equal(sn_warc_skipped(w), 1);
    assert_int_equal(sn_warc_next(w, &r, &err), SN_ERR_EMPTY);
    sn_warc_close(w);
    unlink(p);
    /* A bad chunked body and an unknown content coding are skipped. */
    const char *http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
    const char *br = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x1b\x02";
    char rec[1024];
    int rl = snprintf(rec, sizeof rec, "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n"
                                       "Content-Length: %zu\r\n\r\n%s\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\n"
                                       "Content-Type: application/http\r\nContent-Length: %zu\r\n\r\n%s\r\n\r\n",
                      strlen(http), http, strlen(br), br);
    p = write_tmp("coded.warc", rec, (size_t)rl);
    assert_int_equal(read_all(p, &n, &err), SN_ERR_EMPTY);
    assert_int_equal(n, 0);
    unlink(p);
    assert_int_equal(sn_warc_open("/nonexistent/x.warc", &w, &err), SN_ERR_IO);
}

/* Every feed and page fixture, damaged 40 ways each by a seeded PRNG
 * (bytes flipped, cut short, markup and NULs inserted): the parsers return
 * an answer every time, and what they return holds together. Run under
 * ASan+UBSan by make test, this is the fuzzing the fixtures get on every
 * commit. */
static uint64_t rng = 0x5EA7;
static uint32_t next_rand(void)
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng >> 33);
}

static size_t mutate(const char *in, size_t n, char *out)
{
    memcpy(out, in, n);
    int kind = (int)(next_rand() % 4);
    if (kind == 0 && n > 1)
        return 1 + next_rand() % (n - 1); /* cut short */
    for (int k = 0; k < 8; k++) {
        size_t at = n ? next_rand() % n : 0;
        static const char junk[] = "<>&\0\"'/;=!-[]\xff\xc3";
        out[at] = kind == 1 ? (char)(out[at] ^ (1 << (next_rand() % 8))) : junk[next_rand() % (sizeof junk - 1)];
    }
    return n;
}

static void mutated_fixtures(void **state)
{
    (void)state;
    const char *dirs[] = {"tests/fixtures/feeds", "tests/fixtures/html"};
    unsigned runs = 0;
    for (int d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        assert_non_null(dir);
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t l = strlen(e->d_name);
            if (l < 5 || (strcmp(e->d_name + l - 4, ".xml") && strcmp(e->d_name + l - 5, ".html")))
                continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
            FILE *f = fopen(path, "rb");
            assert_non_null(f);
            static char in[1 << 17], out[1 << 17];
            size_t n = fread(in, 1, sizeof in, f);
            fclose(f);
            for (int k = 0; k < 40; k++, runs++) {
                size_t m = mutate(in, n, out);
                sn_error err;
                sn_feed *feed;
                if (sn_feed_parse(out, m, NULL, NULL, &feed, &err) == SN_OK) {
                    for (size_t i = 0; i < feed->n_items; i++)
                        assert_true(!feed->items[i].title || strlen(feed->items[i].title) <= SN_FEED_MAX_FIELD);
                    sn_feed_free(feed);
                }
                sn_extracted *x;
                if (sn_extract_html(out, m, "https://x.example/a", NULL, &x, &err) == SN_OK) {
                    assert_true(!x->text || strlen(x->text) == x->text_len);
                    sn_extracted_free(x);
                }
            }
        }
        closedir(dir);
    }
    assert_true(runs > 1500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_repair),
        cmocka_unit_test(records),
        cmocka_unit_test(warc_hostile),
        cmocka_unit_test(mutated_fixtures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
