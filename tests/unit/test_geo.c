/*
 * tests/unit/test_geo.c — unit tests of geolocation through the public
 * API: the gazetteer image (built in, opened from a file, and refused when
 * damaged: truncated, a foreign magic, records pointing outside their
 * sections), name look-ups with aliases and transliterations, dated
 * renamings, time-bounded control of disputed places, event locations
 * (an actor's place word is no location, a list of cities is no pin), and
 * the canonical South Ossetia article from ../shared (skipped when absent).
 *
 *   test_geo BUILD/sentinel.geo
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <cmocka.h>
#include "support.h"
#include "sentinel/sentinel.h"

static const char *image_path;

/* Allocation counting: tests/meson.build links this test with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so every allocation the
 * library makes passes here. */
static volatile int counting;
static unsigned long allocations;
void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n)
{
    allocations += counting != 0;
    return __real_malloc(n);
}
void *__wrap_calloc(size_t k, size_t n)
{
    allocations += counting != 0;
    return __real_calloc(k, n);
}
void *__wrap_realloc(void *p, size_t n)
{
    allocations += counting != 0;
    return __real_realloc(p, n);
}
static sn_analyzer *an;
static sn_coder *coder;
static sn_geocoder *gc;

static int setup(void **state)
{
    (void)state;
    return sn_analyzer_new(&an, NULL) || sn_coder_new(&coder, sn_dict_builtin()) ||
           sn_geocoder_new(&gc, sn_gazetteer_builtin());
}

static int teardown(void **state)
{
    (void)state;
    sn_geocoder_free(gc);
    sn_coder_free(coder);
    sn_analyzer_free(an);
    return 0;
}

/* The most populous feature of kind k in country c that name denotes. */
static uint32_t find(const char *name, sn_geo_kind k, const char *country)
{
    const sn_gazetteer *g = sn_gazetteer_builtin();
    uint32_t ids[64], hit = UINT32_MAX, pop = 0;
    uint32_t n = sn_gazetteer_lookup(g, name, strlen(name), ids, 64);
    for (uint32_t i = 0; i < n && i < 64; i++) {
        sn_feature f;
        assert_int_equal(sn_gazetteer_feature(g, ids[i], &f), 0);
        if (f.kind == k && !strcmp(f.country, country) && (hit == UINT32_MAX || f.population > pop)) {
            hit = ids[i];
            pop = f.population;
        }
    }
    if (hit == UINT32_MAX)
        fail_msg("no %s %s in %s", sn_geo_kind_name(k), name, country);
    return hit;
}

static void builtin_holds_the_registries_and_the_curated_file(void **state)
{
    (void)state;
    const sn_gazetteer *g = sn_gazetteer_builtin();
    assert_non_null(g);
    sn_gazetteer_stats s;
    sn_gazetteer_get_stats(g, &s);
    assert_true(s.countries >= 240);
    assert_true(s.adm1 >= 3000);
    assert_true(s.places >= 100000);
    assert_true(s.curated >= 100);
    assert_true(s.controls >= 10);
    assert_true(s.renamings >= 4);
    sn_feature f;
    assert_int_equal(sn_gazetteer_feature(g, s.features, &f), -1);
}

