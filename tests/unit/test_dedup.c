/*
 * tests/unit/test_dedup.c — duplicate articles (sentinel/dedup.h): the
 * canonical URL table (tracking parameters, AMP variants, trailing slashes,
 * hosts and ports), content hashes that ignore markup-level differences,
 * MinHash similarities between a story and its syndicated copy and between
 * different stories (the page fixtures' texts), and the index's verdicts
 * and cap. Run from the project root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include "sentinel/dedup.h"
#include "sentinel/extract.h"
#include "support.h"

static const struct {
    const char *in, *out;
} urls[] = {
    {"https://www.Example.COM/world/story/", "https://example.com/world/story"},
    {"https://example.com/world/story?utm_source=rss&utm_medium=feed", "https://example.com/world/story"},
    {"https://example.com/a?id=7&fbclid=IwAR0xyz&gclid=1", "https://example.com/a?id=7"},
    {"https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"},
    {"https://example.com/a?a=1&b=2#comments", "https://example.com/a?a=1&b=2"},
    {"https://example.com/2015/03/16/story/amp/", "https://example.com/2015/03/16/story"},
    {"https://example.com/amp/2015/story.html", "https://example.com/2015/story.html"},
    {"https://example.com/news/story.amp.html", "https://example.com/news/story.html"},
    {"https://example.com/news/story.amp", "https://example.com/news/story"},
    {"https://amp.example.com/news/story", "https://example.com/news/story"},
    {"https://m.example.com/news/story", "https://example.com/news/story"},
    {"https://example.com/story?outputType=amp", "https://example.com/story"},
    {"https://example.com/story?outputType=print", "https://example.com/story?outputType=print"},
    {"https://example.com/story?amp=1", "https://example.com/story"},
    {"https://example.com/story?CMP=share_btn_tw", "https://example.com/story"},
    {"https://example.com/world/index.html", "https://example.com/world"},
    {"https://example.com", "https://example.com/"},
    {"https://example.com/", "https://example.com/"},
    {"https://example.com:443/a", "https://example.com/a"},
    {"http://example.com:80/a", "http://example.com/a"},
    {"http://example.com:8080/a", "http://example.com:8080/a"},
    {"https://user:pw@example.com/a", NULL}, /* credentials: not a feed or article URL */
    {"https://example.com/Story/CASE", "https://example.com/Story/CASE"},
    {"https://example.com/a%20b?q=%C3%A9", "https://example.com/a%20b?q=%C3%A9"},
    {"https://example.com/a?ns_mchannel=social&ns_source=twitter&page=2", "https://example.com/a?page=2"},
    {"https://www.m.example.com/a", "https://m.example.com/a"},
    {"https://m.com/a", "https://m.com/a"},
    {"ftp://example.com/a", NULL},
    {"not a url", NULL},
};

static void canonical_urls(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        char *got = sn_url_canonical(urls[i].in);
        if (urls[i].out ? !got || strcmp(got, urls[i].out) : got != NULL) {
            print_message("url %s: want %s, got %s\n", urls[i].in, urls[i].out ? urls[i].out : "NULL",
                          got ? got : "NULL");
            bad++;
        }
        free(got);
    }
    assert_int_equal(bad, 0);
}

static const char *story =
    "Gunmen stormed a hotel near the presidential palace in Mogadishu on Friday after a car bomb exploded at "
    "its gate, police said. A police officer at the scene said at least six people had been killed, including "
    "two guards, and that security forces were clearing the building floor by floor. The Islamist group said in "
    "a radio broadcast that its fighters had carried out the attack. Witnesses described heavy gunfire for more "
    "than an hour after the blast, and ambulances were seen leaving the area.";

static void content_hash_ignores_form(void **state)
{
    (void)state;
    const char *a = "Talks resume in Geneva. Delegations met on Monday!";
    const char *b = "  talks   RESUME in Geneva -- delegations met on monday  ";
    const char *c = "Talks resume in Geneva. Delegations met on Tuesday!";
    assert_true(sn_content_hash(a, strlen(a)) == sn_content_hash(b, strlen(b)));
    assert_true(sn_content_hash(a, strlen(a)) != sn_content_hash(c, strlen(c)));
    /* Curly quotes, dashes and no-break spaces are not words. */
    const char *d = "The \xE2\x80\x9Cintegration\xE2\x80\x9D treaty\xC2\xA0\xE2\x80\x94 signed";
    const char *e = "the integration treaty signed";
    assert_true(sn_content_hash(d, strlen(d)) == sn_content_hash(e, strlen(e)));
}

static double similarity(const char *a, const char *b)
{
    uint16_t x[SN_MINHASH_K], y[SN_MINHASH_K];
    assert_int_equal(sn_minhash(a, strlen(a), x), 1);
    assert_int_equal(sn_minhash(b, strlen(b), y), 1);
    return sn_minhash_similarity(x, y);
}

