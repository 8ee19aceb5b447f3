/*
 * tests/unit/test_extract.c — HTML article extraction (sentinel/extract.h):
 * every page fixture tests/fixtures/html/NN-*.html against its NN-*.json
 * (url, title, byline, site_name, lang, canonical_url, published,
 * published_from, the exact text, captions; "text": null for pages with
 * no article), one cmocka case per fixture; the South Ossetia article
 * from ../shared inside a blog layout built here at test time (skipped
 * when absent); hostile pages (empty, binary, huge nesting, a 20 MB
 * paragraph). Run from the project root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include "sentinel/extract.h"
#include "sentinel/feed.h"
#include "support.h"

#define FIXTURES "tests/fixtures/html/"

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    *n = fread(buf, 1, (size_t)len, f);
    buf[*n] = '\0';
    fclose(f);
    return buf;
}

static int check_str(const char *name, const char *field, const cJSON *want, const char *got)
{
    if (!want)
        return 0; /* not asserted by this fixture */
    if (cJSON_IsNull(want) ? got == NULL : (got && cJSON_IsString(want) && !strcmp(want->valuestring, got)))
        return 0;
    print_message("%s: %s: want %s\n                got  %s\n", name, field,
                  cJSON_IsString(want) ? want->valuestring : "null", got ? got : "null");
    return 1;
}

static void fixture(void **state)
{
    const char *name = *state;
    char path[512];
    size_t n, jn;
    snprintf(path, sizeof path, FIXTURES "%s.json", name);
    char *json = slurp(path, &jn);
    assert_non_null(json);
    cJSON *want = cJSON_Parse(json);
    assert_non_null(want);
    snprintf(path, sizeof path, FIXTURES "%s.html", name);
    char *html = slurp(path, &n);
    assert_non_null(html);
    const cJSON *url = cJSON_GetObjectItem(want, "url");
    sn_extracted *x;
    sn_error err;
    assert_int_equal(sn_extract_html(html, n, cJSON_IsString(url) ? url->valuestring : NULL, NULL, &x, &err), SN_OK);
    char published[32] = "";
    if (x->published != SN_TIME_NONE)
        sn_time_format(x->published, published);
    int bad = 0;
    bad += check_str(name, "title", cJSON_GetObjectItem(want, "title"), x->title);
    bad += check_str(name, "byline", cJSON_GetObjectItem(want, "byline"), x->byline);
    bad += check_str(name, "site_name", cJSON_GetObjectItem(want, "site_name"), x->site_name);
    bad += check_str(name, "lang", cJSON_GetObjectItem(want, "lang"), x->lang);
    bad += check_str(name, "canonical_url", cJSON_GetObjectItem(want, "canonical_url"), x->canonical_url);
    bad += check_str(name, "published", cJSON_GetObjectItem(want, "published"), published[0] ? published : NULL);
    bad += check_str(name, "published_from", cJSON_GetObjectItem(want, "published_from"), x->published_from);
    bad += check_str(name, "text", cJSON_GetObjectItem(want, "text"), x->text);
    bad += check_str(name, "captions", cJSON_GetObjectItem(want, "captions"), x->captions);
    if (x->text)
        assert_int_equal(strlen(x->text), x->text_len);
    sn_extracted_free(x);
    cJSON_Delete(want);
    free(json);
    free(html);
    assert_int_equal(bad, 0);
}

/* Line i of text (without its newline) in [*b, *e); the number of lines. */
typedef struct line {
    const char *p;
    size_t n;
} line;

static size_t split_lines(const char *text, line *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = text; *p && k < cap;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
            len--;
        if (len && strspn(p, " \t") < len)
            out[k++] = (line){p, len};
        p += (e ? (size_t)(e - p) + 1 : strlen(p));
    }
    return k;
}

/* The first 50 bytes of a line with blanks and U+00A0 collapsed to one space,
 * as extraction writes them. */