static void aliases_and_transliterations(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        {"Kiev", "Kyiv"}, {"Kharkov", "Kharkiv"}, {"Lugansk", "Luhansk"}, {"Artemivsk", "Bakhmut"},
        {"Tskhinval", "Tskhinvali"}, {"Sukhumi", "Sokhumi"}, {"Stepanakert", "Khankendi"},
        {"Dnipropetrovsk", "Dnipro"}, {"Slavyansk", "Sloviansk"}, {"Sebastopol", "Sevastopol"},
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        const char *country = !strcmp(same[i][1], "Tskhinvali") || !strcmp(same[i][1], "Sokhumi") ? "GEO"
                              : !strcmp(same[i][1], "Khankendi")                                  ? "AZE"
                                                                                                  : "UKR";
        assert_int_equal(find(same[i][0], SN_GEO_PLACE, country), find(same[i][1], SN_GEO_PLACE, country));
    }
    sn_feature f;
    assert_int_equal(sn_gazetteer_feature(sn_gazetteer_builtin(), find("krasnohorivka", SN_GEO_PLACE, "UKR"), &f), 0);
    assert_string_equal(f.adm1, "UA-14");
    assert_true(f.lat > 47.8 && f.lat < 48.2 && f.lon > 37.3 && f.lon < 37.7);
    assert_int_equal(sn_gazetteer_feature(sn_gazetteer_builtin(), find("Donetsk Oblast", SN_GEO_ADM1, "UKR"), &f), 0);
    assert_string_equal(f.feature_id, "iso3166-2:UA-14");
    assert_int_equal(sn_gazetteer_feature(sn_gazetteer_builtin(), find("South Ossetia", SN_GEO_REGION, "GEO"), &f), 0);
    assert_string_equal(f.feature_id, "sentinel:south-ossetia");
    uint32_t none[4];
    assert_int_equal(sn_gazetteer_lookup(sn_gazetteer_builtin(), "Nowhereville Xq", 15, none, 4), 0);
}

static void renamings_are_dated(void **state)
{
    (void)state;
    const sn_gazetteer *g = sn_gazetteer_builtin();
    uint32_t b = find("Bakhmut", SN_GEO_PLACE, "UKR");
    sn_date d2015 = {2015, 6, 1}, d2020 = {2020, 1, 1}, d1920 = {1920, 1, 1};
    assert_string_equal(sn_gazetteer_name_at(g, b, &d2015), "Artemivsk");
    assert_null(sn_gazetteer_name_at(g, b, &d2020));
    assert_null(sn_gazetteer_name_at(g, b, &d1920));
}

static void control_is_time_bounded(void **state)
{
    (void)state;
    const sn_gazetteer *g = sn_gazetteer_builtin();
    const char *dj, *df;
    sn_date d2013 = {2013, 5, 1}, d2015 = {2015, 3, 16}, d2020 = {2020, 10, 5}, d2024 = {2024, 2, 1};
    uint32_t sev = find("Sevastopol", SN_GEO_PLACE, "UKR");
    assert_int_equal(sn_gazetteer_control(g, sev, &d2013, &dj, &df), 0);
    assert_int_equal(sn_gazetteer_control(g, sev, &d2015, &dj, &df), 1);
    assert_string_equal(dj, "UKR");
    assert_string_equal(df, "RUS");
    uint32_t sim = find("Simferopol", SN_GEO_PLACE, "UKR"); /* through its subdivision, Crimea */
    assert_int_equal(sn_gazetteer_control(g, sim, &d2015, &dj, &df), 1);
    assert_string_equal(df, "RUS");
    uint32_t tsk = find("Tskhinvali", SN_GEO_PLACE, "GEO");
    assert_int_equal(sn_gazetteer_control(g, tsk, &d2015, &dj, &df), 1);
    assert_string_equal(dj, "GEO");
    assert_string_equal(df, "XSO+RUS");
    uint32_t stp = find("Stepanakert", SN_GEO_PLACE, "AZE");
    assert_int_equal(sn_gazetteer_control(g, stp, &d2020, &dj, &df), 1);
    assert_string_equal(df, "XNK");
    assert_int_equal(sn_gazetteer_control(g, stp, &d2024, &dj, &df), 1);
    assert_string_equal(df, "AZE");
    assert_int_equal(sn_gazetteer_control(g, find("Lviv", SN_GEO_PLACE, "UKR"), &d2015, &dj, &df), 0);
}

/* A private copy of the image file, for damaging. */
static unsigned char *load_image(size_t *n)
{
    FILE *f = fopen(image_path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc(*n);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, *n, f), *n);
    fclose(f);
    return p;
}

static uint32_t u32(const unsigned char *p, size_t off)
{
    uint32_t v;
    memcpy(&v, p + off, 4);
    return v;
}

static void put32(unsigned char *p, size_t off, uint32_t v) { memcpy(p + off, &v, 4); }

