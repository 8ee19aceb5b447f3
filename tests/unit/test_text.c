/*
 * tests/unit/test_text.c — unit tests of the text stage through its public
 * API: tokenization and lemma tables, UTF-8 repair and normalization, the
 * caps on hostile input, thread safety, and the canonical South Ossetia
 * article (read from ../shared when present, skipped otherwise).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "support.h"
#include "sentinel/sentinel.h"

static sn_analyzer *an;

static int setup(void **state)
{
    (void)state;
    return sn_analyzer_new(&an, NULL) != SN_OK;
}

static int teardown(void **state)
{
    (void)state;
    sn_analyzer_free(an);
    return 0;
}

static const sn_doc *analyse(const char *text, const char *date)
{
    sn_date d, *dp = NULL;
    if (date) {
        assert_int_equal(sn_date_parse(date, strlen(date), &d), 0);
        dp = &d;
    }
    const sn_doc *doc;
    assert_int_equal(sn_analyze(an, text, strlen(text), dp, &doc), SN_OK);
    return doc;
}

/* The tokens of text, joined by a '|' each. */
static void joined_tokens(const char *text, char *out, size_t cap)
{
    const sn_doc *d = analyse(text, NULL);
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    const char *s = sn_doc_text(d, NULL);
    size_t k = 0;
    out[0] = '\0';
    for (uint32_t i = 0; i < n && k + t[i].len + 2 < cap; i++) {
        if (i)
            out[k++] = '|';
        memcpy(out + k, s + t[i].off, t[i].len);
        k += t[i].len;
        out[k] = '\0';
    }
}

static void tokenization_table(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        {"Georgia's president", "Georgia|'s|president"},
        {"the rebels' base", "the|rebels|'|base"},
        {"They didn't leave.", "They|did|n't|leave|."},
        {"Russia won't sign", "Russia|wo|n't|sign"},
        {"We can't say", "We|ca|n't|say"},
        {"it's over; we're done", "it|'s|over|;|we|'re|done"},
        {"1,000 troops and 3.5 percent", "1,000|troops|and|3.5|percent"},
        {"a 10,000-strong force", "a|10,000-strong|force"},
        {"al-Shabaab and bin Laden", "al-Shabaab|and|bin|Laden"},
        {"the U.S. and Gen. Smith", "the|U.S.|and|Gen.|Smith"},
        {"George W. Bush", "George|W.|Bush"},
        {"see https://example.org/a.b?c=1, then", "see|https://example.org/a.b?c=1|,|then"},
        {"mail press@un.example.org today", "mail|press@un.example.org|today"},
        {"$5 billion, 20%", "$|5|billion|,|20|%"},
        {"O'Brien said", "O'Brien|said"},
        {"Georgia\xE2\x80\x99s army", "Georgia|\xE2\x80\x99s|army"},
        {"the 1990s... then", "the|1990s|...|then"},
        {"\xE2\x80\x9CWe will fight,\xE2\x80\x9D he said", "\xE2\x80\x9C|We|will|fight|,|\xE2\x80\x9D|he|said"},
        {"Aug. 8, 2008", "Aug.|8|,|2008"},
        {"at 10:30 a.m. today", "at|10:30|a.m.|today"},
    };
    char got[1024];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        joined_tokens(cases[i].in, got, sizeof got);
        if (strcmp(got, cases[i].out))
            fail_msg("tokens of '%s': got '%s', want '%s'", cases[i].in, got, cases[i].out);
    }
}

/* The lemma of the token `word` in sentence. */
static const char *lemma_in(const char *sentence, const char *word)
{
    const sn_doc *d = analyse(sentence, NULL);
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    const char *s = sn_doc_text(d, NULL);
    for (uint32_t i = 0; i < n; i++)
        if (t[i].len == strlen(word) && !memcmp(s + t[i].off, word, t[i].len))
            return t[i].lemma;
    return "(missing)";
}

