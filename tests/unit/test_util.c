/*
 * tests/unit/test_util.c — unit tests of lib/util: capped buffers and
 * vectors, the arena, JSON string escaping, and result-code strings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/json.h"

static void buf_grows_to_cap_and_stops(void **state)
{
    (void)state;
    sn_buf b;
    sn_buf_init(&b, 100);
    for (int i = 0; i < 10; i++)
        assert_int_equal(sn_buf_add(&b, "0123456789", 10), SN_OK);
    assert_int_equal(b.len, 100);
    assert_int_equal(sn_buf_addc(&b, 'x'), SN_ERR_TOOBIG);
    assert_int_equal(sn_buf_add(&b, "x", 1), SN_ERR_TOOBIG);
    assert_int_equal(b.len, 100); /* nothing half-written */
    sn_buf_reset(&b);
    assert_int_equal(sn_buf_printf(&b, "%d-%s", 42, "ok"), SN_OK);
    assert_int_equal(sn_buf_cstr(&b), SN_OK);
    assert_string_equal(b.p, "42-ok");
    sn_buf_free(&b);
}

static void buf_printf_long(void **state)
{
    (void)state;
    sn_buf b;
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sn_buf_init(&b, 4096);
    assert_int_equal(sn_buf_printf(&b, "<%s>", big), SN_OK);
    assert_int_equal(b.len, 1001);
    assert_int_equal(b.p[0], '<');
    assert_int_equal(b.p[1000], '>');
    sn_buf_free(&b);
}

static void vec_cap(void **state)
{
    (void)state;
    sn_vec v;
    sn_vec_init(&v, sizeof(uint64_t), 5);
    for (int i = 0; i < 5; i++) {
        uint64_t *p = sn_vec_push(&v);
        assert_non_null(p);
        assert_int_equal(*p, 0);
        *p = (uint64_t)i * 7;
    }
    assert_null(sn_vec_push(&v));
    assert_int_equal(SN_VEC_AT(&v, uint64_t, 4), 28);
    sn_vec_reset(&v);
    assert_non_null(sn_vec_push(&v));
    sn_vec_free(&v);
}

static void arena_reuse_and_cap(void **state)
{
    (void)state;
    sn_arena a;
    sn_arena_init(&a, 200000);
    const char *s = sn_arena_strndup(&a, "hello world", 5);
    assert_string_equal(s, "hello");
    assert_non_null(sn_arena_alloc(&a, 150000)); /* a second, larger block */
    assert_null(sn_arena_alloc(&a, 60000));      /* past the cap */
    sn_arena_reset(&a);
    char *p = sn_arena_alloc(&a, 100);
    assert_non_null(p);
    assert_non_null(sn_arena_alloc(&a, 150000)); /* reuses the big block */
    sn_arena_free(&a);
}

static void json_escapes(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        {"plain", "\"plain\""},
        {"a\"b", "\"a\\\"b\""},
        {"back\\slash", "\"back\\\\slash\""},
        {"line\nbreak\ttab", "\"line\\nbreak\\ttab\""},
        {"\x01", "\"\\u0001\""},
        {"caf\xC3\xA9", "\"caf\xC3\xA9\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sn_buf b;
        sn_buf_init(&b, 1024);
        assert_int_equal(sn_json_str(&b, cases[i].in, strlen(cases[i].in)), SN_OK);
        assert_int_equal(sn_buf_cstr(&b), SN_OK);
        assert_string_equal(b.p, cases[i].out);
        sn_buf_free(&b);
    }
}

static void rc_strings(void **state)
{
    (void)state;
    assert_string_equal(sn_rc_str(SN_OK), "ok");
    assert_string_equal(sn_rc_str(SN_ERR_TOOBIG), "input exceeds a size limit");
    assert_string_equal(sn_rc_str((sn_rc)999), "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_grows_to_cap_and_stops), cmocka_unit_test(buf_printf_long),
        cmocka_unit_test(vec_cap), cmocka_unit_test(arena_reuse_and_cap),
        cmocka_unit_test(json_escapes), cmocka_unit_test(rc_strings),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
