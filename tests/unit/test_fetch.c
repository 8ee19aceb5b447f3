/*
 * tests/unit/test_fetch.c — the parts of fetching that need no server
 * (tests/feeds.sh covers the rest against the fixture HTTP server):
 * robots.txt rules in a table (agent groups, longest match, Allow on ties,
 * wildcards and $, empty Disallow, comments, hostile patterns), URL checks
 * on sn_fetch_add, and the fetch status names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "sentinel/fetch.h"
#include "support.h"

static const struct {
    const char *robots, *path;
    int allowed;
} cases[] = {
    {"", "/a", 1},
    {"User-agent: *\nDisallow: /private/\n", "/private/x.html", 0},
    {"User-agent: *\nDisallow: /private/\n", "/public/x.html", 1},
    {"User-agent: *\nDisallow: /\n", "/", 0},
    {"User-agent: *\nDisallow:\n", "/anything", 1},
    {"User-agent: *\nDisallow: /\n\nUser-agent: Sentinel\nDisallow: /x/\n", "/y", 1},   /* own group wins */
    {"User-agent: *\nDisallow: /\n\nUser-agent: sentinel/0.1\nDisallow: /x/\n", "/x/1", 0},
    {"User-agent: Googlebot\nDisallow: /\n", "/a", 1},                                /* not our group */
    {"User-agent: *\nDisallow: /news/\nAllow: /news/world/\n", "/news/world/1", 1},    /* longest wins */
    {"User-agent: *\nDisallow: /news/\nAllow: /news/world/\n", "/news/sport/1", 0},
    {"User-agent: *\nAllow: /a\nDisallow: /a\n", "/a/b", 1},                           /* tie: Allow */
    {"User-agent: *\nDisallow: /*.pdf$\n", "/files/x.pdf", 0},
    {"User-agent: *\nDisallow: /*.pdf$\n", "/files/x.pdf?dl=1", 1},
    {"User-agent: *\nDisallow: /*?\n", "/story?id=1", 0},
    {"User-agent: *\nDisallow: /*?\n", "/story", 1},
    {"# comment\nUser-agent: * # all\nDisallow: /tmp # not there\n", "/tmp/x", 0},
    {"User-agent: a\nUser-agent: *\nDisallow: /shared\n", "/shared/1", 0},             /* several agents, one group */
    {"User-Agent: *\r\nDISALLOW: /caps\r\n", "/caps", 0},
    {"User-agent: *\nDisallow: /a*b*c*d*e*f*g*h*i*j\n", "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1}, /* too many stars: ignored */
    {"garbage without colons\n\n\n", "/x", 1},
};

static void robots_table(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int got = sn_robots_allowed(cases[i].robots, strlen(cases[i].robots), "sentinel", cases[i].path);
        if (got != cases[i].allowed) {
            print_message("robots case %zu (%s): want %d, got %d\n", i, cases[i].path, cases[i].allowed, got);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void robots_hostile(void **state)
{
    (void)state;
    /* A huge file of rules and a pathological wildcard finish. */
    char *rules = repeat("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a$\n", 20000);
    char *path = repeat("a", 2000);
    path[0] = '/';
    assert_int_equal(sn_robots_allowed(rules, strlen(rules), "sentinel", path), 0);
    free(rules);
    free(path);
}

static void noop(void *ctx, const sn_fetch_result *r)
{
    (void)ctx;
    (void)r;
}

static void refuses_other_schemes(void **state)
{
    (void)state;
    sn_fetcher *f;
    assert_int_equal(sn_fetcher_new(NULL, noop, NULL, &f), SN_OK);
    assert_int_equal(sn_fetch_add(f, "file:///etc/passwd", SN_FETCH_FEED, NULL, NULL, NULL), SN_ERR_INVALID);
    assert_int_equal(sn_fetch_add(f, "gopher://x.example/", SN_FETCH_FEED, NULL, NULL, NULL), SN_ERR_INVALID);
    assert_int_equal(sn_fetch_add(f, "not a url", SN_FETCH_ARTICLE, NULL, NULL, NULL), SN_ERR_INVALID);
    assert_int_equal(sn_fetch_run(f), SN_OK); /* nothing queued: returns at once */
    sn_fetcher_free(f);
    assert_string_equal(sn_fetch_status_name(SN_FETCH_NOT_MODIFIED), "not-modified");
    assert_string_equal(sn_fetch_status_name(SN_FETCH_ROBOTS), "robots");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(robots_table),
        cmocka_unit_test(robots_hostile),
        cmocka_unit_test(refuses_other_schemes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
