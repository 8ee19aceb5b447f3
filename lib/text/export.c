/*
 * lib/text/export.c — the analysis of a document as JSON (the output of
 * `sentinel parse`, documented in docs/formats.md). Writes through a
 * callback in pieces, so a large document never needs one huge string.
 */
#include <stdio.h>
#include <string.h>
#include "text/internal.h"
#include "util/json.h"

#define FLUSH_AT (64 * 1024)

typedef struct out {
    sn_buf b;
    sn_write_fn write;
    void *ctx;
    const sn_doc *d;
} out;

static sn_rc flush(out *o, int force)
{
    if (o->b.len < FLUSH_AT && !force)
        return SN_OK;
    if (o->b.len && o->write(o->ctx, o->b.p, o->b.len))
        return SN_ERR_IO;
    sn_buf_reset(&o->b);
    return SN_OK;
}

static sn_rc span(out *o, const char *key, uint32_t b, uint32_t e, int first)
{
    sn_rc rc = sn_json_key(&o->b, key, first);
    return rc ? rc : sn_buf_printf(&o->b, "[%u,%u]", b, e);
}

static sn_rc text_of(out *o, const char *key, uint32_t off, uint32_t len)
{
    sn_rc rc = sn_json_key(&o->b, key, 0);
    return rc ? rc : sn_json_str(&o->b, o->d->text.p + off, len);
}

static sn_rc tok_range_text(out *o, const sn_token *tok, uint32_t b, uint32_t e)
{
    uint32_t off = tok[b].off, end = tok[e - 1].off + tok[e - 1].len;
    sn_rc rc = span(o, "span", off, end, 0);
    return rc ? rc : text_of(o, "text", off, end - off);
}

static sn_rc write_tokens(out *o, const sn_sentence *s)
{
    const sn_token *tok = o->d->tokens.p;
    sn_rc rc = sn_json_key(&o->b, "tokens", 0);
    if (!rc)
        rc = sn_buf_addc(&o->b, '[');
    for (uint32_t i = s->tok_begin; i < s->tok_end && !rc; i++) {
        const sn_token *t = &tok[i];
        rc = sn_buf_adds(&o->b, i == s->tok_begin ? "{" : ",{");
        if (!rc)
            rc = sn_json_key(&o->b, "text", 1);
        if (!rc)
            rc = sn_json_str(&o->b, o->d->text.p + t->off, t->len);
        if (!rc)
            rc = sn_json_key(&o->b, "lemma", 0);
        if (!rc)
            rc = sn_json_str(&o->b, t->lemma, strlen(t->lemma));
        if (!rc)
            rc = sn_buf_printf(&o->b, ",\"tag\":\"%s\",\"span\":[%u,%u]}", sn_tag_name(t->tag), t->off,
                               t->off + t->len);
    }
    return rc ? rc : sn_buf_addc(&o->b, ']');
}

static const char *chunk_kind(uint8_t k)
{
    static const char *const n[] = {"NP", "VG", "PP", "ADVP", "ADJP"};
    return k < 5 ? n[k] : "?";
}

static sn_rc vg_fields(out *o, const sn_chunk *k)
{
    static const char *const tense[] = {"none", "past", "present", "future"};
    static const char *const aspect[] = {"simple", "progressive", "perfect", "perfect-progressive"};
    const sn_token *tok = o->d->tokens.p;
    sn_rc rc = sn_buf_printf(&o->b, ",\"tense\":\"%s\",\"aspect\":\"%s\",\"voice\":\"%s\",\"negated\":%s",
                             tense[k->tense & 3], aspect[k->aspect & 3],
                             k->voice == SN_VOICE_PASSIVE ? "passive" : "active",
                             k->vflags & SN_VG_NEG ? "true" : "false");
    if (!rc && k->modal >= 0) {
        rc = sn_json_key(&o->b, "modal", 0);
        if (!rc)
            rc = sn_json_str(&o->b, tok[k->modal].norm, strlen(tok[k->modal].norm));
    }
    if (!rc && (k->vflags & SN_VG_INFINITIVE))
        rc = sn_buf_adds(&o->b, ",\"infinitive\":true");
    if (!rc && (k->vflags & SN_VG_GERUND))
        rc = sn_buf_adds(&o->b, ",\"gerund\":true");
    if (!rc && (k->vflags & SN_VG_PARTICIPLE))
        rc = sn_buf_adds(&o->b, ",\"participle\":true");
    return rc;
}

