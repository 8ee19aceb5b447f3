/*
 * lib/code/record.c — one event as a JSON object: the field names of
 * docs/formats.md ("event record") that users' scripts rely on, with the
 * event's location from lib/geo (null when it was not geocoded).
 */
#include <stdio.h>
#include <string.h>
#include "code/internal.h"
#include "util/json.h"
#include "geo/internal.h"

static sn_rc str_or_null(sn_buf *b, const char *key, const char *s, int first)
{
    sn_rc rc = sn_json_key(b, key, first);
    if (rc)
        return rc;
    return s ? sn_json_str(b, s, strlen(s)) : sn_buf_adds(b, "null");
}

static sn_rc actor(sn_buf *b, const char *key, const sn_actor_ref *a, const char *text, int full)
{
    sn_rc rc = sn_json_key(b, key, 0);
    if (rc || !a->code)
        return rc ? rc : sn_buf_adds(b, "null");
    rc = sn_buf_addc(b, '{');
    if (!rc)
        rc = str_or_null(b, "code", a->code, 1);
    if (!rc && (rc = sn_json_key(b, "text", 0)) == SN_OK) /* null: inferred, not in the text */
        rc = a->len ? sn_json_str(b, text + a->off, a->len) : sn_buf_adds(b, "null");
    if (!rc && full)
        rc = str_or_null(b, "country", *a->country ? a->country : NULL, 0);
    if (!rc && full)
        rc = str_or_null(b, "role", *a->role ? a->role : NULL, 0);
    if (!rc && full)
        rc = str_or_null(b, "type", a->type, 0);
    return rc ? rc : sn_buf_addc(b, '}');
}

static sn_rc rules(sn_buf *b, const char *r)
{
    sn_rc rc = sn_buf_adds(b, ",\"rules\":[");
    int first = 1;
    while (!rc && *r) {
        const char *sp = strchr(r, ' '); /* rules are separated by spaces */
        size_t n = sp ? (size_t)(sp - r) : strlen(r);
        if (n) {
            rc = first ? SN_OK : sn_buf_addc(b, ',');
            if (!rc)
                rc = sn_json_str(b, r, n);
            first = 0;
        }
        r += n + (sp != NULL);
    }
    return rc ? rc : sn_buf_addc(b, ']');
}

static sn_rc body(sn_buf *b, const sn_event *e, const sn_location *const geo[3], const char *text,
                  const char *article_id, uint32_t index)
{
    char date[24], end[12];
    sn_date_format(&e->date_begin, date);
    if (e->date_precision == SN_PREC_RANGE) {
        sn_date_format(&e->date_end, end);
        snprintf(date + strlen(date), sizeof date - strlen(date), "/%s", end);
    }
    sn_rc rc = sn_buf_printf(b, "{\"id\":\"%s-%u\"", article_id ? article_id : "doc", index);
    if (!rc)
        rc = str_or_null(b, "article_id", article_id, 0);
    if (!rc)
        rc = sn_buf_printf(b, ",\"sentence\":%u,\"span\":[%u,%u]", e->sentence, e->off, e->off + e->len);
    if (!rc)
        rc = actor(b, "source", &e->source, text, 1);
    if (!rc)
        rc = actor(b, "target", &e->target, text, 1);
    if (!rc)
        rc = sn_buf_printf(b,
                           ",\"code\":\"%s\",\"base_code\":\"%s\",\"root_code\":\"%s\",\"quad_class\":%d,"
                           "\"goldstein\":%.1f,\"plover\":{\"type\":\"%s\",\"mode\":\"%s\"}",
                           e->code, e->base_code, e->root_code, e->quad_class, e->goldstein,
                           e->plover_type ? e->plover_type : "", e->plover_mode ? e->plover_mode : "");
    if (!rc)
        rc = sn_buf_printf(b, ",\"modality\":\"%s\"", sn_modality_name(e->modality));
    if (!rc)
        rc = actor(b, "attribution", &e->attribution, text, 0);
    if (!rc && (rc = sn_json_key(b, "cue", 0)) == SN_OK)
        rc = e->cue_len ? sn_json_str(b, text + e->cue_off, e->cue_len) : sn_buf_adds(b, "null");
    if (!rc)
        rc = sn_buf_printf(b, ",\"date\":\"%s\",\"date_precision\":\"%s\",\"date_source\":\"%s\","
                              "\"historical\":%s,\"confidence\":%.2f",
                           date, sn_precision_name(e->date_precision), e->date_from_text ? "text" : "publication",
                           e->historical ? "true" : "false", e->confidence);
    if (!rc)
        rc = sn_geo_location_member(b, "location", geo[0]);
    if (!rc)
        rc = sn_geo_location_member(b, "source_location", geo[1]);
    if (!rc)
        rc = sn_geo_location_member(b, "target_location", geo[2]);
    if (!rc)
        rc = rules(b, e->rules);
    return rc ? rc : sn_buf_addc(b, '}');
}

sn_rc sn_event_write_json_geo(const sn_event *e, const sn_location *loc, const sn_location *source_loc,
                              const sn_location *target_loc, const sn_doc *doc, const char *article_id,
                              uint32_t index, sn_write_fn write, void *ctx)
{
    const sn_location *geo[3] = {loc, source_loc, target_loc};
    sn_buf b;
    sn_buf_init(&b, 1 << 20);
    sn_rc rc = body(&b, e, geo, sn_doc_text(doc, NULL), article_id, index);
    if (!rc && write(ctx, b.p, b.len))
        rc = SN_ERR_IO;
    sn_buf_free(&b);
    return rc;
}

sn_rc sn_event_write_json_at(const sn_event *e, const sn_location *loc, const sn_doc *doc, const char *article_id,
                             uint32_t index, sn_write_fn write, void *ctx)
{
    return sn_event_write_json_geo(e, loc, NULL, NULL, doc, article_id, index, write, ctx);
}

/* Without geocoding the locations are null. */
sn_rc sn_event_write_json(const sn_event *e, const sn_doc *doc, const char *article_id, uint32_t index,
                          sn_write_fn write, void *ctx)
{
    return sn_event_write_json_at(e, NULL, doc, article_id, index, write, ctx);
}
