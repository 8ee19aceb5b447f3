/*
 * tests/unit/test_feed.c — the feed layer of lib/ingest: the date table
 * (RFC 822, RFC 3339 and broken variants, in the manner of sqlite's date
 * tests: input, expected UTC time or rejection), RSS 2.0, RSS 1.0 and Atom
 * fixtures from tests/fixtures/feeds/, charsets, malformed XML, entity
 * bombs and external entities, OPML read and write with categories, and
 * the URL shape check, and the shape of data/feeds/default.opml. Run from
 * the project root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "sentinel/feed.h"
#include "support.h"

static const struct {
    const char *in, *out; /* out NULL: must be rejected */
} dates[] = {
    /* RFC 822 / 1123 */
    {"Mon, 16 Mar 2015 10:30:00 +0300", "2015-03-16T07:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 GMT", "2015-03-16T10:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 UT", "2015-03-16T10:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 Z", "2015-03-16T10:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 EST", "2015-03-16T15:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 PDT", "2015-03-16T17:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 -0430", "2015-03-16T15:00:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 A", "2015-03-16T09:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 N", "2015-03-16T11:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 Y", "2015-03-16T22:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 M", "2015-03-15T22:30:00Z" /* +12 */},
    {"16 Mar 2015 10:30:00 +0000", "2015-03-16T10:30:00Z"},
    {"Mon, 6 Mar 2015 10:30:00 +0000", "2015-03-06T10:30:00Z"},
    /* broken variants real feeds carry */
    {"Tue, 16 Mar 2015 10:30:00 +0000", "2015-03-16T10:30:00Z"},   /* wrong weekday */
    {"Monday, 16 March 2015 10:30:00 GMT", "2015-03-16T10:30:00Z"}, /* full names */
    {"Thurs, 16 Sept 2015 10:30 GMT", "2015-09-16T10:30:00Z"},
    {"Mon, 16 Mar 15 10:30:00 GMT", "2015-03-16T10:30:00Z"},        /* two-digit year */
    {"Mon, 16 Mar 99 10:30:00 GMT", "1999-03-16T10:30:00Z"},
    {"Mon, 16 Mar 2015 10:30 +0300", "2015-03-16T07:30:00Z"},       /* no seconds */
    {"Mon, 16 Mar 2015 10:30:00", "2015-03-16T10:30:00Z"},          /* no zone */
    {"Mon, 16 Mar 2015 10:30:00 +03:00", "2015-03-16T07:30:00Z"},   /* colon in zone */
    {"Mon, 16 Mar 2015 10:30:00 +03", "2015-03-16T07:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 MSK", "2015-03-16T07:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 CET", "2015-03-16T09:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 GMT+3", "2015-03-16T07:30:00Z"},
    {"Mon, 16 Mar 2015 10:30:00 +0300 (MSK)", "2015-03-16T07:30:00Z"},
    {"  mon, 16 mar 2015 10:30:00 gmt  ", "2015-03-16T10:30:00Z"},
    {"Mon,16 Mar 2015 10:30:00 GMT", "2015-03-16T10:30:00Z"},
    {"Mon, 16  Mar  2015  10:30:00  GMT", "2015-03-16T10:30:00Z"},
    {"16 Mar 2015", "2015-03-16T00:00:00Z"},
    {"Monday, 16-Mar-15 10:30:00 GMT", "2015-03-16T10:30:00Z"},     /* RFC 850 */
    {"Mon Mar 16 10:30:00 2015", "2015-03-16T10:30:00Z"},           /* asctime */
    {"March 16, 2015 10:30 am", NULL},
    {"March 16, 2015", "2015-03-16T00:00:00Z"},
    {"Mon, 16 Mar 2015 24:00:00 GMT", "2015-03-17T00:00:00Z"},
    {"Mon, 31 Dec 2012 23:59:60 GMT", "2012-12-31T23:59:59Z"},      /* leap second */
    /* RFC 3339 / ISO 8601 */
    {"2015-03-16T10:30:00Z", "2015-03-16T10:30:00Z"},
    {"2015-03-16T10:30:00+03:00", "2015-03-16T07:30:00Z"},
    {"2015-03-16T10:30:00-05:00", "2015-03-16T15:30:00Z"},
    {"2015-03-16T10:30:00.123456Z", "2015-03-16T10:30:00Z"},
    {"2015-03-16t10:30:00z", "2015-03-16T10:30:00Z"},
    {"2015-03-16 10:30:00", "2015-03-16T10:30:00Z"},
    {"2015-03-16 10:30:00 +0300", "2015-03-16T07:30:00Z"},
    {"2015-03-16T10:30+03:00", "2015-03-16T07:30:00Z"},
    {"2015-03-16", "2015-03-16T00:00:00Z"},
    {"2015-03-16T00:30:00+01:00", "2015-03-15T23:30:00Z"},          /* crosses the day */
    {"2016-02-29T12:00:00Z", "2016-02-29T12:00:00Z"},
    {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
    {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
    /* rejected */
    {"", NULL},
    {"   ", NULL},
    {"yesterday", NULL},
    {"the day before yesterday", NULL},
    {"2015-13-01", NULL},
    {"2015-02-29", NULL},
    {"2015-04-31T10:00:00Z", NULL},
    {"2015-03-16T25:00:00Z", NULL},
    {"2015-03-16T10:60:00Z", NULL},
    {"2015-03-16T10:30:00+25:00", NULL},
    {"Mon, 32 Mar 2015 10:30:00 GMT", NULL},
    {"Mon, 16 Foo 2015 10:30:00 GMT", NULL},
    {"Mon, 16 Mar 2015 10:30:00 XYZ", NULL},
    {"Mon, 16 Mar 2015 10:30:00 J", NULL},
    {"Mon, 16 Mar 2015 10:30:00 GMT trailing", NULL},
    {"Mon, 16 Mar 215 10:30:00 GMT", NULL},
    {"0001-01-01T00:00:00Z", NULL},
    {"16/03/2015", NULL},
    {"Mon, 16 Mar 2015 10:30:00 +0300 (MSK", NULL},
};

static void date_table(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        int64_t t;
        char got[32] = "rejected";
        if (!sn_time_parse(dates[i].in, strlen(dates[i].in), &t))
            sn_time_format(t, got);
        const char *want = dates[i].out ? dates[i].out : "rejected";
        if (strcmp(got, want)) {
            print_message("date '%s': want %s, got %s\n", dates[i].in, want, got);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void date_never_reads_past_length(void **state)
{
    (void)state;
    int64_t t;
    /* Only the first 10 bytes count: a date, not the time after it. */
    const char *s = "2015-03-16T10:30:00Z";
    assert_int_equal(sn_time_parse(s, 10, &t), 0);
    char buf[32];
    sn_time_format(t, buf);
    assert_string_equal(buf, "2015-03-16T00:00:00Z");
    assert_int_equal(sn_time_parse(s, 7, &t), -1);
    assert_int_equal(sn_time_parse(NULL, 0, &t), -1);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char *buf;
    free(buf);
    buf = malloc(1 << 20);
    assert_non_null(buf);
    *n = fread(buf, 1, (1 << 20) - 1, f);
    buf[*n] = '\0';
    fclose(f);
    return buf;
}

static sn_feed *parse_fixture(const char *name, const char *url, const char *charset, sn_rc want)
{
    char path[256];
    snprintf(path, sizeof path, "tests/fixtures/feeds/%s", name);
    size_t n;
    char *buf = slurp(path, &n);
    sn_feed *f = NULL;
    sn_error err;
    sn_rc rc = sn_feed_parse(buf, n, url, charset, &f, &err);
    if (rc != want)
        print_message("%s: rc %d (%s)\n", name, rc, err.msg);
    assert_int_equal(rc, want);
    return f;
}

static void time_is(int64_t t, const char *want)
{
    char buf[32];
    sn_time_format(t, buf);
    assert_string_equal(buf, want);
}

static void rss2_feed(void **state)
{
    (void)state;
    sn_feed *f = parse_fixture("rss2.xml", "https://caucasus-monitor.example/feed/", NULL, SN_OK);
    assert_int_equal(f->kind, SN_FEED_RSS2);
    assert_string_equal(f->title, "Caucasus Monitor — World");
    assert_string_equal(f->lang, "en-gb");
    assert_int_equal(f->n_items, 4);
    sn_feed_item *a = &f->items[0];
    assert_string_equal(a->title, "Talks on Abkhazia resume in Geneva");
    assert_string_equal(a->id, "cm-20150316-001");
    assert_string_equal(a->link, "https://caucasus-monitor.example/2015/03/16/geneva-talks/");
    assert_string_equal(a->summary, "<p>Delegations met again on Monday.</p>");
    assert_string_equal(a->content, "<p>Delegations from Tbilisi and Sukhumi met again in Geneva on Monday.</p>");
    assert_string_equal(a->author, "Nino Beridze"); /* dc:creator under another prefix */
    assert_string_equal(a->category, "Diplomacy");
    assert_string_equal(a->media_url, "https://caucasus-monitor.example/img/geneva.jpg");
    assert_string_equal(a->media_type, "image/jpeg");
    time_is(a->published, "2015-03-16T07:30:00Z");
    sn_feed_item *b = &f->items[1];
    assert_string_equal(b->link, "https://caucasus-monitor.example/2015/03/17/border-markers/?utm_source=rss");
    assert_string_equal(b->enclosure_url, "https://caucasus-monitor.example/2015/audio/khurvaleti.mp3");
    assert_string_equal(b->enclosure_type, "audio/mpeg");
    assert_int_equal(b->enclosure_length, 1048576);
    assert_null(b->media_url); /* audio is not an image */
    time_is(b->published, "2015-03-17T08:00:00Z");
    sn_feed_item *c = &f->items[2];
    assert_string_equal(c->link, "https://caucasus-monitor.example/2015/03/18/permalink/");
    time_is(c->published, "2015-03-18T09:05:00Z");
    assert_true(f->items[3].published == SN_TIME_NONE);
    assert_int_equal(f->bad_dates, 1);
    assert_string_equal(f->warning, "");
    sn_feed_free(f);
}

static void rdf_feed(void **state)
{
    (void)state;
    sn_feed *f = parse_fixture("rdf.xml", NULL, NULL, SN_OK);
    assert_int_equal(f->kind, SN_FEED_RDF);
    assert_string_equal(f->title, "Kyiv Ledger");
    assert_string_equal(f->lang, "uk");
    assert_int_equal(f->n_items, 2);
    assert_string_equal(f->items[0].id, "https://kyiv-ledger.example/news/1");
    assert_string_equal(f->items[0].title, "Ceasefire monitors report shelling near Shyrokyne");
    assert_string_equal(f->items[0].content, "<p>OSCE monitors recorded explosions overnight.</p>");
    assert_string_equal(f->items[0].author, "Olena Kovalenko");
    assert_string_equal(f->items[0].category, "Conflict");
    time_is(f->items[0].published, "2015-03-16T21:15:00Z");
    time_is(f->items[1].published, "2015-03-17T00:00:00Z");
    sn_feed_free(f);
}

static void atom_feed(void **state)
{
    (void)state;
    sn_feed *f = parse_fixture("atom.xml", "https://elsewhere.example/atom", NULL, SN_OK);
    assert_int_equal(f->kind, SN_FEED_ATOM);
    assert_string_equal(f->lang, "ar");
    assert_string_equal(f->link, "https://levant-wire.example/ar/");
    assert_int_equal(f->n_items, 2);
    sn_feed_item *a = &f->items[0];
    assert_string_equal(a->link, "https://levant-wire.example/news/2015/yarmouk-convoy");
    assert_string_equal(a->enclosure_url, "https://levant-wire.example/img/convoy.png");
    assert_string_equal(a->media_url, "https://levant-wire.example/img/convoy.png");
    assert_int_equal(a->enclosure_length, 2048);
    assert_string_equal(a->author, "Rania Haddad");
    assert_string_equal(a->category, "humanitarian");
    assert_non_null(strstr(a->content, "<b>Monday</b>")); /* xhtml keeps its markup */
    time_is(a->published, "2015-03-16T07:00:00Z");
    time_is(a->updated, "2015-03-16T09:00:00Z");
    sn_feed_item *b = &f->items[1];
    assert_string_equal(b->link, "https://levant-wire.example/en/story-2");
    time_is(b->published, "2015-03-17T10:00:00Z"); /* updated stands in */
    assert_string_equal(b->content, "<p>Text.</p>");
    sn_feed_free(f);
}

static void charsets(void **state)
{
    (void)state;
    sn_feed *f = parse_fixture("cp1251.xml", NULL, NULL, SN_OK);
    assert_string_equal(f->items[0].title, "Переговоры в Женеве возобновились");
    time_is(f->items[0].published, "2015-03-16T07:00:00Z");
    sn_feed_free(f);
    /* Undeclared windows-1251 with the HTTP charset. */
    f = parse_fixture("cp1251-undeclared.xml", NULL, "windows-1251", SN_OK);
    assert_string_equal(f->title, "Новости Кавказа");
    sn_feed_free(f);
    /* Undeclared, no HTTP charset, not UTF-8: read as windows-1252. */
    f = parse_fixture("latin1-undeclared.xml", NULL, NULL, SN_OK);
    assert_string_equal(f->items[0].title, "Accord de paix signé à Alger, Bamako réagit");
    sn_feed_free(f);
    f = parse_fixture("latin1-declared.xml", NULL, "utf-8", SN_OK); /* declaration wins */
    assert_string_equal(f->items[0].title, "Accord de paix signé à Alger, Bamako réagit");
    sn_feed_free(f);
    f = parse_fixture("latin1-says-utf8.xml", NULL, NULL, SN_OK);
    assert_string_equal(f->items[0].title, "Accord de paix signé à Alger, Bamako réagit");
    assert_non_null(strstr(f->warning, "declared UTF-8"));
    sn_feed_free(f);
    /* An unknown HTTP charset name falls back instead of failing. */
    f = parse_fixture("latin1-undeclared.xml", NULL, "x-no-such-charset", SN_OK);
    assert_string_equal(f->items[0].title, "Accord de paix signé à Alger, Bamako réagit");
    sn_feed_free(f);
}

static void malformed(void **state)
{
    (void)state;
    size_t n;
    char *buf = slurp("tests/fixtures/feeds/malformed.xml", &n);
    sn_feed *f;
    sn_error err;
    sn_rc rc = sn_feed_parse(buf, n, NULL, NULL, &f, &err);
    /* Recovery reads the first item; the warning says where it broke. */
    assert_int_equal(rc, SN_OK);
    assert_int_equal(f->n_items >= 1, 1);
    assert_string_equal(f->items[0].title, "First");
    assert_non_null(strstr(f->warning, "malformed XML at line 4"));
    sn_feed_free(f);
    f = parse_fixture("recoverable.xml", NULL, NULL, SN_OK);
    assert_non_null(strstr(f->warning, "malformed XML"));
    assert_int_equal(f->n_items, 1);
    sn_feed_free(f);
    /* Not XML at all. */
    rc = sn_feed_parse("this is not xml", 15, NULL, NULL, &f, &err);
    assert_int_equal(rc, SN_ERR_INVALID);
    assert_non_null(strstr(err.msg, "malformed XML"));
    assert_null(f);
    rc = sn_feed_parse("", 0, NULL, NULL, &f, &err);
    assert_int_equal(rc, SN_ERR_EMPTY);
    f = parse_fixture("notfeed.xml", NULL, NULL, SN_ERR_UNSUPPORTED);
    assert_null(f);
}

static void entity_bombs_refused(void **state)
{
    (void)state;
    size_t n;
    char *buf = slurp("tests/fixtures/feeds/bomb.xml", &n);
    sn_feed *f;
    sn_error err;
    assert_int_equal(sn_feed_parse(buf, n, NULL, NULL, &f, &err), SN_ERR_INVALID);
    assert_non_null(strstr(err.msg, "entity"));
    buf = slurp("tests/fixtures/feeds/xxe.xml", &n);
    assert_int_equal(sn_feed_parse(buf, n, NULL, NULL, &f, &err), SN_ERR_INVALID);
    assert_non_null(strstr(err.msg, "entity"));
    /* A quadratic blow-up hidden after a comment is still found. */
    char *big = repeat("&x;", 100000);
    char *doc = malloc(strlen(big) + 400);
    sprintf(doc, "<?xml version=\"1.0\"?><!-- c --><!DOCTYPE r [<!ENTITY x \"%0100d\">]><rss><channel>"
                 "<title>%s</title></channel></rss>", 0, big);
    assert_int_equal(sn_feed_parse(doc, strlen(doc), NULL, NULL, &f, &err), SN_ERR_INVALID);
    free(doc);
    free(big);
}

static void hostile_sizes(void **state)
{
    (void)state;
    /* 20,000 items: capped at SN_FEED_MAX_ITEMS, the rest counted. */
    char *items = repeat("<item><title>t</title><link>https://x.example/a</link></item>", 20000);
    char *doc = malloc(strlen(items) + 100);
    sprintf(doc, "<rss><channel>%s</channel></rss>", items);
    sn_feed *f;
    sn_error err;
    assert_int_equal(sn_feed_parse(doc, strlen(doc), NULL, NULL, &f, &err), SN_OK);
    assert_int_equal(f->n_items, SN_FEED_MAX_ITEMS);
    assert_int_equal(f->dropped_items, 10000);
    sn_feed_free(f);
    free(doc);
    free(items);
    /* A 3 MB title is cut to the field cap on a UTF-8 boundary. */
    char *title = repeat("é", 1500000);
    doc = malloc(strlen(title) + 100);
    sprintf(doc, "<rss><channel><item><title>%s</title></item></channel></rss>", title);
    assert_int_equal(sn_feed_parse(doc, strlen(doc), NULL, NULL, &f, &err), SN_OK);
    assert_int_equal(strlen(f->items[0].title), SN_FEED_MAX_FIELD);
    sn_feed_free(f);
    free(doc);
    free(title);
    /* Deep nesting does not crash. */
    char *open = repeat("<a>", 100000);
    doc = malloc(strlen(open) + 100);
    sprintf(doc, "<rss><channel>%s", open);
    sn_rc rc = sn_feed_parse(doc, strlen(doc), NULL, NULL, &f, &err);
    if (!rc)
        sn_feed_free(f);
    free(doc);
    free(open);
}

static void opml_read_write(void **state)
{
    (void)state;
    const char *doc =
        "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>Mine</title></head><body>\n"
        "<outline text=\"Caucasus\">\n"
        "  <outline type=\"rss\" text=\"Civil\" xmlUrl=\"https://civil.example/feed\"/>\n"
        "  <outline type=\"rss\" text=\"No URL\"/>\n"
        "  <outline type=\"rss\" text=\"Bad\" xmlUrl=\"ftp://bad.example/feed\"/>\n"
        "  <outline text=\"Sub\"><outline type=\"rss\" text=\"Deep\" xmlUrl=\"http://deep.example/rss\"/></outline>\n"
        "</outline>\n"
        "<outline type=\"rss\" text=\"Own cat &amp; co\" category=\"/Wires,Other\" xmlUrl=\"https://wire.example/rss?a=1&amp;b=2\"/>\n"
        "<outline type=\"rss\" text=\"Loose\" xmlUrl=\"https://loose.example/atom\"/>\n"
        "</body></opml>\n";
    sn_opml *o;
    sn_error err;
    assert_int_equal(sn_opml_parse(doc, strlen(doc), &o, &err), SN_OK);
    assert_string_equal(o->title, "Mine");
    assert_int_equal(o->n_entries, 4);
    assert_string_equal(o->entries[0].url, "https://civil.example/feed");
    assert_string_equal(o->entries[0].category, "Caucasus");
    assert_string_equal(o->entries[1].category, "Sub");
    assert_string_equal(o->entries[2].category, "Wires");
    assert_string_equal(o->entries[2].url, "https://wire.example/rss?a=1&b=2");
    assert_string_equal(o->entries[2].title, "Own cat & co");
    assert_null(o->entries[3].category);
    assert_int_equal(o->n_problems, 2);
    assert_int_equal(o->problems[0].line, 5);
    assert_non_null(strstr(o->problems[0].msg, "no xmlUrl"));
    assert_int_equal(o->problems[1].line, 6);
    assert_non_null(strstr(o->problems[1].msg, "ftp://bad.example/feed"));

    sn_opml_free(o);
    assert_int_equal(sn_opml_parse("<html/>", 7, &o, &err), SN_ERR_INVALID);
    assert_non_null(strstr(err.msg, "not OPML"));
    assert_int_equal(sn_opml_parse("<opml><body><outline", 20, &o, &err), SN_ERR_INVALID);
}

typedef struct sink {
    char buf[8192];
    size_t n;
} sink;

static int sink_write(void *ctx, const char *p, size_t n)
{
    sink *s = ctx;
    if (s->n + n >= sizeof s->buf)
        return -1;
    memcpy(s->buf + s->n, p, n);
    s->n += n;
    s->buf[s->n] = '\0';
    return 0;
}

static void opml_round_trip(void **state)
{
    (void)state;
    sn_opml_entry in[] = {
        {"https://a.example/rss", "A & B", "World", NULL, "en", 0},
        {"https://b.example/rss", "B", "Caucasus", "https://b.example/", NULL, 0},
        {"https://c.example/rss?x=1&y='2'", "C", "World", NULL, NULL, 0},
        {"https://d.example/rss", NULL, NULL, NULL, NULL, 0},
    };
    sink s = {{0}, 0};
    assert_int_equal(sn_opml_write("Test", in, 4, sink_write, &s), SN_OK);
    sn_opml *o;
    sn_error err;
    assert_int_equal(sn_opml_parse(s.buf, s.n, &o, &err), SN_OK);
    assert_int_equal(o->n_entries, 4);
    assert_int_equal(o->n_problems, 0);
    /* Uncategorised first, then World (both), then Caucasus. */
    assert_string_equal(o->entries[0].url, "https://d.example/rss");
    assert_null(o->entries[0].category);
    assert_string_equal(o->entries[1].title, "A & B");
    assert_string_equal(o->entries[1].category, "World");
    assert_string_equal(o->entries[1].lang, "en");
    assert_string_equal(o->entries[2].url, "https://c.example/rss?x=1&y='2'");
    assert_string_equal(o->entries[2].category, "World");
    assert_string_equal(o->entries[3].category, "Caucasus");
    assert_string_equal(o->entries[3].html_url, "https://b.example/");
    sn_opml_free(o);
}

static void url_shapes(void **state)
{
    (void)state;
    const char *good[] = {"https://www.bbc.co.uk/news/world/rss.xml", "http://feeds.reuters.example/x",
                          "https://a.example:8443/f?x=1#y", "http://127.0.0.1:8080/feed", "http://[::1]:80/",
                          "http://localhost:9/", "HTTPS://Example.COM"};
    const char *bad[] = {"ftp://a.example/", "https://", "https://bad host.example/", "https://a..b/",
                         "https://a.example:0/", "https://a.example:99999/", "https://-a.example/",
                         "https://intranet/", "javascript:alert(1)", "https://a.example/\x01", "//a.example/",
                         "https://a.example./", "https://[]/"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!sn_url_is_http(good[i]))
            fail_msg("should be a URL: %s", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (sn_url_is_http(bad[i]))
            fail_msg("should not be a URL: %s", bad[i]);
}

/* data/feeds/default.opml: about 60 feeds, every URL of the right shape,
 * no duplicates, every feed with a title, a category and a language, the
 * regions and wires the project promises, several languages. */
static void default_opml(void **state)
{
    (void)state;
    size_t n;
    char *buf = slurp("data/feeds/default.opml", &n);
    sn_opml *o;
    sn_error err;
    assert_int_equal(sn_opml_parse(buf, n, &o, &err), SN_OK);
    assert_int_equal(o->n_problems, 0);
    assert_true(o->n_entries >= 55 && o->n_entries <= 80);
    const char *need[] = {"Wires", "World", "Caucasus", "Ukraine and Russia", "Middle East", "Africa"};
    for (size_t k = 0; k < sizeof need / sizeof *need; k++) {
        size_t in = 0;
        for (size_t i = 0; i < o->n_entries; i++)
            in += o->entries[i].category && !strcmp(o->entries[i].category, need[k]);
        if (in < 4)
            fail_msg("category %s has %zu feeds", need[k], in);
    }
    char langs[16][8];
    size_t nl = 0;
    for (size_t i = 0; i < o->n_entries; i++) {
        sn_opml_entry *e = &o->entries[i];
        if (!sn_url_is_http(e->url) || !e->title || !e->category || !e->lang || !sn_url_is_http(e->html_url))
            fail_msg("entry at line %u is incomplete or malformed: %s", e->line, e->url);
        if (strchr(e->url, ' ') || strstr(e->url, "example"))
            fail_msg("line %u: %s", e->line, e->url);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(o->entries[j].url, e->url))
                fail_msg("duplicate feed %s", e->url);
        size_t k = 0;
        while (k < nl && strcmp(langs[k], e->lang))
            k++;
        if (k == nl && nl < 16)
            snprintf(langs[nl++], sizeof langs[0], "%s", e->lang);
    }
    assert_true(nl >= 5);
    sn_opml_free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(date_table),
        cmocka_unit_test(date_never_reads_past_length),
        cmocka_unit_test(rss2_feed),
        cmocka_unit_test(rdf_feed),
        cmocka_unit_test(atom_feed),
        cmocka_unit_test(charsets),
        cmocka_unit_test(malformed),
        cmocka_unit_test(entity_bombs_refused),
        cmocka_unit_test(hostile_sizes),
        cmocka_unit_test(opml_read_write),
        cmocka_unit_test(opml_round_trip),
        cmocka_unit_test(url_shapes),
        cmocka_unit_test(default_opml),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
