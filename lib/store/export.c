/*
 * lib/store/export.c — the store's exports, written through a write
 * callback: GDELT 2.0 Events and Mentions TSV (every column, in GDELT's
 * order), ACLED-style CSV, JSON Lines, GeoJSON, and plain CSV/TSV of the
 * events (docs/storage.md, "Exports"). GDELT and ACLED fields Sentinel
 * does not measure (tone, ethnic and religious codes) are left empty or 0,
 * as stated in docs/storage.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/internal.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/json.h"

static const char *const gdelt_events[] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
};

static const char *const gdelt_mentions[] = {
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
};

const char *const *sn_gdelt_event_columns(size_t *n)
{
    *n = sizeof gdelt_events / sizeof *gdelt_events;
    return gdelt_events;
}

const char *const *sn_gdelt_mention_columns(size_t *n)
{
    *n = sizeof gdelt_mentions / sizeof *gdelt_mentions;
    return gdelt_mentions;
}

int sn_export_format_from_name(const char *name)
{
    static const char *const names[] = {"gdelt", "gdelt-mentions", "jsonl", "geojson", "acled", "csv", "tsv"};
    for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
        if (!strcmp(name, names[i]))
            return i;
    return -1;
}

typedef struct xp {
    sn_buf b;
    sn_write_fn write;
    void *ctx;
    int n, failed;
    char sep;
} xp;

static const char *nz(const char *s) { return s ? s : ""; }

/* A TSV cell: tabs and line breaks become spaces. */
static void tsv(sn_buf *b, const char *s)
{
    for (; s && *s; s++)
        sn_buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. */
static void csv(sn_buf *b, const char *s)
{
    if (!s || !strpbrk(s, ",\"\r\n")) {
        sn_buf_adds(b, nz(s));
        return;
    }
    sn_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            sn_buf_addc(b, '"');
        sn_buf_addc(b, *s);
    }
    sn_buf_addc(b, '"');
}

static void cell(xp *x, const char *s, int first)
{
    if (!first)
        sn_buf_addc(&x->b, x->sep);
    if (x->sep == ',')
        csv(&x->b, s);
    else
        tsv(&x->b, s);
}

static int flush(xp *x)
{
    sn_buf_addc(&x->b, '\n');
    int r = x->write(x->ctx, x->b.p, x->b.len);
    sn_buf_reset(&x->b);
    if (r)
        x->failed = 1;
    return r;
}

static void header(xp *x, const char *const *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cell(x, cols[i], i == 0);
    flush(x);
}

/* "2008-08-09" as "20080809" (partial dates keep their zeros). */
static void compact_date(const char *iso, char out[9])
{
    size_t k = 0;
    for (const char *p = nz(iso); *p && k < 8; p++)
        if (*p >= '0' && *p <= '9')
            out[k++] = *p;
    while (k < 8)
        out[k++] = '0';
    out[8] = 0;
}

static int gdelt_geo_type(const sn_stored_event *e)
{
    if (!e->has_location)
        return 0;
    if (!strcmp(nz(e->geo_precision), "country") || !strcmp(nz(e->geo_precision), "region"))
        return 1; /* COUNTRY */
    if (!strcmp(nz(e->geo_precision), "adm1"))
        return 5; /* WORLDSTATE */
    return 4;     /* WORLDCITY */
}