static sn_rc link(out *o, const char *key, int32_t v)
{
    return v < 0 ? SN_OK : sn_buf_printf(&o->b, ",\"%s\":%d", key, v);
}

static sn_rc write_chunks(out *o, uint32_t si, const sn_sentence *s)
{
    uint32_t n;
    const sn_chunk *k = sn_doc_chunks(o->d, si, &n);
    const sn_token *tok = o->d->tokens.p;
    sn_rc rc = sn_buf_adds(&o->b, ",\"chunks\":[");
    for (uint32_t i = 0; i < n && !rc; i++) {
        rc = sn_buf_printf(&o->b, "%s{\"kind\":\"%s\",\"tokens\":[%u,%u],\"head\":%u", i ? "," : "",
                           chunk_kind(k[i].kind), k[i].tok_begin - s->tok_begin,
                           k[i].tok_end - s->tok_begin, k[i].head - s->tok_begin);
        if (!rc)
            rc = tok_range_text(o, tok, k[i].tok_begin, k[i].tok_end);
        if (!rc && k[i].kind == SN_CHUNK_VG)
            rc = vg_fields(o, &k[i]);
        if (!rc)
            rc = link(o, "possessor", k[i].poss);
        if (!rc)
            rc = link(o, "coordinate", k[i].coord);
        if (!rc)
            rc = link(o, "apposition", k[i].appos);
        if (!rc)
            rc = link(o, "object", k[i].object);
        if (!rc)
            rc = sn_buf_addc(&o->b, '}');
    }
    return rc ? rc : sn_buf_addc(&o->b, ']');
}

static sn_rc write_clauses(out *o, uint32_t si, const sn_sentence *s)
{
    uint32_t n;
    const sn_clause *k = sn_doc_clauses(o->d, si, &n);
    const sn_token *tok = o->d->tokens.p;
    sn_rc rc = sn_buf_adds(&o->b, ",\"clauses\":[");
    for (uint32_t i = 0; i < n && !rc; i++) {
        rc = sn_buf_printf(&o->b, "%s{\"kind\":\"%s\",\"tokens\":[%u,%u],\"parent\":%d", i ? "," : "",
                           sn_clause_kind_name(k[i].kind), k[i].tok_begin - s->tok_begin,
                           k[i].tok_end - s->tok_begin, k[i].parent);
        if (!rc)
            rc = tok_range_text(o, tok, k[i].tok_begin, k[i].tok_end);
        if (!rc)
            rc = link(o, "speaker", k[i].speaker);
        if (!rc && k[i].cue >= 0)
            rc = sn_buf_printf(&o->b, ",\"cue\":%d", k[i].cue - (int32_t)s->tok_begin);
        if (!rc)
            rc = sn_buf_addc(&o->b, '}');
    }
    return rc ? rc : sn_buf_addc(&o->b, ']');
}