static void minhash_syndicated_copy(void **state)
{
    (void)state;
    /* The wire copy: a dateline and credit added, one word changed. */
    char copy[2048];
    snprintf(copy, sizeof copy, "MOGADISHU (Sentinel Wire) - %s", story);
    double dateline = similarity(story, copy);
    char *w = strstr(copy, "Witnesses described");
    memcpy(w, "Residents described", 19);
    double changed = similarity(story, copy);
    /* The copy with its last sentence cut, as sites trim wire stories. */
    char cut[2048];
    snprintf(cut, sizeof cut, "%s", story);
    *strstr(cut, " Witnesses described") = '\0';
    double trimmed = similarity(story, cut);
    print_message("minhash similarity: dateline %.2f, one word changed %.2f, last sentence cut %.2f\n", dateline,
                  changed, trimmed);
    assert_true(dateline >= SN_NEAR_JACCARD);
    assert_true(changed >= SN_NEAR_JACCARD);
    assert_true(trimmed >= SN_NEAR_JACCARD);
    assert_true(similarity(story, story) == 1.0);
    uint16_t sig[SN_MINHASH_K];
    assert_int_equal(sn_minhash("Talks resume.", 13, sig), 0); /* too short to fingerprint */
}

/* Different stories of the page fixtures are far apart. */
static void minhash_different_stories(void **state)
{
    (void)state;
    DIR *d = opendir("tests/fixtures/html");
    assert_non_null(d);
    static uint16_t sig[64][SN_MINHASH_K];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 64) {
        size_t l = strlen(de->d_name);
        if (l < 6 || strcmp(de->d_name + l - 5, ".html") || de->d_name[0] > '2')
            continue;
        char path[512];
        snprintf(path, sizeof path, "tests/fixtures/html/%s", de->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char buf[1 << 18];
        size_t len = fread(buf, 1, sizeof buf, f);
        fclose(f);
        sn_extracted *x;
        sn_error err;
        assert_int_equal(sn_extract_html(buf, len, NULL, NULL, &x, &err), SN_OK);
        if (x->text && sn_minhash(x->text, x->text_len, sig[n]))
            n++;
        sn_extracted_free(x);
    }
    closedir(d);
    assert_true(n >= 20);
    double max = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (sn_minhash_similarity(sig[i], sig[j]) > max)
                max = sn_minhash_similarity(sig[i], sig[j]);
    print_message("minhash: most similar of %zu different stories: %.2f\n", n, max);
    assert_true(max < SN_NEAR_JACCARD / 2);
}

static void index_verdicts(void **state)
{
    (void)state;
    sn_dedup *d = sn_dedup_new(0);
    assert_non_null(d);
    sn_dup_kind k;
    const char *orig;
    char *u1 = sn_url_canonical("https://www.example.com/2015/03/27/hotel/?utm_source=rss");
    assert_int_equal(sn_dedup_check(d, "a1", u1, story, strlen(story), &k, &orig), SN_OK);
    assert_int_equal(k, SN_DUP_NONE);
    /* The AMP page of the same article. */
    char *u2 = sn_url_canonical("https://amp.example.com/2015/03/27/hotel/amp/");
    assert_int_equal(sn_dedup_check(d, "a2", u2, "other text entirely", 19, &k, &orig), SN_OK);
    assert_int_equal(k, SN_DUP_URL);
    assert_string_equal(orig, "a1");
    /* The same text on another site. */
    assert_int_equal(sn_dedup_check(d, "b1", "https://other.example/x", story, strlen(story), &k, &orig), SN_OK);
    assert_int_equal(k, SN_DUP_EXACT);
    assert_string_equal(orig, "a1");
    /* A syndicated copy with a dateline. */
    char copy[2048];
    snprintf(copy, sizeof copy, "MOGADISHU (Sentinel Wire) - %s", story);
    assert_int_equal(sn_dedup_check(d, "c1", "https://wire.example/y", copy, strlen(copy), &k, &orig), SN_OK);
    assert_int_equal(k, SN_DUP_NEAR);
    assert_string_equal(orig, "a1");
    assert_string_equal(sn_dup_kind_name(k), "near");
    /* A different story is new. */
    const char *other = "Mali's government initialled a peace agreement in Algiers on Sunday, but a coalition of "
                        "mainly Tuareg rebel groups said it needed more time to consult its supporters before "
                        "signing the text that mediators had presented to both sides.";
    assert_int_equal(sn_dedup_check(d, "d1", NULL, other, strlen(other), &k, &orig), SN_OK);
    assert_int_equal(k, SN_DUP_NONE);
    free(u1);
    free(u2);
    sn_dedup_free(d);
}

static void index_cap(void **state)
{
    (void)state;
    sn_dedup *d = sn_dedup_new(100);
    sn_dup_kind k;
    const char *orig;
    char id[32], text[64];
    for (int i = 0; i < 100; i++) {
        snprintf(id, sizeof id, "id%d", i);
        snprintf(text, sizeof text, "article number %d", i);
        assert_int_equal(sn_dedup_check(d, id, NULL, text, strlen(text), &k, &orig), SN_OK);
    }
    assert_int_equal(sn_dedup_check(d, "x", NULL, "one more", 8, &k, &orig), SN_ERR_TOOBIG);
    /* Still answers for what it holds. */
    assert_int_equal(sn_dedup_check(d, "y", NULL, "article number 7", 16, &k, &orig), SN_OK);
    assert_int_equal(k, SN_DUP_EXACT);
    assert_string_equal(orig, "id7");
    sn_dedup_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(canonical_urls),
        cmocka_unit_test(content_hash_ignores_form),
        cmocka_unit_test(minhash_syndicated_copy),
        cmocka_unit_test(minhash_different_stories),
        cmocka_unit_test(index_verdicts),
        cmocka_unit_test(index_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