static int gdelt_row(void *ctx, const sn_stored_event *e)
{
    xp *x = ctx;
    char v[64], d[9];
    compact_date(e->date, d);
    int y = atoi(d) / 10000, m = atoi(d) / 100 % 100, day = atoi(d) % 100;
    int doy = m && day ? sn_date_to_days(&(sn_date){(int16_t)y, (uint8_t)m, (uint8_t)day}) -
                             sn_date_to_days(&(sn_date){(int16_t)y, 1, 1}) + 1
                       : 1;
    snprintf(v, sizeof v, "%lld", (long long)e->id), cell(x, v, 1);
    cell(x, d, 0);
    snprintf(v, sizeof v, "%.6s", d), cell(x, v, 0);
    snprintf(v, sizeof v, "%.4s", d), cell(x, v, 0);
    snprintf(v, sizeof v, "%.4f", y + doy / 365.0), cell(x, v, 0);
    const char *actors[2][4] = {{e->source_code, e->source_name, e->source_country, e->source_role},
                                {e->target_code, e->target_name, e->target_country, e->target_role}};
    for (int a = 0; a < 2; a++) {
        cell(x, actors[a][0], 0);
        char name[128] = "";
        for (size_t k = 0; actors[a][1] && actors[a][1][k] && k + 1 < sizeof name; k++) {
            char c = actors[a][1][k];
            name[k] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            name[k + 1] = 0;
        }
        cell(x, actors[a][0] ? name : "", 0);
        cell(x, actors[a][2], 0);
        cell(x, actors[a][0] && !(actors[a][2] && *actors[a][2]) ? actors[a][0] : "", 0); /* known group */
        cell(x, "", 0), cell(x, "", 0), cell(x, "", 0);
        cell(x, actors[a][3], 0), cell(x, "", 0), cell(x, "", 0);
    }
    cell(x, "1", 0);
    cell(x, e->code, 0), cell(x, e->base_code, 0), cell(x, e->root_code, 0);
    snprintf(v, sizeof v, "%d", e->quad_class), cell(x, v, 0);
    snprintf(v, sizeof v, "%.1f", e->goldstein), cell(x, v, 0);
    snprintf(v, sizeof v, "%u", e->num_mentions), cell(x, v, 0);
    snprintf(v, sizeof v, "%u", e->num_sources), cell(x, v, 0);
    snprintf(v, sizeof v, "%u", e->num_articles), cell(x, v, 0);
    cell(x, "0", 0); /* AvgTone: not measured */
    for (int a = 0; a < 2; a++) { /* actors' places are not stored: type 0, as GDELT writes for none */
        cell(x, "0", 0);
        for (int k = 0; k < 7; k++)
            cell(x, "", 0);
    }
    snprintf(v, sizeof v, "%d", gdelt_geo_type(e)), cell(x, v, 0);
    if (e->has_location) {
        cell(x, e->place, 0), cell(x, e->place_country, 0), cell(x, e->place_adm1, 0), cell(x, "", 0);
        snprintf(v, sizeof v, "%.4f", e->lat), cell(x, v, 0);
        snprintf(v, sizeof v, "%.4f", e->lon), cell(x, v, 0);
        cell(x, e->feature_id, 0);
    } else {
        for (int k = 0; k < 7; k++)
            cell(x, "", 0);
    }
    compact_date(e->first_seen, d);
    snprintf(v, sizeof v, "%s000000", d), cell(x, v, 0);
    cell(x, e->source_url, 0);
    return flush(x);
}

static int mention_row(void *ctx, const sn_stored_mention *m)
{
    xp *x = ctx;
    char v[64], d[9];
    snprintf(v, sizeof v, "%lld", (long long)m->event_id), cell(x, v, 1);
    compact_date(m->event_date, d);
    snprintf(v, sizeof v, "%s000000", d), cell(x, v, 0);
    compact_date(m->seen, d);
    snprintf(v, sizeof v, "%s000000", d), cell(x, v, 0);
    cell(x, "1", 0); /* WEB */
    cell(x, m->source, 0), cell(x, m->url, 0);
    snprintf(v, sizeof v, "%u", m->sentence + 1), cell(x, v, 0);
    snprintf(v, sizeof v, "%d", m->source_off), cell(x, v, 0);
    snprintf(v, sizeof v, "%d", m->target_off), cell(x, v, 0);
    snprintf(v, sizeof v, "%d", m->cue_off >= 0 ? m->cue_off : (int)m->off), cell(x, v, 0);
    cell(x, "1", 0);
    snprintf(v, sizeof v, "%d", (int)(m->confidence * 100 + 0.5)), cell(x, v, 0);
    snprintf(v, sizeof v, "%zu", m->doc_len), cell(x, v, 0);
    cell(x, "0", 0), cell(x, "", 0);
    cell(x, m->retracted ? "retracted" : "", 0);
    return flush(x);
}