static void lemma_table(void **state)
{
    (void)state;
    static const struct { const char *sentence, *word, *lemma; } cases[] = {
        {"Thousands of civilians fled the city.", "fled", "flee"},
        {"Russia withdrew its troops.", "withdrew", "withdraw"},
        {"The crises deepened last year.", "crises", "crisis"},
        {"The crises deepened last year.", "deepened", "deepen"},
        {"Rebels attacked the convoy.", "attacked", "attack"},
        {"The attacks killed nine soldiers.", "attacks", "attack"},
        {"The attacks killed nine soldiers.", "soldiers", "soldier"},
        {"Officials planned new talks.", "planned", "plan"},
        {"The talks were held in Geneva.", "were", "be"},
        {"The talks were held in Geneva.", "held", "hold"},
        {"The army has been shelling the town.", "shelling", "shell"},
        {"Police arrested dozens of men.", "men", "man"},
        {"The treaty was signed by both leaders.", "signed", "sign"},
        {"They said the fighting stopped.", "said", "say"},
        {"Both sides struck targets overnight.", "struck", "strike"},
        {"He has written to the council.", "written", "write"},
        {"The situation grew worse overnight.", "worse", "bad"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = lemma_in(cases[i].sentence, cases[i].word);
        if (strcmp(got, cases[i].lemma))
            fail_msg("lemma of '%s' in '%s': got '%s', want '%s'", cases[i].word, cases[i].sentence, got,
                     cases[i].lemma);
    }
}

static void invalid_utf8_is_replaced(void **state)
{
    (void)state;
    const char in[] = "Troops \xFF\xFE entered the \xC3 town.";
    const sn_doc *d = analyse(in, NULL);
    size_t len;
    const char *text = sn_doc_text(d, &len);
    assert_int_equal(sn_doc_warnings(d)->invalid_utf8, 3);
    assert_non_null(strstr(text, "\xEF\xBF\xBD\xEF\xBF\xBD entered"));
    assert_int_equal(len, strlen(in) + 3 * 2);
    uint32_t n;
    sn_doc_sentences(d, &n);
    assert_int_equal(n, 1);
}

static void control_chars_become_space(void **state)
{
    (void)state;
    const char in[] = "Talks\x01resumed\x07 today.";
    const sn_doc *d = analyse(in, NULL);
    assert_int_equal(sn_doc_warnings(d)->control_chars, 2);
    uint32_t n;
    sn_doc_tokens(d, &n);
    assert_int_equal(n, 4);
}

static void normalization(void **state)
{
    (void)state;
    const sn_doc *d = analyse("\xEF\xAC\x81ghting in \xEF\xBC\xA7\xEF\xBD\x85orgia\xE2\x80\x99s capital", NULL);
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    assert_int_equal(n, 5);
    assert_string_equal(t[0].norm, "fighting"); /* ligature, NFKC */
    assert_string_equal(t[2].norm, "georgia");  /* full-width letters */
    assert_string_equal(t[3].norm, "'s");       /* curly apostrophe */
    assert_int_equal(t[0].off, 0);
    assert_int_equal(t[0].len, 9);              /* offsets stay in the original bytes */
}

static void empty_input(void **state)
{
    (void)state;
    const sn_doc *d = analyse("", NULL);
    uint32_t n;
    sn_doc_sentences(d, &n);
    assert_int_equal(n, 0);
    d = analyse(" \n\n\t ", NULL);
    sn_doc_tokens(d, &n);
    assert_int_equal(n, 0);
}

static void huge_sentence_is_cut(void **state)
{
    (void)state;
    char *s = repeat("troops ", 100000);
    const sn_doc *d = analyse(s, NULL);
    uint32_t n;
    const sn_sentence *sent = sn_doc_sentences(d, &n);
    assert_int_equal(n, 250);
    for (uint32_t i = 0; i < n; i++)
        assert_true(sent[i].tok_end - sent[i].tok_begin <= 400);
    assert_true(sent[0].flags & SN_SENT_TRUNCATED);
    assert_int_equal(sn_doc_warnings(d)->truncated_sentences, 249);
    free(s);
}

static void long_line_without_punctuation(void **state)
{
    (void)state;
    char *s = repeat("Russian forces shelled the border villages again and ", 100000); /* 5.3 MB */
    const sn_doc *d = analyse(s, "2015-03-16");
    uint32_t n, nt;
    sn_doc_sentences(d, &n);
    sn_doc_tokens(d, &nt);
    assert_int_equal(nt, 800000);
    assert_int_equal(n, 2000);
    free(s);
}

static void caps_are_enforced(void **state)
{
    (void)state;
    sn_text_limits lim = {.max_bytes = 1000, .max_tokens = 50, .max_sentence_tokens = 10};
    sn_analyzer *small;
    assert_int_equal(sn_analyzer_new(&small, &lim), SN_OK);
    char *s = repeat("word ", 100);
    const sn_doc *d;
    assert_int_equal(sn_analyze(small, s, strlen(s), NULL, &d), SN_OK);
    uint32_t n;
    sn_doc_tokens(d, &n);
    assert_int_equal(n, 50);
    assert_int_equal(sn_doc_warnings(d)->token_cap_hit, 1);
    sn_doc_sentences(d, &n);
    assert_int_equal(n, 5);
    free(s);
    s = repeat("x", 2000);
    assert_int_equal(sn_analyze(small, s, strlen(s), NULL, &d), SN_ERR_TOOBIG);
    assert_null(d);
    free(s);
    sn_analyzer_free(small);
}

static void binary_bytes_do_not_crash(void **state)
{
    (void)state;
    unsigned char buf[65536];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
    const sn_doc *d;
    assert_int_equal(sn_analyze(an, (const char *)buf, sizeof buf, NULL, &d), SN_OK);
    assert_true(sn_doc_warnings(d)->invalid_utf8 > 0);
    size_t len;
    const char *text = sn_doc_text(d, &len);
    assert_int_equal(strlen(text), len); /* NULs were replaced */
}

static void many_coordinated_actors(void **state)
{
    (void)state;
    char *s = repeat("Russia, Georgia and Armenia and ", 3000);
    const sn_doc *d = analyse(s, NULL);
    uint32_t n, nc = 0, k;
    sn_doc_sentences(d, &n);
    for (uint32_t i = 0; i < n; i++) {
        sn_doc_chunks(d, i, &k);
        nc += k;
    }
    assert_true(nc >= 9000);
    free(s);
}

typedef struct job {
    const char *text;
    char out[256];
} job;

static void *thread_main(void *arg)
{
    job *j = arg;
    sn_analyzer *a;
    if (sn_analyzer_new(&a, NULL))
        return NULL;
    const sn_doc *d;
    size_t k = 0;
    for (int round = 0; round < 50; round++) {
        if (sn_analyze(a, j->text, strlen(j->text), NULL, &d))
            break;
        uint32_t n;
        const sn_token *t = sn_doc_tokens(d, &n);
        k = 0;
        for (uint32_t i = 0; i < n && k + 40 < sizeof j->out; i++)
            k += (size_t)snprintf(j->out + k, sizeof j->out - k, "%s/%s ", t[i].lemma, sn_tag_name(t[i].tag));
    }
    sn_analyzer_free(a);
    return NULL;
}

static void analyzers_in_threads_agree(void **state)
{
    (void)state;
    static const char text[] = "Rebels attacked the convoy while troops fled the besieged towns.";
    job jobs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].text = text;
        jobs[i].out[0] = '\0';
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    assert_true(strlen(jobs[0].out) > 20);
    for (int i = 1; i < 4; i++)
        assert_string_equal(jobs[i].out, jobs[0].out);
}