static sn_rc write_timexes(out *o, uint32_t si, const sn_sentence *s)
{
    uint32_t n;
    const sn_timex *t = sn_doc_timexes(o->d, si, &n);
    const sn_token *tok = o->d->tokens.p;
    sn_rc rc = sn_buf_adds(&o->b, ",\"timexes\":[");
    for (uint32_t i = 0; i < n && !rc; i++) {
        char b[16], e[16];
        sn_date_format(&t[i].begin, b);
        sn_date_format(&t[i].end, e);
        rc = sn_buf_printf(&o->b, "%s{\"tokens\":[%u,%u]", i ? "," : "", t[i].tok_begin - s->tok_begin,
                           t[i].tok_end - s->tok_begin);
        if (!rc)
            rc = tok_range_text(o, tok, t[i].tok_begin, t[i].tok_end);
        if (!rc && t[i].precision == SN_PREC_RANGE)
            rc = sn_buf_printf(&o->b, ",\"value\":\"%s/%s\",\"begin\":\"%s\",\"end\":\"%s\"", b, e, b, e);
        else if (!rc)
            rc = sn_buf_printf(&o->b, ",\"value\":\"%s\"", b);
        if (!rc)
            rc = sn_buf_printf(&o->b, ",\"precision\":\"%s\",\"relative\":%s}",
                               sn_precision_name(t[i].precision),
                               t[i].flags & SN_TIMEX_RELATIVE ? "true" : "false");
    }
    return rc ? rc : sn_buf_addc(&o->b, ']');
}

static sn_rc write_sentence(out *o, uint32_t si)
{
    const sn_sentence *s = &((const sn_sentence *)o->d->sents.p)[si];
    sn_rc rc = sn_buf_printf(&o->b, "%s{\"index\":%u,\"span\":[%u,%u]", si ? "," : "", si, s->off,
                             s->off + s->len);
    if (!rc)
        rc = text_of(o, "text", s->off, s->len);
    if (!rc)
        rc = sn_buf_printf(&o->b, ",\"zone\":\"%s\",\"paragraph\":%u", sn_zone_name(s->zone), s->para);
    if (!rc && (s->flags & SN_SENT_TRUNCATED))
        rc = sn_buf_adds(&o->b, ",\"truncated\":true");
    if (!rc && (s->flags & SN_SENT_BULLET))
        rc = sn_buf_adds(&o->b, ",\"bullet\":true");
    if (!rc)
        rc = write_tokens(o, s);
    if (!rc)
        rc = write_chunks(o, si, s);
    if (!rc)
        rc = write_clauses(o, si, s);
    if (!rc)
        rc = write_timexes(o, si, s);
    if (!rc)
        rc = sn_buf_addc(&o->b, '}');
    return rc ? rc : flush(o, 0);
}

static sn_rc write_head(out *o, const char *id)
{
    const sn_doc *d = o->d;
    sn_rc rc = sn_buf_addc(&o->b, '{');
    if (!rc && id) {
        rc = sn_json_key(&o->b, "id", 1);
        if (!rc)
            rc = sn_json_str(&o->b, id, strlen(id));
        if (!rc)
            rc = sn_buf_addc(&o->b, ',');
    }
    if (!rc && d->has_published) {
        char p[16];
        sn_date_format(&d->published, p);
        rc = sn_buf_printf(&o->b, "\"published\":\"%s\",", p);
    }
    if (!rc)
        rc = sn_buf_printf(&o->b,
                           "\"bytes\":%zu,\"warnings\":{\"invalid_utf8\":%u,\"control_chars\":%u,"
                           "\"truncated_sentences\":%u,\"token_cap_hit\":%s},\"sentences\":[",
                           d->text.len, d->warn.invalid_utf8, d->warn.control_chars,
                           d->warn.truncated_sentences, d->warn.token_cap_hit ? "true" : "false");
    return rc;
}

sn_rc sn_doc_write_json(const sn_doc *d, const char *id, sn_write_fn write, void *ctx)
{
    out o = {{0}, write, ctx, d};
    sn_buf_init(&o.b, (size_t)16 << 20);
    sn_rc rc = write_head(&o, id);
    for (uint32_t i = 0; i < d->sents.n && !rc; i++)
        rc = write_sentence(&o, i);
    if (!rc)
        rc = sn_buf_adds(&o.b, "]}\n");
    if (!rc)
        rc = flush(&o, 1);
    sn_buf_free(&o.b);
    return rc;
}
