/*
 * tests/unit/test_code.c — unit tests of the coding engine through its
 * public API: dictionary compile errors (file:line:col, nothing written),
 * damaged images, date-bounded codes, and the events the canonical South
 * Ossetia article must give (read from ../shared when present).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "support.h"
#include "sentinel/sentinel.h"

static sn_analyzer *an;
static sn_coder *coder;

static int setup(void **state)
{
    (void)state;
    return sn_analyzer_new(&an, NULL) || sn_coder_new(&coder, sn_dict_builtin());
}

static int teardown(void **state)
{
    (void)state;
    sn_coder_free(coder);
    sn_analyzer_free(an);
    return 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void compile_errors_name_file_line_col(void **state)
{
    (void)state;
    static const struct { const char *text, *want; } cases[] = {
        {"actor RUS type=state\n    Russia\nverb 999 attack $T\n", ":3:6: \"999\" is not a CAMEO event code"},
        {"actor rus\n", ":1:7: bad actor code"},
        {"    Russia\n", ":1:5: indented line outside"},
        {"verb 190\n", ":1:1: verb needs a CAMEO code and a pattern"},
        {"verb 190 attack $X\n", ":1:17: unknown slot"},
        {"cue sure will\n", ":1:5: cue needs a modality"},
        {"person \"Vladimir Putin\"\n    code RUSGOV 2012-13-01..\n", ":2:17: bad date"},
        {"frobnicate x\n", ":1:1: unknown entry"},
        {"actor RUS type=state\n    Russia\nplaces GEO\n    Poti\n", ":3:8: places for \"GEO\", which no earlier actor"},
        {"places\n", ":1:1: places needs one actor code"},
    };
    char src[] = "/tmp/sn-test-dict-XXXXXX";
    int fd = mkstemp(src);
    assert_true(fd >= 0);
    close(fd);
    const char *out = "/tmp/sn-test-dict.img";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_file(src, cases[i].text);
        unlink(out);
        sn_error err;
        const char *paths[] = {src};
        assert_int_not_equal(sn_dict_compile(paths, 1, out, &err), SN_OK);
        if (!strstr(err.msg, cases[i].want))
            fail_msg("case %zu: got '%s', want '%s'", i, err.msg, cases[i].want);
        assert_int_equal(access(out, F_OK), -1); /* nothing half-written */
    }
    unlink(src);
}

static void damaged_images_are_refused(void **state)
{
    (void)state;
    char src[] = "/tmp/sn-test-dict-XXXXXX";
    int fd = mkstemp(src);
    assert_true(fd >= 0);
    close(fd);
    write_file(src, "actor RUS type=state\n    Russia\nverb 190 attack $T\n");
    const char *paths[] = {src}, *out = "/tmp/sn-test-dict2.img";
    sn_error err;
    assert_int_equal(sn_dict_compile(paths, 1, out, &err), SN_OK);
    sn_dict *d;
    assert_int_equal(sn_dict_open(out, &d, &err), SN_OK);
    sn_dict_stats st;
    sn_dict_get_stats(d, &st);
    assert_int_equal(st.actors, 1);
    assert_int_equal(st.patterns, 1);
    sn_dict_close(d);
    /* Truncate it, then break its magic. */
    FILE *f = fopen(out, "r+b");
    assert_non_null(f);
    assert_int_equal(ftruncate(fileno(f), (off_t)st.bytes - 7), 0);
    fclose(f);
    assert_int_not_equal(sn_dict_open(out, &d, &err), SN_OK);
    assert_non_null(strstr(err.msg, "truncated"));
    write_file(out, "not an image at all, just text");
    assert_int_not_equal(sn_dict_open(out, &d, &err), SN_OK);
    assert_non_null(strstr(err.msg, "not a Sentinel dictionary"));
    assert_int_equal(sn_dict_open("/nonexistent/x.img", &d, &err), SN_ERR_NOTFOUND);
    unlink(out);
    unlink(src);
}