/* ---- the canonical article ---- */

static const sn_sentence *find_sentence(const sn_doc *d, const char *prefix, uint32_t *index)
{
    uint32_t n;
    const sn_sentence *s = sn_doc_sentences(d, &n);
    const char *text = sn_doc_text(d, NULL);
    for (uint32_t i = 0; i < n; i++)
        if (!strncmp(text + s[i].off, prefix, strlen(prefix))) {
            *index = i;
            return &s[i];
        }
    fail_msg("no sentence starts with '%s'", prefix);
    return NULL;
}

static void expect_timex(const sn_doc *d, const char *prefix, const char *value, sn_precision p)
{
    uint32_t si, n;
    find_sentence(d, prefix, &si);
    const sn_timex *t = sn_doc_timexes(d, si, &n);
    for (uint32_t i = 0; i < n; i++) {
        char b[16], e[16], v[40];
        sn_date_format(&t[i].begin, b);
        sn_date_format(&t[i].end, e);
        if (p == SN_PREC_RANGE)
            snprintf(v, sizeof v, "%s/%s", b, e);
        else
            snprintf(v, sizeof v, "%s", b);
        if (!strcmp(v, value) && t[i].precision == p)
            return;
    }
    fail_msg("sentence '%s' has no time expression %s (%s)", prefix, value, sn_precision_name(p));
}