static void refused(unsigned char *img, size_t n, const char *why)
{
    sn_gazetteer *g = NULL;
    sn_error err = {0};
    assert_int_equal(sn_gazetteer_view(img, n, &g, &err), SN_ERR_INVALID);
    assert_null(g);
    if (!strstr(err.msg, why))
        fail_msg("expected '%s', got '%s'", why, err.msg);
}

static void image_file_opens_and_damage_is_refused(void **state)
{
    (void)state;
    sn_gazetteer *g = NULL;
    sn_error err;
    assert_int_equal(sn_gazetteer_open(image_path, &g, &err), SN_OK);
    uint32_t ids[4];
    assert_true(sn_gazetteer_lookup(g, "tskhinvali", 10, ids, 4) >= 1);
    sn_gazetteer_close(g);
    assert_int_equal(sn_gazetteer_open("/nonexistent/sentinel.geo", &g, &err), SN_ERR_NOTFOUND);

    size_t n;
    unsigned char *img = load_image(&n);
    assert_int_equal(sn_gazetteer_view(img, n, &g, &err), SN_OK);
    sn_gazetteer_close(g);
    refused(img, n - 1, "truncated");
    refused(img, 10, "not a Sentinel gazetteer");
    img[0] ^= 1;
    refused(img, n, "not a Sentinel gazetteer");
    img[0] ^= 1;
    uint32_t feat_off = u32(img, 20), names_off = u32(img, 28), str_len = u32(img, 48), nfeat = u32(img, 16);
    put32(img, 28, (uint32_t)n); /* the names section past the end */
    refused(img, n, "outside the file");
    put32(img, 28, names_off);
    uint32_t name0 = u32(img, feat_off);
    put32(img, feat_off, str_len + 5); /* a feature's name past the string pool */
    refused(img, n, "points outside");
    put32(img, feat_off, name0);
    uint32_t parent = u32(img, feat_off + 20);
    put32(img, feat_off + 20, nfeat + 7); /* a parent that does not exist */
    refused(img, n, "points outside");
    put32(img, feat_off + 20, parent);
    uint32_t nfeat_of_name = u32(img, names_off + 8);
    put32(img, names_off + 8, nfeat); /* a name of a feature that does not exist */
    refused(img, n, "points outside");
    put32(img, names_off + 8, nfeat_of_name);
    assert_int_equal(sn_gazetteer_view(img, n, &g, &err), SN_OK);
    sn_gazetteer_close(g);
    free(img);
}

/* Random damage: every image the checks accept must still be safe to use. */
static void random_damage_is_refused_or_harmless(void **state)
{
    (void)state;
    size_t n;
    unsigned char *img = load_image(&n);
    unsigned char *copy = malloc(n);
    assert_non_null(copy);
    uint32_t seed = 12345;
    int refused_n = 0, accepted = 0;
    for (int round = 0; round < 120; round++) {
        memcpy(copy, img, n);
        for (int k = 0; k < 4; k++) {
            seed = seed * 1103515245u + 12345u;
            /* the header and the first records, where damage matters most, and anywhere */
            size_t at = (round & 1) ? (seed >> 8) % 4096 : (seed >> 4) % n;
            seed = seed * 1103515245u + 12345u;
            copy[at] ^= (unsigned char)(1 + (seed >> 24) % 255);
        }
        sn_gazetteer *g = NULL;
        sn_error err;
        if (sn_gazetteer_view(copy, n, &g, &err) != SN_OK) {
            refused_n++;
            continue;
        }
        accepted++;
        uint32_t ids[8];
        sn_gazetteer_lookup(g, "kyiv", 4, ids, 8);
        sn_geocoder *local;
        assert_int_equal(sn_geocoder_new(&local, g), SN_OK);
        sn_date d = {2015, 3, 16};
        const sn_doc *doc;
        const sn_event *ev;
        const sn_location *const *locs;
        uint32_t ne;
        const char *text = "Russian troops shelled Donetsk and Kyiv, near Tskhinvali, Georgia.";
        assert_int_equal(sn_analyze(an, text, strlen(text), &d, &doc), SN_OK);
        assert_int_equal(sn_code(coder, doc, &ev, &ne), SN_OK);
        assert_int_equal(sn_geocode(local, doc, ev, ne, &locs), SN_OK);
        sn_geocoder_free(local);
        sn_gazetteer_close(g);
    }
    assert_true(refused_n > 0);
    assert_int_equal(refused_n + accepted, 120);
    free(copy);
    free(img);
}