/* Events of text published on date, as "SRC->TGT CODE modality" lines. */
static const sn_event *code_text(const char *text, const char *date, uint32_t *n, const sn_doc **docp)
{
    sn_date pub;
    assert_int_equal(sn_date_parse(date, strlen(date), &pub), 0);
    const sn_doc *doc;
    const sn_event *ev;
    assert_int_equal(sn_analyze(an, text, strlen(text), &pub, &doc), SN_OK);
    assert_int_equal(sn_code(coder, doc, &ev, n), SN_OK);
    if (docp)
        *docp = doc;
    return ev;
}

static void date_bounded_codes_use_the_event_date(void **state)
{
    (void)state;
    uint32_t n;
    const sn_event *e = code_text("In 2010, Putin met Georgian officials in Sochi.", "2015-03-16", &n, NULL);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].source.code, "RUSGOV"); /* prime minister then */
    e = code_text("Putin met Georgian officials in Sochi on Monday.", "2015-03-16", &n, NULL);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].source.code, "RUSGOV");
    e = code_text("Putin met Georgian officials in Sochi in 1995.", "2015-03-16", &n, NULL);
    assert_int_equal(n, 1);
    assert_string_not_equal(e[0].source.code, "RUSGOV");
}

/* A group's dated codes hold on the event's day; a year as a bound runs
 * from its first day to its last. Outside every range, the group has the
 * code of its actor line. */