/* ---- ACLED ---- */

static void acled_type(const sn_stored_event *e, const char **type, const char **sub)
{
    const char *c = nz(e->code);
    int civ = e->target_role && !strcmp(e->target_role, "CVL");
    *type = "Strategic developments", *sub = "Other";
    if (!strncmp(c, "195", 3))
        *type = "Explosions/Remote violence", *sub = "Air/drone strike";
    else if (!strncmp(c, "194", 3))
        *type = "Explosions/Remote violence", *sub = "Shelling/artillery/missile attack";
    else if (!strncmp(c, "183", 3))
        *type = "Explosions/Remote violence", *sub = "Suicide bomb";
    else if (!strncmp(c, "19", 2))
        *type = civ ? "Violence against civilians" : "Battles", *sub = civ ? "Attack" : "Armed clash";
    else if (!strncmp(c, "181", 3))
        *type = "Violence against civilians", *sub = "Abduction/forced disappearance";
    else if (!strncmp(c, "18", 2) || !strncmp(c, "20", 2))
        *type = "Violence against civilians", *sub = "Attack";
    else if (!strncmp(c, "145", 3))
        *type = "Riots", *sub = "Violent demonstration";
    else if (!strncmp(c, "14", 2))
        *type = "Protests", *sub = "Peaceful protest";
    else if (!strncmp(c, "173", 3))
        *sub = "Arrests";
    else if (!strncmp(c, "057", 3) || !strncmp(c, "08", 2))
        *sub = "Agreement";
}

/* ACLED's interaction codes from the actor's role. */
static int acled_inter(const char *code, const char *role)
{
    if (!code)
        return 0;
    role = nz(role);
    if (!strcmp(role, "MIL") || !strcmp(role, "GOV") || !strcmp(role, "COP") || !strcmp(role, "SPY"))
        return 1;
    if (!strcmp(role, "REB") || !strcmp(role, "INS"))
        return 2;
    if (!strcmp(role, "UAF"))
        return 3;
    if (!strcmp(role, "CVL"))
        return 7;
    return 0;
}

static int acled_row(void *ctx, const sn_stored_event *e)
{
    xp *x = ctx;
    const char *type, *sub;
    char v[64];
    acled_type(e, &type, &sub);
    cell(x, e->date, 1);
    snprintf(v, sizeof v, "%.4s", nz(e->date)), cell(x, v, 0);
    const char *p = nz(e->date_precision);
    cell(x, !strcmp(p, "day") ? "1" : !strcmp(p, "year") ? "3" : "2", 0);
    cell(x, type, 0), cell(x, sub, 0);
    int i1 = acled_inter(e->source_code, e->source_role), i2 = acled_inter(e->target_code, e->target_role);
    cell(x, e->source_code, 0), snprintf(v, sizeof v, "%d", i1), cell(x, v, 0);
    cell(x, e->target_code, 0), snprintf(v, sizeof v, "%d", i2), cell(x, v, 0);
    snprintf(v, sizeof v, "%d%d", i1 < i2 ? i1 : i2, i1 < i2 ? i2 : i1), cell(x, v, 0);
    cell(x, e->place_country, 0), cell(x, e->place_adm1, 0), cell(x, "", 0), cell(x, "", 0);
    cell(x, e->place, 0);
    if (e->has_location) {
        snprintf(v, sizeof v, "%.5f", e->lat), cell(x, v, 0);
        snprintf(v, sizeof v, "%.5f", e->lon), cell(x, v, 0);
        const char *g = nz(e->geo_precision);
        cell(x, !strcmp(g, "place") ? "1" : !strcmp(g, "adm2") ? "2" : "3", 0);
    } else {
        cell(x, "", 0), cell(x, "", 0), cell(x, "", 0);
    }
    snprintf(v, sizeof v, "%u sources", e->num_sources);
    char src[512];
    snprintf(src, sizeof src, "%s (%s)", nz(e->source_url), v);
    cell(x, src, 0);
    cell(x, e->evidence, 0);
    if (e->fatalities >= 0)
        snprintf(v, sizeof v, "%d", e->fatalities);
    else
        v[0] = 0;
    cell(x, v, 0);
    return flush(x);
}