static const sn_location *const *geocode(const char *text, const char *date, const sn_event **ev, uint32_t *n)
{
    sn_date d;
    const sn_doc *doc;
    const sn_location *const *locs;
    assert_int_equal(sn_date_parse(date, strlen(date), &d), 0);
    assert_int_equal(sn_analyze(an, text, strlen(text), &d, &doc), SN_OK);
    assert_int_equal(sn_code(coder, doc, ev, n), SN_OK);
    assert_int_equal(sn_geocode(gc, doc, *ev, *n, &locs), SN_OK);
    return locs;
}

static void an_actors_place_word_is_no_location(void **state)
{
    (void)state;
    const sn_event *ev;
    uint32_t n;
    const sn_location *const *l = geocode("Georgia's foreign ministry condemned the treaty.", "2015-03-16", &ev, &n);
    assert_true(n >= 1);
    for (uint32_t i = 0; i < n; i++) {
        assert_null(l[i]);
        const sn_location *src, *tgt;
        sn_geocode_actors(gc, i, &src, &tgt); /* the actor's place, GDELT's Actor1Geo */
        assert_non_null(src);
        assert_string_equal(src->feature_id, "iso3166-1:GEO");
        assert_string_equal(sn_geo_precision_name(src->precision), "country");
    }
    l = geocode("The Donetsk authorities announced a curfew in Horlivka.", "2015-03-16", &ev, &n);
    for (uint32_t i = 0; i < n; i++) {
        const sn_location *src, *tgt;
        sn_geocode_actors(gc, i, &src, &tgt);
        if (src)
            assert_string_equal(src->name, "Donetsk");
    }
}

static void a_list_of_ten_cities_is_no_pin(void **state)
{
    (void)state;
    const sn_event *ev;
    uint32_t n, pins = 0, mariupol = 0;
    const sn_location *const *l = geocode("Russian rockets struck Mariupol on Saturday, killing 30 people.\n\n"
                                          "The president has visited Paris, London, Berlin, Rome, Madrid, Warsaw, "
                                          "Prague, Vienna, Brussels and Lisbon this year.",
                                          "2015-01-26", &ev, &n);
    assert_true(n >= 2); /* the strike and the visits */
    const char *seen[SN_GEO_MAX_EVENTS];
    for (uint32_t i = 0; i < n; i++) {
        if (!l[i])
            continue;
        int dup = 0;
        for (uint32_t k = 0; k < pins; k++)
            dup |= !strcmp(seen[k], l[i]->feature_id);
        if (!dup)
            seen[pins++] = l[i]->feature_id;
        mariupol += !strcmp(l[i]->name, "Mariupol");
    }
    assert_int_equal(pins, 1);
    assert_true(mariupol >= 1);
}

static void sevastopol_event_has_both_holders(void **state)
{
    (void)state;
    const sn_event *ev;
    uint32_t n;
    const sn_location *const *l = geocode("Russian troops seized the naval base in Sevastopol.", "2014-03-20", &ev, &n);
    assert_true(n >= 1);
    assert_non_null(l[0]);
    assert_string_equal(l[0]->name, "Sevastopol");
    assert_string_equal(l[0]->de_jure, "UKR");
    assert_string_equal(l[0]->de_facto, "RUS");
    assert_string_equal(sn_geo_precision_name(l[0]->precision), "place");
    assert_false(l[0]->from_dateline);
}

