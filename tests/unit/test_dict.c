/*
 * tests/unit/test_dict.c — unit tests (cmocka) for `sentinel dict check`
 * (lib/dict/check.c) and the dictionary coverage counts: a small bad
 * dictionary with each kind of problem, each reported with its file:line;
 * a clean one with nothing reported; the same checks on an image (the image
 * and the pattern's line instead); the built-in dictionaries clean; the
 * month and year precision of date ranges; the counts of
 * sn_dict_get_stats; and the dated codes of built-in states and people.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sentinel/code.h"
#include "sentinel/dict.h"
#include "sentinel/text.h"

typedef struct found {
    char lines[64][700];
    size_t n;
} found;

static void collect(const sn_dict_issue *is, void *ctx)
{
    found *f = ctx;
    if (f->n < 64)
        snprintf(f->lines[f->n++], sizeof f->lines[0], "%s:%u: %s: %s", is->file, is->line, is->check, is->msg);
}

/* Is there an issue at file:line of the check whose message has `part`? */
static int reported(const found *f, const char *file, unsigned line, const char *check, const char *part)
{
    char head[600];
    snprintf(head, sizeof head, "%s:%u: %s: ", file, line, check);
    for (size_t i = 0; i < f->n; i++)
        if (!strncmp(f->lines[i], head, strlen(head)) && strstr(f->lines[i], part))
            return 1;
    return 0;
}

static char *write_tmp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/sn-dict-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* Line numbers below are those of this text. */
static const char BAD[] =
    "actor RUS type=state country=RUS\n"         /* 1 */
    "    Russia\n"                                /* 2 */
    "    gov Moscow\n"                            /* 3 */
    "actor GEO type=state country=GEO\n"         /* 4 */
    "    Georgia\n"                               /* 5 */
    "actor XYZ type=state country=QQQ\n"         /* 6: unknown country; shadowed */
    "    Russia\n"                                /* 7: duplicate of line 2 */
    "actor ABC type=group country=GEO role=ZZZ\n" /* 8: unknown role */
    "    Alpha Group\n"                           /* 9 */
    "person \"Ann Example\" country=GEO\n"       /* 10 */
    "    Ann Example\n"                           /* 11 */
    "    code GEOGOV 2010-05-01..2009-01-01\n"    /* 12: inverted */
    "    code GEOGOV 2012-01..2014\n"             /* 13: month and year precision */
    "    code GEOMIL 2013-06..2015-12\n"          /* 14: overlaps line 13 */
    "    code GEOELI\n"                           /* 15 */
    "    code GEOOPP\n"                           /* 16: second fallback */
    "    code GEOFOO 2016..2017\n"                /* 17: unknown code */
    "places GEO\n"                                /* 18 */
    "    Moscow\n"                                /* 19: town named like RUS's metonym */
    "    Gori\n"                                  /* 20 */
    "places RUS\n"                                /* 21 */
    "    Gori\n"                                  /* 22: town of two countries */
    "agent GOV\n"                                 /* 23 */
    "    minister\n"                              /* 24 */
    "verb 190 attack $T\n"                        /* 25 */
    "verb 195 attack $T\n"                        /* 26: same pattern as line 25 */
    "verb 0999 shell $T\n"                        /* 27: no such CAMEO code */
    "verb 190 bomb a,b $T\n";                     /* 28: not one word */

static void test_each_problem_has_file_line(void **state)
{
    (void)state;
    const char *path = write_tmp(BAD);
    found f = {.n = 0};
    size_t n = 0;
    sn_error err;
    const char *paths[] = {path};
    assert_int_equal(sn_dict_check_files(paths, 1, collect, &f, &n, &err), SN_OK);
    assert_int_equal(n, f.n);
    assert_true(reported(&f, path, 7, "duplicate", "\"russia\" of actor XYZ is already listed for actor RUS"));
    assert_true(reported(&f, path, 6, "shadowed", "actor XYZ"));
    assert_true(reported(&f, path, 6, "unknown-code", "country=QQQ"));
    assert_true(reported(&f, path, 8, "unknown-code", "role=ZZZ"));
    assert_true(reported(&f, path, 17, "unknown-code", "GEOFOO"));
    assert_true(reported(&f, path, 27, "unknown-code", "0999"));
    assert_true(reported(&f, path, 12, "dates", "ends before it starts"));
    /* 2012-01..2014 is the whole of those months and years. */
    assert_true(reported(&f, path, 14, "dates", "GEOMIL 2013-06-01..2015-12-31 overlaps GEOGOV 2012-01-01..2014-12-31"));
    assert_true(reported(&f, path, 16, "dates", "second code without dates (GEOOPP)"));
    assert_true(reported(&f, path, 19, "shadowed", "town \"moscow\" of GEO never matches"));
    assert_true(reported(&f, path, 22, "duplicate", "town \"gori\" of RUS is already a town of GEO"));
    assert_true(reported(&f, path, 26, "never-matches", "the same pattern with code 190 comes first"));
    assert_true(reported(&f, path, 28, "never-matches", "\"a,b\" is not one word"));
    assert_int_equal(n, 13); /* and nothing else */
    unlink(path);
}