static void norm_prefix(line l, char *out)
{
    size_t k = 0, i = 0;
    int space = 0;
    while (i < l.n && k < 50) {
        unsigned char c = (unsigned char)l.p[i];
        if (c == ' ' || c == '\t' || (c == 0xC2 && i + 1 < l.n && (unsigned char)l.p[i + 1] == 0xA0)) {
            i += c == 0xC2 ? 2 : 1;
            space = 1;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = 0;
        out[k++] = (char)c;
        i++;
    }
    out[k] = '\0';
}

static void html_add(char **page, size_t *n, size_t cap, const char *s, size_t len)
{
    for (size_t i = 0; i < len && *n + 8 < cap; i++) {
        const char *esc = s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : s[i] == '&' ? "&amp;" : NULL;
        if (esc) {
            memcpy(*page + *n, esc, strlen(esc));
            *n += strlen(esc);
        } else {
            (*page)[(*n)++] = s[i];
        }
    }
}

/* The ../shared sample inside a blog layout written here at test time (its
 * text is never stored in the project). The sample is a blog post: a title
 * line, the story, an image caption written twice, then the site's lines:
 * a follow-me line, a comments heading, a reuse line, a copyright line, the
 * author's name and a bio. All of them are put in the post body as plain
 * paragraphs, the hardest case; the author's name line also goes in the
 * "Posted by" line, as a blog would show it. The story must be kept whole
 * and in order, the caption kept apart, and everything from the follow-me
 * line on dropped. */
static void south_ossetia_blog(void **state)
{
    (void)state;
    char *sample = read_sample();
    if (!sample) {
        print_message("skipped: ../shared/samples/south-ossetia-2015.txt is absent\n");
        skip();
    }
    line l[256];
    size_t nl = split_lines(sample, l, 256), follow = 0, caption = 0;
    for (size_t i = 1; i < nl; i++) {
        if (!follow && memmem(l[i].p, l[i].n, "follow me", 9))
            follow = i;
        if (!caption && l[i].n == l[i - 1].n && !memcmp(l[i].p, l[i - 1].p, l[i].n))
            caption = i - 1;
    }
    assert_true(follow > 3 && follow + 3 < nl); /* the sample's shape */
    size_t name = nl - 2, cap = strlen(sample) * 2 + 8192, n = 0;
    char *page = malloc(cap);
    assert_non_null(page);
#define ADD(s) (memcpy(page + n, s, strlen(s)), n += strlen(s))
    ADD("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    html_add(&page, &n, cap, l[0].p, l[0].n);
    ADD(" | Conflict Observer</title></head><body class=\"single has-sidebar\"><header><nav><a href=\"/\">Home</a>"
        "<a href=\"/about\">About</a></nav></header><div class=\"wrap\"><article class=\"post\"><h1 class=\"entry-title\">");
    html_add(&page, &n, cap, l[0].p, l[0].n);
    ADD("</h1><div class=\"entry-meta\">Posted on <time class=\"entry-date published\" datetime=\"2015-03-16T09:00:00Z\">"
        "March 16, 2015</time> by <span class=\"author\">");
    html_add(&page, &n, cap, l[name].p, l[name].n);
    ADD("</span></div><div class=\"entry-content\">\n");
    for (size_t i = 1; i < nl; i++) {
        if (caption && i == caption) {
            ADD("<figure class=\"wp-caption\"><img src=\"tanks.jpg\"><figcaption class=\"wp-caption-text\">");
            html_add(&page, &n, cap, l[i].p, l[i].n);
            ADD("</figcaption></figure>\n");
            i++; /* the repeated line is the caption's alt text */
            continue;
        }
        ADD("<p>");
        html_add(&page, &n, cap, l[i].p, l[i].n);
        ADD("</p>\n");
    }
    ADD("<div class=\"sharedaddy\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div></div>"
        "<div id=\"comments\"><div class=\"comment\"><p>Great analysis, but you forget that the treaty was drafted "
        "in Moscow without any consultation with the people who live there.</p></div><h3>Leave a comment</h3></div>"
        "</article><aside class=\"sidebar\"><p>Follow me on Twitter</p></aside></div>"
        "<footer><p>Copyright 2015. All rights reserved.</p></footer></body></html>");
#undef ADD
    sn_extracted *x;
    sn_error err;
    assert_int_equal(sn_extract_html(page, n, "https://conflict-observer.example/2015/03/16/treaty/", NULL, &x, &err),
                     SN_OK);
    assert_non_null(x->text);
    char want[64];
    norm_prefix(l[0], want);
    assert_non_null(x->title);
    assert_memory_equal(x->title, want, strlen(want));
    /* The story: every line in order. */
    const char *at = x->text;
    int lost = 0;
    for (size_t i = 1; i < follow; i++) {
        if (caption && (i == caption || i == caption + 1))
            continue;
        norm_prefix(l[i], want);
        const char *hit = strstr(at, want);
        if (!hit) {
            print_message("story line %zu lost: %s\n", i + 1, want);
            lost++;
        } else {
            at = hit;
        }
    }
    assert_int_equal(lost, 0);
    /* The site's lines: none of them. */
    for (size_t i = follow; i < nl; i++) {
        norm_prefix(l[i], want);
        want[30] = '\0';
        if (strstr(x->text, want)) {
            print_message("furniture line %zu kept: %s\n", i + 1, want);
            lost++;
        }
    }
    assert_int_equal(lost, 0);
    assert_null(strstr(x->text, "Great analysis"));
    assert_null(strstr(x->text, "Share on"));
    if (caption) {
        norm_prefix(l[caption], want);
        assert_non_null(x->captions);
        assert_non_null(strstr(x->captions, want));
        assert_null(strstr(x->text, want));
    }
    assert_non_null(x->byline);
    assert_true(l[nl - 1].n > strlen(x->byline) && !memcmp(l[nl - 1].p, x->byline, strlen(x->byline)));
    char buf[32];
    sn_time_format(x->published, buf);
    assert_string_equal(buf, "2015-03-16T09:00:00Z");
    sn_extracted_free(x);
    free(page);
}

static void hostile_pages(void **state)
{
    (void)state;
    sn_extracted *x;
    sn_error err;
    assert_int_equal(sn_extract_html("", 0, NULL, NULL, &x, &err), SN_ERR_EMPTY);
    /* Binary junk is read as (bad) HTML and has no article. */
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 131 + 7);
    assert_int_equal(sn_extract_html(junk, sizeof junk, NULL, NULL, &x, &err), SN_OK);
    assert_null(x->text);
    sn_extracted_free(x);
    /* 100,000 nested divs: no crash, no stack overflow. */
    char *deep = repeat("<div>", 100000);
    assert_int_equal(sn_extract_html(deep, strlen(deep), NULL, NULL, &x, &err), SN_OK);
    sn_extracted_free(x);
    free(deep);
    /* A 20 MB paragraph: the text is capped. */
    char *words = repeat("Troops moved, again and again. ", 700000);
    char *page = malloc(strlen(words) + 64);
    sprintf(page, "<html><body><article><p>%s</p></article></body></html>", words);
    assert_int_equal(sn_extract_html(page, strlen(page), NULL, NULL, &x, &err), SN_OK);
    assert_true(x->text == NULL || x->text_len <= SN_EXTRACT_MAX_TEXT);
    sn_extracted_free(x);
    free(page);
    free(words);
    /* Broken JSON-LD and a junk date do not fail the page. */
    const char *p = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",</script>"
                    "<meta property=\"article:published_time\" content=\"soon\"></head><body><article>"
                    "<p>Officials said on Monday that the talks, which began last year, would resume in Geneva "
                    "after a pause of three months, and that all delegations had confirmed.</p></article></body></html>";
    assert_int_equal(sn_extract_html(p, strlen(p), NULL, NULL, &x, &err), SN_OK);
    assert_non_null(x->text);
    assert_true(x->published == SN_TIME_NONE);
    sn_extracted_free(x);
}

static int is_fixture(const char *f)
{
    size_t l = strlen(f);
    return l > 5 && f[0] >= '0' && f[0] <= '9' && !strcmp(f + l - 5, ".html");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    DIR *d = opendir(FIXTURES);
    if (!d) {
        fprintf(stderr, "test_extract: cannot open %s (run from the project root)\n", FIXTURES);
        return 1;
    }
    char *names[256];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) && nn < 256)
        if (is_fixture(de->d_name))
            names[nn++] = strndup(de->d_name, strlen(de->d_name) - 5);
    closedir(d);
    qsort(names, nn, sizeof *names, by_name);
    struct CMUnitTest *tests = calloc(nn + 2, sizeof *tests);
    for (size_t i = 0; i < nn; i++) {
        tests[i].name = names[i];
        tests[i].test_func = fixture;
        tests[i].initial_state = names[i];
    }
    tests[nn] = (struct CMUnitTest)cmocka_unit_test(south_ossetia_blog);
    tests[nn + 1] = (struct CMUnitTest)cmocka_unit_test(hostile_pages);
    int rc = _cmocka_run_group_tests("extract", tests, nn + 2, NULL, NULL);
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(tests);
    return rc;
}