/* The sentence of doc that contains needle. */
static int sentence_with(const sn_doc *doc, const char *needle)
{
    size_t len;
    const char *text = sn_doc_text(doc, &len);
    const char *p = strstr(text, needle);
    uint32_t ns;
    const sn_sentence *st = sn_doc_sentences(doc, &ns);
    for (uint32_t s = 0; p && s < ns; s++)
        if ((size_t)(p - text) >= st[s].off && (size_t)(p - text) < st[s].off + st[s].len)
            return (int)s;
    fail_msg("no sentence with '%s'", needle);
    return -1;
}

static void south_ossetia_sample(void **state)
{
    (void)state;
    char *text = read_sample();
    if (!text) {
        print_message("skipped: ../shared/samples/south-ossetia-2015.txt is absent\n");
        skip();
    }
    sn_date d = {2015, 3, 16};
    const sn_doc *doc;
    const sn_event *ev;
    const sn_location *const *l;
    uint32_t n;
    assert_int_equal(sn_analyze(an, text, strlen(text), &d, &doc), SN_OK);
    assert_int_equal(sn_code(coder, doc, &ev, &n), SN_OK);
    assert_int_equal(sn_geocode(gc, doc, ev, n, &l), SN_OK);
    int treaty = 0;
    for (uint32_t i = 0; i < n; i++) {
        assert_non_null(l[i]);
        /* no event of this article is placed in Crimea, Donetsk or Luhansk */
        assert_null(strstr("Crimea Donetsk Luhansk", l[i]->name));
        assert_string_not_equal(l[i]->adm1, "UA-43");
        assert_string_not_equal(l[i]->adm1, "UA-14");
        assert_string_not_equal(l[i]->adm1, "UA-09");
        if (!strcmp(ev[i].code, "057")) {
            treaty = 1;
            assert_string_equal(l[i]->feature_id, "sentinel:south-ossetia");
            assert_string_equal(l[i]->de_jure, "GEO");
            assert_string_equal(l[i]->de_facto, "XSO+RUS");
        }
    }
    assert_true(treaty);
    /* the troops: "soldiers on the ground in South Ossetia" and "troops in the region" */
    static const char *const troops[] = {"soldiers on the ground", "thousands of troops", "stationed troops"};
    for (size_t i = 0; i < sizeof troops / sizeof *troops; i++) {
        const sn_location *s = sn_geocode_sentence(gc, (uint32_t)sentence_with(doc, troops[i]));
        assert_non_null(s);
        assert_string_equal(s->feature_id, "sentinel:south-ossetia");
    }
    /* the comparison sentence names Crimea, Donetsk and Luhansk; its place is still South Ossetia */
    const sn_location *cmp = sn_geocode_sentence(gc, (uint32_t)sentence_with(doc, "proxy war like in Crimea"));
    assert_non_null(cmp);
    assert_string_equal(cmp->feature_id, "sentinel:south-ossetia");
}

static int discard(void *ctx, const char *p, size_t n)
{
    (void)ctx, (void)p, (void)n;
    return 0;
}

/* The hot path makes no allocation: geocoding an article, its sentences
 * and its actors' places, after the workspace was made. */
static void geocoding_allocates_nothing(void **state)
{
    (void)state;
    char *text = read_sample();
    const char *article = text ? text
                               : "Russian tanks in South Ossetia moved closer to Tskhinvali.\n\n"
                                 "Clashes broke out near Krasnohorivka, Donetsk Oblast, and in Atlanta, Georgia.";
    sn_date d = {2015, 3, 16};
    const sn_doc *doc;
    const sn_event *ev;
    const sn_location *const *l;
    uint32_t n, ns;
    assert_int_equal(sn_analyze(an, article, strlen(article), &d, &doc), SN_OK);
    assert_int_equal(sn_code(coder, doc, &ev, &n), SN_OK);
    sn_doc_sentences(doc, &ns);
    counting = 1;
    allocations = 0;
    for (int round = 0; round < 3; round++) {
        assert_int_equal(sn_geocode(gc, doc, ev, n, &l), SN_OK);
        for (uint32_t s = 0; s < ns; s++)
            (void)sn_geocode_sentence(gc, s);
        for (uint32_t i = 0; i < n; i++) {
            const sn_location *a, *b;
            sn_geocode_actors(gc, i, &a, &b);
        }
    }
    counting = 0;
    assert_int_equal(allocations, 0);
    /* the counter works: writing JSON does allocate its buffer */
    counting = 1;
    assert_int_equal(sn_location_write_json(l[0], discard, NULL), SN_OK);
    counting = 0;
    assert_true(allocations > 0);
}

