/*
 * tests/unit/test_cameo.c — unit tests (cmocka) for the CAMEO event-code
 * table (sentinel/cameo.h): the table's own invariants (roots, quad classes,
 * Goldstein range, order), lookups, the root/base helpers, and, when the
 * reference files are present at ../shared/reference/ (run from the project
 * root), a cross-check of every Goldstein value against GDELT's table and of
 * every PLOVER type and mode against the CAMEO-to-PLOVER table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sentinel/cameo.h"

#define GOLDSTEIN_TSV "../shared/reference/cameo-goldstein.tsv"
#define PLOVER_TXT "../shared/reference/cameo-to-plover.txt"

/* Goldstein in tenths, rounded: 3.4 -> 34, -0.3 -> -3 (no libm needed). */
static int tenths(double g)
{
    double t = g * 10.0;
    return (int)(t < 0 ? t - 0.5 : t + 0.5);
}

static int is_code_shape(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static void test_roots_present(void **state)
{
    (void)state;
    for (int r = 1; r <= 20; r++) {
        char code[3];
        snprintf(code, sizeof code, "%02d", r);
        const sn_cameo *c = sn_cameo_find(code);
        if (!c)
            fail_msg("root %s missing", code);
        assert_string_equal(c->code, code);
    }
}

static void test_rows_well_formed(void **state)
{
    (void)state;
    size_t n = sn_cameo_count();
    assert_true(n > 20);
    assert_null(sn_cameo_at(n));
    assert_null(sn_cameo_at((size_t)-1));
    for (size_t i = 0; i < n; i++) {
        const sn_cameo *c = sn_cameo_at(i);
        assert_non_null(c);
        assert_non_null(c->code);
        if (!is_code_shape(c->code))
            fail_msg("row %zu: bad code \"%s\"", i, c->code);
        /* strictly increasing: binary search depends on it, and no duplicates */
        if (i > 0 && strcmp(sn_cameo_at(i - 1)->code, c->code) >= 0)
            fail_msg("rows %zu and %zu out of order: %s, %s", i - 1, i,
                     sn_cameo_at(i - 1)->code, c->code);
        assert_non_null(c->name);
        assert_true(c->name[0] != '\0');
        assert_non_null(c->plover_type);
        assert_non_null(c->plover_mode);
        if (c->plover_mode[0] && !c->plover_type[0])
            fail_msg("%s: PLOVER mode without a type", c->code);
        /* Only roots 01 and 02 (dropped by PLOVER) lack a type. */
        int dropped = !strncmp(c->code, "01", 2) || !strncmp(c->code, "02", 2);
        if (dropped != !c->plover_type[0])
            fail_msg("%s: PLOVER type \"%s\" unexpected", c->code, c->plover_type);
        assert_ptr_equal(sn_cameo_find(c->code), c);
    }
}

static void test_every_code_has_root_and_base(void **state)
{
    (void)state;
    for (size_t i = 0; i < sn_cameo_count(); i++) {
        const sn_cameo *c = sn_cameo_at(i);
        char root[3], base[4];
        sn_cameo_root(c->code, root);
        sn_cameo_base(c->code, base);
        const sn_cameo *r = sn_cameo_find(root);
        if (!r || strlen(r->code) != 2)
            fail_msg("%s: root \"%s\" not in the table", c->code, root);
        if (!sn_cameo_find(base))
            fail_msg("%s: base \"%s\" not in the table", c->code, base);
    }
}

static void test_quad_rule(void **state)
{
    (void)state;
    static const struct { int lo, hi, quad; } rule[] = {
        {1, 5, 1}, {6, 9, 2}, {10, 14, 3}, {15, 20, 4},
    };
    for (size_t i = 0; i < sn_cameo_count(); i++) {
        const sn_cameo *c = sn_cameo_at(i);
        int root = (c->code[0] - '0') * 10 + (c->code[1] - '0'), want = 0;
        for (size_t k = 0; k < sizeof rule / sizeof rule[0]; k++)
            if (root >= rule[k].lo && root <= rule[k].hi)
                want = rule[k].quad;
        if (!want)
            fail_msg("%s: root %d outside 01-20", c->code, root);
        if (c->quad_class != want)
            fail_msg("%s: quad class %d, rule says %d", c->code, c->quad_class, want);
    }
}

static void test_goldstein_range(void **state)
{
    (void)state;
    for (size_t i = 0; i < sn_cameo_count(); i++) {
        const sn_cameo *c = sn_cameo_at(i);
        if (!(c->goldstein >= -10.0 && c->goldstein <= 10.0))
            fail_msg("%s: Goldstein %g outside [-10, 10]", c->code, c->goldstein);
    }
}

static void test_find_known(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        int goldstein10, quad;
        const char *type;
    } known[] = {
        {"057", 80, 1, "SUPPORT"},
        {"190", -100, 4, "ASSAULT"},
        {"01", 0, 1, ""},
        {"0211", 34, 1, ""},
        {"042", 19, 1, "CONSULT"},
        {"0874", 100, 2, "RETREAT"},
        {"145", -75, 3, "PROTEST"},
        {"20", -100, 4, "ASSAULT"},
        {"2042", -100, 4, "ASSAULT"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const sn_cameo *c = sn_cameo_find(known[i].code);
        if (!c)
            fail_msg("%s not found", known[i].code);
        assert_string_equal(c->code, known[i].code);
        assert_int_equal(tenths(c->goldstein), known[i].goldstein10);
        assert_int_equal(c->quad_class, known[i].quad);
        assert_string_equal(c->plover_type, known[i].type);
    }
}

static void test_find_unknown(void **state)
{
    (void)state;
    static const char *const unknown[] = {
        "999", "", "0", "00", "21", "000", "0570", "05 ", " 05", "5", "57", "abc", "01a",
        "02111",
    };
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        if (sn_cameo_find(unknown[i]))
            fail_msg("\"%s\" found but is not a CAMEO code", unknown[i]);
    assert_null(sn_cameo_find(NULL));
}

static void test_root_base_helpers(void **state)
{
    (void)state;
    static const struct { const char *in, *root, *base; } cases[] = {
        {"0211", "02", "021"},
        {"057", "05", "057"},
        {"05", "05", "05"},
        {"20", "20", "20"},
        {"2042", "20", "204"},
        {"190", "19", "190"},
        {"999", "99", "999"},  /* shape only, not a table lookup */
        {"", "", ""},
        {NULL, "", ""},
        {"5", "", ""},
        {"02111", "", ""},
        {"0a1", "", ""},
        {"057 ", "", ""},
        {"-05", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char root[3] = "xx", base[4] = "yyy";
        sn_cameo_root(cases[i].in, root);
        sn_cameo_base(cases[i].in, base);
        const char *in = cases[i].in ? cases[i].in : "(null)";
        if (strcmp(root, cases[i].root))
            fail_msg("root(\"%s\") = \"%s\", want \"%s\"", in, root, cases[i].root);
        if (strcmp(base, cases[i].base))
            fail_msg("base(\"%s\") = \"%s\", want \"%s\"", in, base, cases[i].base);
    }
}

/* Parse "-10.0", "3.4", "0" into tenths; 0 on success, -1 if malformed. */
static int parse_tenths(const char *s, int *out)
{
    int neg = 0, v = 0, digits = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    while (*s >= '0' && *s <= '9' && digits < 4) {
        v = v * 10 + (*s++ - '0');
        digits++;
    }
    if (!digits)
        return -1;
    v *= 10;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return -1;
        v += *s++ - '0';
        while (*s == '0')  /* "3.40" */
            s++;
    }
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    if (*s)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

static void test_goldstein_matches_gdelt(void **state)
{
    (void)state;
    FILE *f = fopen(GOLDSTEIN_TSV, "r");
    if (!f) {
        print_message("skipping: %s not found (run from the project root with "
                      "../shared present to compare with GDELT)\n", GOLDSTEIN_TSV);
        skip();
    }
    static char gdelt[1024][8];
    char line[256];
    size_t seen = 0, bad = 0;
    long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *tab = strchr(line, '\t');
        if (!tab || line[0] < '0' || line[0] > '9')
            continue;  /* header or blank */
        *tab = '\0';
        int want;
        if (!is_code_shape(line) || parse_tenths(tab + 1, &want)) {
            print_error("%s:%ld: cannot read this line\n", GOLDSTEIN_TSV, ln);
            bad++;
            continue;
        }
        if (seen < sizeof gdelt / sizeof gdelt[0])
            strcpy(gdelt[seen], line);
        seen++;
        const sn_cameo *c = sn_cameo_find(line);
        if (!c) {
            print_error("GDELT code %s is missing from our table\n", line);
            bad++;
        } else if (tenths(c->goldstein) != want) {
            print_error("%s: our Goldstein %.1f, GDELT's %.1f\n", line, c->goldstein,
                        want / 10.0);
            bad++;
        }
    }
    fclose(f);
    assert_true(seen > 0);
    assert_true(seen <= sizeof gdelt / sizeof gdelt[0]);

    /* Our codes that GDELT's table lacks take their parent's value (see
     * data/events/cameo.txt); list them so a change is visible. */
    size_t extra = 0;
    for (size_t i = 0; i < sn_cameo_count(); i++) {
        const char *code = sn_cameo_at(i)->code;
        size_t k = 0;
        while (k < seen && strcmp(gdelt[k], code))
            k++;
        if (k == seen) {
            if (!extra++)
                print_message("codes not in GDELT's Goldstein table:");
            print_message(" %s", code);
        }
    }
    if (extra)
        print_message("\n");
    print_message("compared %zu GDELT Goldstein values, %zu mismatches\n", seen, bad);
    assert_int_equal(bad, 0);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* One "CODE: TYPE, MODE, CONTEXT # note" entry; a code may be listed twice. */
typedef struct plover_entry {
    char code[8], type[32], mode[32];
} plover_entry;

static void test_plover_matches_table(void **state)
{
    (void)state;
    FILE *f = fopen(PLOVER_TXT, "r");
    if (!f) {
        print_message("skipping: %s not found (run from the project root with "
                      "../shared present to compare with PLOVER)\n", PLOVER_TXT);
        skip();
    }
    static plover_entry ents[1024];
    size_t n = 0;
    char line[512];
    while (fgets(line, sizeof line, f) && n < sizeof ents / sizeof ents[0]) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(line), *colon = strchr(s, ':');
        if (!colon || s[0] < '0' || s[0] > '9')
            continue;
        *colon = '\0';
        if (!is_code_shape(s) || strlen(s) >= sizeof ents[n].code)
            continue;
        plover_entry *e = &ents[n];
        memset(e, 0, sizeof *e);
        strcpy(e->code, s);
        char *rest = colon + 1, *comma = strchr(rest, ',');
        if (comma)
            *comma = '\0';
        snprintf(e->type, sizeof e->type, "%s", trim(rest));
        if (comma) {
            char *mode = comma + 1, *c2 = strchr(mode, ',');
            if (c2)
                *c2 = '\0';
            snprintf(e->mode, sizeof e->mode, "%s", trim(mode));
        }
        if (e->type[0])
            n++;
    }
    fclose(f);
    assert_true(n > 0);

    size_t checked = 0, bad = 0;
    for (size_t i = 0; i < n; i++) {
        const plover_entry *e = &ents[i];
        const sn_cameo *c = sn_cameo_find(e->code);
        if (!c) {
            print_message("note: PLOVER table lists %s, which our table (GDELT's code "
                          "list) does not define\n", e->code);
            continue;
        }
        checked++;
        /* A code listed more than once (root 08) may match any of its entries. */
        int ok = 0;
        for (size_t k = 0; k < n && !ok; k++)
            if (!strcmp(ents[k].code, e->code) && !strcmp(ents[k].type, c->plover_type) &&
                (!ents[k].mode[0] || !strcmp(ents[k].mode, c->plover_mode)))
                ok = 1;
        if (!ok) {
            print_error("%s: ours %s/%s, PLOVER table %s/%s\n", e->code, c->plover_type,
                        c->plover_mode[0] ? c->plover_mode : "-", e->type,
                        e->mode[0] ? e->mode : "-");
            bad++;
        }
    }
    print_message("compared %zu PLOVER entries, %zu mismatches\n", checked, bad);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roots_present),
        cmocka_unit_test(test_rows_well_formed),
        cmocka_unit_test(test_every_code_has_root_and_base),
        cmocka_unit_test(test_quad_rule),
        cmocka_unit_test(test_goldstein_range),
        cmocka_unit_test(test_find_known),
        cmocka_unit_test(test_find_unknown),
        cmocka_unit_test(test_root_base_helpers),
        cmocka_unit_test(test_goldstein_matches_gdelt),
        cmocka_unit_test(test_plover_matches_table),
    };
    return cmocka_run_group_tests_name("cameo", tests, NULL, NULL);
}