static void test_clean_dictionary(void **state)
{
    (void)state;
    const char *path = write_tmp("actor RUS type=state country=RUS\n    Russia\n    gov Moscow\n"
                                 "actor RUS type=state country=RUS\n    adj Russian\n"
                                 "person \"Ann Example\" country=RUS\n    Ann Example\n"
                                 "    code RUSGOV 2012-05-07..2018-05-07\n    code RUSGOV 2018-05-07..\n"
                                 "    code RUSMIL 2000..2012-05-06\n    code RUSELI\n"
                                 "places RUS\n    Moscow\n    Kazan\n"
                                 "agent MIL\n    soldier\nverb 190 attack $T\nverb 190 attack ~ in $T\n");
    found f = {.n = 0};
    size_t n = 1;
    sn_error err;
    const char *paths[] = {path};
    assert_int_equal(sn_dict_check_files(paths, 1, collect, &f, &n, &err), SN_OK);
    if (n)
        fprintf(stderr, "%s\n", f.lines[0]);
    assert_int_equal(n, 0);
    unlink(path);
}

static void test_broken_file_is_an_error(void **state)
{
    (void)state;
    const char *path = write_tmp("actor RUS type=state\n    Russia\nverb 190\n");
    size_t n = 0;
    sn_error err;
    const char *paths[] = {path};
    assert_int_not_equal(sn_dict_check_files(paths, 1, collect, NULL, &n, &err), SN_OK);
    assert_non_null(strstr(err.msg, ":3:"));
    unlink(path);
}

/* An image has no file:line; names are reported with the image, patterns
 * with their line. */
static void test_image_issues(void **state)
{
    (void)state;
    const char *path = write_tmp("actor RUS type=state country=RUS\n    Russia\n"
                                 "actor GEO type=state country=GEO\n    Russia\n"
                                 "verb 190 attack $T\nverb 190 attack $T\n");
    char img[80];
    snprintf(img, sizeof img, "%s.img", path);
    sn_error err;
    const char *paths[] = {path};
    assert_int_equal(sn_dict_compile(paths, 1, img, &err), SN_OK);
    sn_dict *d;
    assert_int_equal(sn_dict_open(img, &d, &err), SN_OK);
    found f = {.n = 0};
    size_t n = sn_dict_check(d, "my.img", collect, &f);
    assert_int_equal(n, 3);
    assert_true(reported(&f, "my.img", 0, "duplicate", "\"russia\" of actor GEO is already listed for actor RUS (my.img)"));
    assert_true(reported(&f, "my.img", 0, "shadowed", "actor GEO"));
    assert_true(reported(&f, "my.img", 6, "never-matches", "same pattern comes first (line 5)"));
    sn_dict_close(d);
    unlink(img);
    unlink(path);
}

static void test_builtin_is_clean(void **state)
{
    (void)state;
    const sn_dict *d = sn_dict_builtin();
    assert_non_null(d);
    found f = {.n = 0};
    size_t n = sn_dict_check(d, NULL, collect, &f);
    for (size_t i = 0; i < f.n; i++)
        fprintf(stderr, "%s\n", f.lines[i]);
    assert_int_equal(n, 0);
}