static const char *const acled_cols[] = {
    "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "inter1", "actor2",
    "inter2", "interaction", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities"};

/* ---- JSON ---- */

static void jstr(sn_buf *b, const char *key, const char *v)
{
    sn_json_key(b, key, 0);
    if (v)
        sn_json_str(b, v, strlen(v));
    else
        sn_buf_adds(b, "null");
}

static void event_json(sn_buf *b, const sn_stored_event *e)
{
    sn_buf_printf(b, "{\"id\":%lld", (long long)e->id);
    jstr(b, "date", e->date), jstr(b, "date_end", e->date_end), jstr(b, "date_precision", e->date_precision);
    sn_json_key(b, "source", 0);
    if (e->source_code) {
        sn_buf_addc(b, '{');
        sn_json_key(b, "code", 1), sn_json_str(b, e->source_code, strlen(e->source_code));
        jstr(b, "country", e->source_country), jstr(b, "role", e->source_role), jstr(b, "name", e->source_name);
        sn_buf_addc(b, '}');
    } else
        sn_buf_adds(b, "null");
    sn_json_key(b, "target", 0);
    if (e->target_code) {
        sn_buf_addc(b, '{');
        sn_json_key(b, "code", 1), sn_json_str(b, e->target_code, strlen(e->target_code));
        jstr(b, "country", e->target_country), jstr(b, "role", e->target_role), jstr(b, "name", e->target_name);
        sn_buf_addc(b, '}');
    } else
        sn_buf_adds(b, "null");
    jstr(b, "code", e->code), jstr(b, "base_code", e->base_code), jstr(b, "root_code", e->root_code);
    sn_buf_printf(b, ",\"quad_class\":%d,\"goldstein\":%.1f", e->quad_class, e->goldstein);
    jstr(b, "plover_type", e->plover_type), jstr(b, "plover_mode", e->plover_mode);
    jstr(b, "modality", e->modality);
    sn_buf_printf(b, ",\"historical\":%s,\"retracted\":%s", e->historical ? "true" : "false",
                  e->retracted ? "true" : "false");
    sn_json_key(b, "location", 0);
    if (e->has_location) {
        sn_buf_addc(b, '{');
        sn_json_key(b, "name", 1), sn_json_str(b, nz(e->place), strlen(nz(e->place)));
        jstr(b, "country", e->place_country), jstr(b, "adm1", e->place_adm1);
        sn_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f", e->lat, e->lon);
        jstr(b, "precision", e->geo_precision), jstr(b, "feature_id", e->feature_id);
        sn_buf_addc(b, '}');
    } else
        sn_buf_adds(b, "null");
    sn_buf_printf(b, ",\"num_mentions\":%u,\"num_sources\":%u,\"num_articles\":%u", e->num_mentions,
                  e->num_sources, e->num_articles);
    jstr(b, "first_seen", e->first_seen), jstr(b, "last_seen", e->last_seen);
    jstr(b, "evidence", e->evidence), jstr(b, "source_url", e->source_url);
    if (e->fatalities >= 0)
        sn_buf_printf(b, ",\"fatalities\":%d", e->fatalities);
    else
        sn_buf_adds(b, ",\"fatalities\":null");
    sn_buf_addc(b, '}');
}

static int jsonl_row(void *ctx, const sn_stored_event *e)
{
    xp *x = ctx;
    event_json(&x->b, e);
    return flush(x);
}

static int geojson_row(void *ctx, const sn_stored_event *e)
{
    xp *x = ctx;
    if (!e->has_location)
        return 0;
    sn_buf_adds(&x->b, x->n++ ? ",\n" : "\n");
    sn_buf_printf(&x->b, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]},"
                         "\"properties\":", e->lon, e->lat);
    event_json(&x->b, e);
    sn_buf_addc(&x->b, '}');
    int r = x->write(x->ctx, x->b.p, x->b.len);
    sn_buf_reset(&x->b);
    return r ? (x->failed = 1) : 0;
}