/* Geocoders in parallel threads share the one read-only gazetteer. */
typedef struct worker {
    char first[64];
    int located, ok;
} worker;

static void *geocode_thread(void *arg)
{
    worker *w = arg;
    sn_analyzer *a;
    sn_coder *c;
    sn_geocoder *g;
    const char *text = "Russian troops shelled Avdiivka and Horlivka. Protests were held in Tbilisi. "
                       "Russian tanks moved into South Ossetia near Tskhinvali.";
    sn_date d = {2015, 3, 16};
    if (sn_analyzer_new(&a, NULL) || sn_coder_new(&c, sn_dict_builtin()) ||
        sn_geocoder_new(&g, sn_gazetteer_builtin()))
        return NULL;
    w->ok = 1;
    for (int round = 0; round < 50 && w->ok; round++) {
        const sn_doc *doc;
        const sn_event *ev;
        const sn_location *const *l;
        uint32_t n;
        if (sn_analyze(a, text, strlen(text), &d, &doc) || sn_code(c, doc, &ev, &n) || sn_geocode(g, doc, ev, n, &l)) {
            w->ok = 0;
            break;
        }
        int located = 0;
        for (uint32_t i = 0; i < n; i++)
            located += l[i] != NULL;
        const sn_location *s0 = sn_geocode_sentence(g, 0);
        char first[64];
        snprintf(first, sizeof first, "%s", s0 ? s0->feature_id : "null");
        if (round == 0) {
            memcpy(w->first, first, sizeof first);
            w->located = located;
        } else if (strcmp(first, w->first) || located != w->located) {
            w->ok = 0;
        }
    }
    sn_geocoder_free(g);
    sn_coder_free(c);
    sn_analyzer_free(a);
    return NULL;
}

static void geocoders_in_parallel_threads(void **state)
{
    (void)state;
    pthread_t t[4];
    worker w[4] = {0};
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, geocode_thread, &w[i]), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++) {
        assert_true(w[i].ok);
        assert_string_equal(w[i].first, w[0].first);
        assert_int_equal(w[i].located, w[0].located);
    }
    assert_string_not_equal(w[0].first, "null");
}

static void hostile_input_is_bounded(void **state)
{
    (void)state;
    char *many = repeat("Fighting in Donetsk, Luhansk, Kharkiv and Kyiv. ", 3000);
    const sn_event *ev;
    uint32_t n;
    const sn_location *const *l = geocode(many, "2015-03-16", &ev, &n);
    (void)l;
    free(many);
    char *caps = repeat("Paris London Berlin Rome Madrid ", 2000);
    l = geocode(caps, "2015-03-16", &ev, &n);
    free(caps);
}

int main(int argc, char **argv)
{
    image_path = argc > 1 ? argv[1] : "build/sentinel.geo";
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_holds_the_registries_and_the_curated_file),
        cmocka_unit_test(aliases_and_transliterations),
        cmocka_unit_test(renamings_are_dated),
        cmocka_unit_test(control_is_time_bounded),
        cmocka_unit_test(image_file_opens_and_damage_is_refused),
        cmocka_unit_test(random_damage_is_refused_or_harmless),
        cmocka_unit_test(an_actors_place_word_is_no_location),
        cmocka_unit_test(a_list_of_ten_cities_is_no_pin),
        cmocka_unit_test(sevastopol_event_has_both_holders),
        cmocka_unit_test(south_ossetia_sample),
        cmocka_unit_test(geocoding_allocates_nothing),
        cmocka_unit_test(geocoders_in_parallel_threads),
        cmocka_unit_test(hostile_input_is_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