static void expect_zone(const sn_doc *d, const char *prefix, sn_zone z)
{
    uint32_t si;
    const sn_sentence *s = find_sentence(d, prefix, &si);
    if (s->zone != z)
        fail_msg("'%s' is in zone %s, not %s", prefix, sn_zone_name(s->zone), sn_zone_name(z));
}

static void south_ossetia_sample(void **state)
{
    (void)state;
    char *text = read_sample();
    if (!text) {
        print_message("skipped: ../shared/samples/south-ossetia-2015.txt is absent\n");
        skip();
    }
    const sn_doc *d = analyse(text, "2015-03-16");
    expect_zone(d, "South Ossetia Could Join Russia", SN_ZONE_HEADLINE);
    expect_zone(d, "In an effort to do so, the Russian government has announced", SN_ZONE_BODY);
    expect_zone(d, "Russian tanks in South Ossetia", SN_ZONE_CAPTION);
    expect_zone(d, "Meanwhile, make sure you follow me on Twitter", SN_ZONE_BOILERPLATE);
    expect_zone(d, "Facebook Comments", SN_ZONE_BOILERPLATE);
    expect_zone(d, "Click here for reuse options!", SN_ZONE_BOILERPLATE);
    expect_zone(d, "Copyright 2015 The Sentinel", SN_ZONE_BOILERPLATE);
    expect_zone(d, "Jonathan Wade, CD", SN_ZONE_BYLINE);
    expect_zone(d, "Jonathan Wade is the director", SN_ZONE_BYLINE);
    expect_zone(d, "Jonathan writes about Russia, Canada and Arctic.", SN_ZONE_BYLINE);
    expect_zone(d, "Leonid Tibilov was the head of South Ossetian KGB from 1992 to 1998.", SN_ZONE_BODY);
    /* Real sentence boundaries: these are whole sentences of their own. */
    uint32_t si;
    const sn_sentence *s = find_sentence(d, "Georgia will not let it go without a fight, however.", &si);
    assert_int_equal(s->len, strlen("Georgia will not let it go without a fight, however."));
    s = find_sentence(d, "Tibilov became the 3rd President", &si);
    assert_int_equal(s->len, strlen("Tibilov became the 3rd President of South Ossetia in 2012 after defeating David Sanakoyez."));
    expect_timex(d, "In an effort to do so", "2015-03-18", SN_PREC_DAY);
    expect_timex(d, "In 2008, Russia recognized", "2008", SN_PREC_YEAR);
    expect_timex(d, "Leonid Tibilov was the head", "1992/1998", SN_PREC_RANGE);
    expect_timex(d, "As a matter of fact", "1991-12", SN_PREC_MONTH);
    uint32_t n;
    sn_doc_sentences(d, &n);
    assert_int_equal(n, 34);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenization_table),
        cmocka_unit_test(lemma_table),
        cmocka_unit_test(invalid_utf8_is_replaced),
        cmocka_unit_test(control_chars_become_space),
        cmocka_unit_test(normalization),
        cmocka_unit_test(empty_input),
        cmocka_unit_test(huge_sentence_is_cut),
        cmocka_unit_test(long_line_without_punctuation),
        cmocka_unit_test(caps_are_enforced),
        cmocka_unit_test(binary_bytes_do_not_crash),
        cmocka_unit_test(many_coordinated_actors),
        cmocka_unit_test(analyzers_in_threads_agree),
        cmocka_unit_test(south_ossetia_sample),
    };
    return cmocka_run_group_tests_name("text", tests, setup, teardown);
}