static void groups_take_their_dated_codes(void **state)
{
    (void)state;
    char src[] = "/tmp/sn-test-dict-XXXXXX";
    int fd = mkstemp(src);
    assert_true(fd >= 0);
    close(fd);
    write_file(src, "actor PAK type=state\n    Pakistan\n"
                    "actor AFGINS type=group country=AFG role=INS\n    Taliban\n"
                    "    code AFGGOV 1996..2001-11-12\n    code AFGGOV 2021-08..\n"
                    "verb 190 attack $T\n");
    const char *paths[] = {src}, *out = "/tmp/sn-test-dict3.img";
    sn_error err;
    assert_int_equal(sn_dict_compile(paths, 1, out, &err), SN_OK);
    sn_dict *d;
    sn_coder *c;
    assert_int_equal(sn_dict_open(out, &d, &err), SN_OK);
    assert_int_equal(sn_coder_new(&c, d), SN_OK);
    static const struct { const char *date, *want; } cases[] = {
        {"1995-12-31", "AFGINS"}, {"1996-01-01", "AFGGOV"}, {"2001-11-12", "AFGGOV"},
        {"2001-11-13", "AFGINS"}, {"2021-07-31", "AFGINS"}, {"2021-08-01", "AFGGOV"}, {"2024-05-01", "AFGGOV"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sn_date pub;
        const sn_doc *doc;
        const sn_event *ev;
        uint32_t n;
        const char *text = "The Taliban attacked Pakistan.";
        assert_int_equal(sn_date_parse(cases[i].date, strlen(cases[i].date), &pub), 0);
        assert_int_equal(sn_analyze(an, text, strlen(text), &pub, &doc), SN_OK);
        assert_int_equal(sn_code(c, doc, &ev, &n), SN_OK);
        assert_int_equal(n, 1);
        if (strcmp(ev[0].source.code, cases[i].want))
            fail_msg("%s: got %s, want %s", cases[i].date, ev[0].source.code, cases[i].want);
        assert_string_equal(ev[0].source.country, "AFG");
        assert_string_equal(ev[0].source.role, cases[i].want + 3); /* the role follows the code */
        assert_string_equal(ev[0].target.code, "PAK");
    }
    sn_coder_free(c);
    sn_dict_close(d);
    unlink(out);
    unlink(src);
}

/* Thousands of actors and coordinated phrases: bounded work and output. */
static void pathological_sentences_are_bounded(void **state)
{
    (void)state;
    char *s = repeat("Russia, Georgia and Armenia and Turkey ", 3000);
    uint32_t n;
    code_text(s, "2015-03-16", &n, NULL);
    assert_int_equal(n, 0);
    free(s);
    s = repeat("Russian troops and Georgian troops attacked Ukrainian and Turkish soldiers and ", 2000);
    code_text(s, "2015-03-16", &n, NULL);
    /* Each 400-token piece pairs at most 16 sources with 16 targets per verb. */
    assert_true(n > 0);
    assert_true(n < 200000);
    free(s);
}

typedef struct expect {
    const char *src_prefix, *tgt_prefix, *code_prefix;
    const char *modality, *date;
    int historical;            /* -1 unchecked */
    const char *attr;          /* NULL unchecked */
} expect;

/* Does code start with one of the '|'-separated prefixes? */
static int code_is(const char *code, const char *prefixes)
{
    for (const char *p = prefixes; *p;) {
        size_t l = strcspn(p, "|");
        if (!strncmp(code, p, l))
            return 1;
        p += l + (p[l] == '|');
    }
    return 0;
}

static int has(const sn_event *ev, uint32_t n, const expect *x)
{
    for (uint32_t i = 0; i < n; i++) {
        const sn_event *e = &ev[i];
        char d[16];
        sn_date_format(&e->date_begin, d);
        if (x->src_prefix && (!e->source.code || strncmp(e->source.code, x->src_prefix, strlen(x->src_prefix))))
            continue;
        if (x->tgt_prefix && (!e->target.code || strncmp(e->target.code, x->tgt_prefix, strlen(x->tgt_prefix))))
            continue;
        if (!code_is(e->code, x->code_prefix) ||
            (x->modality && strcmp(sn_modality_name(e->modality), x->modality)) ||
            (x->date && strcmp(d, x->date)) || (x->historical >= 0 && e->historical != x->historical) ||
            (x->attr && (!e->attribution.code || strcmp(e->attribution.code, x->attr))))
            continue;
        return 1;
    }
    return 0;
}

static void south_ossetia_events(void **state)
{
    (void)state;
    char *text = read_sample();
    if (!text) {
        print_message("skipped: ../shared/samples/south-ossetia-2015.txt is absent\n");
        skip();
    }
    uint32_t n;
    const sn_doc *doc;
    const sn_event *ev = code_text(text, "2015-03-16", &n, &doc);
    static const expect want[] = {
        {"RUS", "XSO", "05", "future", "2015-03-18", 0, NULL},       /* will sign the treaty on March 18 */
        {"RUS", "XSO", "05", "asserted", "2008", 1, NULL},           /* recognized South Ossetia in 2008 */
        {"RUS", "GEO", "19", "asserted", "2008", 1, NULL},           /* the five-day war against Georgia */
        {NULL, "RUS", "16", "speculative", NULL, 0, NULL},           /* sanctions against Putin, most likely */
        {"RUS", "XSO", "03|04", "future", NULL, -1, "RUSGOV"},       /* Moscow confirmed they will discuss */
        {NULL, NULL, "05", "negated", NULL, -1, NULL},               /* will not recognize the outcome */
        {"RUS", "GEO", "19", "speculative", NULL, 0, NULL},          /* clashes might occur */
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!has(ev, n, &want[i]))
            fail_msg("expected event %zu (%s -> %s %s %s) is missing", i, want[i].src_prefix ? want[i].src_prefix : "*",
                     want[i].tgt_prefix ? want[i].tgt_prefix : "*", want[i].code_prefix, want[i].modality);
    /* Clashes are never asserted; nothing comes from furniture or the bio. */
    uint32_t ns;
    const sn_sentence *s = sn_doc_sentences(doc, &ns);
    for (uint32_t i = 0; i < n; i++) {
        assert_true(s[ev[i].sentence].zone == SN_ZONE_BODY);
        if (!strncmp(ev[i].code, "19", 2) && !ev[i].historical)
            assert_int_not_equal(ev[i].modality, SN_MOD_ASSERTED);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compile_errors_name_file_line_col),
        cmocka_unit_test(damaged_images_are_refused),
        cmocka_unit_test(date_bounded_codes_use_the_event_date),
        cmocka_unit_test(groups_take_their_dated_codes),
        cmocka_unit_test(pathological_sentences_are_bounded),
        cmocka_unit_test(south_ossetia_events),
    };
    return cmocka_run_group_tests_name("code", tests, setup, teardown);
}