static void test_stats_coverage(void **state)
{
    (void)state;
    const char *path = write_tmp("actor RUS type=state country=RUS\n    Russia\n"
                                 "actor RUS type=state country=RUS\n    adj Russian\n"
                                 "actor XSO type=state country=XSO de-facto\n    South Ossetia\n"
                                 "actor UNO type=igo\n    United Nations\n"
                                 "person \"Ann Example\" country=RUS\n    Ann Example\n    code RUSGOV 2012..\n    code RUSELI\n"
                                 "agent MIL\n    soldier\nagent GOV\n    minister\n"
                                 "verb 190 attack $T\nverb 193 fight $T\nverb 1823 kill $T\nnoun 043 talks with $T\n");
    char img[80];
    snprintf(img, sizeof img, "%s.img", path);
    sn_error err;
    const char *paths[] = {path};
    assert_int_equal(sn_dict_compile(paths, 1, img, &err), SN_OK);
    sn_dict *d;
    assert_int_equal(sn_dict_open(img, &d, &err), SN_OK);
    sn_dict_stats s;
    sn_dict_get_stats(d, &s);
    assert_int_equal(s.states, 2);
    assert_int_equal(s.defacto, 1);
    assert_int_equal(s.igos, 1);
    assert_int_equal(s.people, 1);
    assert_int_equal(s.dated_people, 1);
    assert_int_equal(s.person_codes, 2);
    assert_int_equal(s.roles, 2);
    assert_int_equal(s.verb_patterns, 3);
    assert_int_equal(s.noun_patterns, 1);
    assert_int_equal(s.root_patterns[18], 1);
    assert_int_equal(s.root_patterns[19], 2);
    assert_int_equal(s.root_codes[19], 2);
    assert_int_equal(s.root_codes[4], 1);
    assert_true(s.root_table[19] >= 8);
    sn_dict_close(d);
    unlink(img);
    unlink(path);
}

/* The code of the first event's source and target in text published on
 * date, coded with the built-in dictionaries, as "SRC TGT". */
static void first_event(const char *text, const char *date, char *out, size_t n)
{
    sn_analyzer *an;
    sn_coder *coder;
    assert_int_equal(sn_analyzer_new(&an, NULL), SN_OK);
    assert_int_equal(sn_coder_new(&coder, sn_dict_builtin()), SN_OK);
    sn_date pub;
    assert_int_equal(sn_date_parse(date, strlen(date), &pub), 0);
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t ne;
    assert_int_equal(sn_analyze(an, text, strlen(text), &pub, &doc), SN_OK);
    assert_int_equal(sn_code(coder, doc, &ev, &ne), SN_OK);
    assert_true(ne >= 1);
    snprintf(out, n, "%s %s", ev[0].source.code ? ev[0].source.code : "-", ev[0].target.code ? ev[0].target.code : "-");
    sn_coder_free(coder);
    sn_analyzer_free(an);
}

/* A state's dated code: Nagorno-Karabakh is XNK until its dissolution,
 * then the region of Azerbaijan; its adjective keeps XNK. People of the
 * regional files take the office they held at the event's date, titled
 * or not, under either spelling. */
static void test_builtin_dates(void **state)
{
    (void)state;
    char got[64];
    first_event("Azerbaijani forces shelled Nagorno-Karabakh.", "2016-04-05", got, sizeof got);
    assert_string_equal(got, "AZEMIL XNK");
    first_event("Azerbaijani forces shelled Nagorno-Karabakh.", "2025-03-01", got, sizeof got);
    assert_string_equal(got, "AZEMIL AZE");
    first_event("Stepanakert condemned Baku.", "2025-03-01", got, sizeof got);
    assert_string_equal(got, "AZEGOV AZEGOV");
    first_event("Prime Minister Yatsenyuk met President Obama in Washington.", "2014-03-12", got, sizeof got);
    assert_string_equal(got, "UKRGOV USAGOV");
    first_event("Yatsenyuk criticized Poroshenko.", "2017-06-01", got, sizeof got);
    assert_string_equal(got, "UKROPP UKRGOV");
    first_event("Defence Minister Reznikov accused Moscow of shelling Kharkiv.", "2022-05-01", got, sizeof got);
    assert_string_equal(got, "UKRMIL RUSGOV");
    first_event("Kocharyan met Heydar Aliyev in Paris.", "1996-05-01", got, sizeof got);
    assert_string_equal(got, "XNKGOV AZEGOV");
    first_event("Kocharyan met Heydar Aliyev in Paris.", "2001-05-01", got, sizeof got);
    assert_string_equal(got, "ARMGOV AZEGOV");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_problem_has_file_line),
        cmocka_unit_test(test_clean_dictionary),
        cmocka_unit_test(test_broken_file_is_an_error),
        cmocka_unit_test(test_image_issues),
        cmocka_unit_test(test_builtin_is_clean),
        cmocka_unit_test(test_stats_coverage),
        cmocka_unit_test(test_builtin_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
