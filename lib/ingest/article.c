/*
 * lib/ingest/article.c — reads one JSON Lines article record with cJSON,
 * checking field types and giving line:column errors.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sentinel/article.h"

static void fail(sn_error *err, sn_rc rc, unsigned col, const char *msg)
{
    err->rc = rc;
    err->col = col;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

static sn_rc take_string(const cJSON *o, const char *key, char **out, size_t *len, sn_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v))
        return SN_OK;
    if (!cJSON_IsString(v)) {
        char msg[64];
        snprintf(msg, sizeof msg, "field \"%s\" must be a string", key);
        fail(err, SN_ERR_INVALID, 1, msg);
        return SN_ERR_INVALID;
    }
    size_t n = strlen(v->valuestring);
    *out = malloc(n + 1);
    if (!*out)
        return SN_ERR_NOMEM;
    memcpy(*out, v->valuestring, n + 1);
    if (len)
        *len = n;
    return SN_OK;
}

static sn_rc fill(const cJSON *o, sn_article *a, sn_error *err)
{
    static const char *const keys[] = {"id", "url", "title", "source", "lang", "duplicate_of"};
    char **fields[] = {&a->id, &a->url, &a->title, &a->source, &a->lang, &a->duplicate_of};
    sn_rc rc = take_string(o, "text", &a->text, &a->text_len, err);
    for (size_t i = 0; i < 6 && !rc; i++)
        rc = take_string(o, keys[i], fields[i], NULL, err);
    if (rc)
        return rc;
    if (!a->text) {
        fail(err, SN_ERR_INVALID, 1, "record has no \"text\" string");
        return SN_ERR_INVALID;
    }
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(o, "english");
    a->english = cJSON_IsBool(en) ? cJSON_IsTrue(en) : -1;
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "published");
    if (p && !cJSON_IsNull(p)) {
        /* Accept a date or an RFC 3339 timestamp: its first ten characters. */
        if (!cJSON_IsString(p) || strlen(p->valuestring) < 10 ||
            sn_date_parse(p->valuestring, 10, &a->published)) {
            fail(err, SN_ERR_INVALID, 1, "field \"published\" must be a date YYYY-MM-DD");
            return SN_ERR_INVALID;
        }
    }
    return SN_OK;
}

sn_rc sn_article_parse_json(const char *line, size_t n, sn_article *out, sn_error *err)
{
    memset(err, 0, sizeof *err);
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (!o) {
        const char *at = cJSON_GetErrorPtr();
        unsigned col = at && at >= line && at <= line + n ? (unsigned)(at - line) + 1 : 1;
        fail(err, SN_ERR_INVALID, col, "malformed JSON");
        return SN_ERR_INVALID;
    }
    sn_rc rc;
    if (!cJSON_IsObject(o)) {
        fail(err, SN_ERR_INVALID, 1, "record is not a JSON object");
        rc = SN_ERR_INVALID;
    } else {
        rc = fill(o, out, err);
    }
    cJSON_Delete(o);
    if (rc)
        sn_article_clear(out);
    return rc;
}

void sn_article_clear(sn_article *a)
{
    free(a->id);
    free(a->url);
    free(a->title);
    free(a->text);
    free(a->source);
    free(a->lang);
    free(a->duplicate_of);
    memset(a, 0, sizeof *a);
}