static const char *const table_cols[] = {
    "id", "date", "date_precision", "source", "target", "code", "root_code", "quad_class", "goldstein",
    "plover_type", "modality", "historical", "retracted", "location", "country", "lat", "lon", "num_mentions",
    "num_sources", "num_articles", "first_seen", "last_seen", "evidence"};

static int table_row(void *ctx, const sn_stored_event *e)
{
    xp *x = ctx;
    char v[64];
    snprintf(v, sizeof v, "%lld", (long long)e->id), cell(x, v, 1);
    cell(x, e->date, 0), cell(x, e->date_precision, 0), cell(x, e->source_code, 0), cell(x, e->target_code, 0);
    cell(x, e->code, 0), cell(x, e->root_code, 0);
    snprintf(v, sizeof v, "%d", e->quad_class), cell(x, v, 0);
    snprintf(v, sizeof v, "%.1f", e->goldstein), cell(x, v, 0);
    cell(x, e->plover_type, 0), cell(x, e->modality, 0);
    cell(x, e->historical ? "1" : "0", 0), cell(x, e->retracted ? "1" : "0", 0);
    cell(x, e->place, 0), cell(x, e->place_country, 0);
    if (e->has_location) {
        snprintf(v, sizeof v, "%.5f", e->lat), cell(x, v, 0);
        snprintf(v, sizeof v, "%.5f", e->lon), cell(x, v, 0);
    } else
        cell(x, "", 0), cell(x, "", 0);
    snprintf(v, sizeof v, "%u", e->num_mentions), cell(x, v, 0);
    snprintf(v, sizeof v, "%u", e->num_sources), cell(x, v, 0);
    snprintf(v, sizeof v, "%u", e->num_articles), cell(x, v, 0);
    cell(x, e->first_seen, 0), cell(x, e->last_seen, 0), cell(x, e->evidence, 0);
    return flush(x);
}

static const char geo_head[] = "{\"type\":\"FeatureCollection\",\"features\":[";

sn_rc sn_store_export(sn_store *s, sn_export_format fmt, const sn_event_filter *f, sn_write_fn write, void *ctx,
                      sn_error *err)
{
    xp x = {.write = write, .ctx = ctx, .sep = '\t'};
    sn_buf_init(&x.b, (size_t)64 << 20);
    sn_rc rc;
    size_t n;
    switch (fmt) {
    case SN_EXPORT_GDELT: /* GDELT's files have no header line */
        rc = sn_store_events(s, f, gdelt_row, &x, err);
        break;
    case SN_EXPORT_GDELT_MENTIONS:
        (void)sn_gdelt_mention_columns(&n);
        rc = sn_store_mentions(s, f, mention_row, &x, err);
        break;
    case SN_EXPORT_ACLED:
        x.sep = ',';
        header(&x, acled_cols, sizeof acled_cols / sizeof *acled_cols);
        rc = sn_store_events(s, f, acled_row, &x, err);
        break;
    case SN_EXPORT_JSONL:
        rc = sn_store_events(s, f, jsonl_row, &x, err);
        break;
    case SN_EXPORT_GEOJSON:
        x.failed |= write(ctx, geo_head, strlen(geo_head)) != 0;
        rc = sn_store_events(s, f, geojson_row, &x, err);
        x.failed |= write(ctx, "\n]}\n", 4) != 0;
        break;
    case SN_EXPORT_CSV:
    case SN_EXPORT_TSV:
        x.sep = fmt == SN_EXPORT_CSV ? ',' : '\t';
        header(&x, table_cols, sizeof table_cols / sizeof *table_cols);
        rc = sn_store_events(s, f, table_row, &x, err);
        break;
    default:
        sn_set_error(err, SN_ERR_INVALID, "unknown export format");
        rc = SN_ERR_INVALID;
    }
    sn_buf_free(&x.b);
    if (!rc && x.failed) {
        sn_set_error(err, SN_ERR_IO, "cannot write the export");
        rc = SN_ERR_IO;
    }
    return rc;
}
