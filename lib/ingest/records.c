/*
 * lib/ingest/records.c — readers for TABARI text records and PETRARCH XML
 * records (sentinel/records.h), with the validation codings they carry.
 *
 * TABARI (manual, 10.1): "YYMMDD ID", the text, then a comment between
 * slash-star and star-slash whose {SOURCE / TARGET / CODE} fields are the
 * expected events; {---}, {###}, {+++} and -{...} are the special codes,
 * checked first; { OPTION: ... } resets an option. PETRARCH: <Sentence>
 * elements with <EventCoding> children and a <Text>; libxml2 parses them
 * with no network access and no entity expansion. Parse trees are ignored:
 * Sentinel analyses the text itself.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "sentinel/records.h"
#include "util/buf.h"

#define MAX_RECORD ((size_t)1 << 20) /* text of one record */

typedef struct rec_buf {
    sn_record r;
    sn_coding codings[SN_RECORD_MAX_CODINGS];
    char opts[SN_RECORD_MAX_OPTIONS][256];
    char id[128], source[128], category[64];
    sn_buf text;
} rec_buf;

static void rec_reset(rec_buf *b)
{
    memset(&b->r, 0, sizeof b->r);
    b->r.codings = b->codings;
    b->r.id = b->id;
    b->r.source = b->source;
    b->r.category = b->category;
    b->r.is_sentence = 1;
    b->id[0] = b->source[0] = b->category[0] = '\0';
    sn_buf_reset(&b->text);
}

static void add_option(rec_buf *b, const char *s, size_t n)
{
    if (b->r.noptions == SN_RECORD_MAX_OPTIONS)
        return;
    char *o = b->opts[b->r.noptions];
    snprintf(o, sizeof b->opts[0], "%.*s", (int)(n < 255 ? n : 255), s);
    b->r.options[b->r.noptions++] = o;
}

/* "YYMMDD" (years 00-30: 2000-2030) or "YYYYMMDD". */
static int parse_date(const char *s, size_t n, sn_date *d)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    int y, m, day;
    if (n == 6) {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        s += 2;
    } else if (n == 8) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        s += 4;
    } else {
        return -1;
    }
    m = (s[0] - '0') * 10 + (s[1] - '0');
    day = (s[2] - '0') * 10 + (s[3] - '0');
    if (m < 1 || m > 12 || day < 1 || day > 31)
        return -1;
    d->year = (int16_t)y;
    d->month = (uint8_t)m;
    d->day = (uint8_t)day;
    return 0;
}

static void trim_copy(char *out, size_t cap, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), s);
}

/* One {...} field of a TABARI comment; minus: written -{...}. */
static void tabari_field(rec_buf *b, const char *s, size_t n, int minus, int *special)
{
    char f[512];
    trim_copy(f, sizeof f, s, n);
    char squeezed[512];
    size_t k = 0;
    for (const char *p = f; *p && k + 1 < sizeof squeezed; p++)
        if (*p != ' ' && *p != '\t')
            squeezed[k++] = *p;
    squeezed[k] = '\0';
    if (minus) {
        *special = SN_EXPECT_UNCHECKED;
        return;
    }
    if (!strncasecmp(f, "OPTION:", 7)) {
        const char *o = f + 7;
        while (*o == ' ')
            o++;
        add_option(b, o, strlen(o));
        return;
    }
    if (!strcmp(squeezed, "---")) {
        if (!*special)
            *special = SN_EXPECT_NO_EVENTS;
        return;
    }
    if (!strcmp(squeezed, "###")) {
        if (!*special)
            *special = SN_EXPECT_DISCARD;
        return;
    }
    if (!strcmp(squeezed, "+++")) {
        if (!*special)
            *special = SN_EXPECT_COMPLEX;
        return;
    }
    char *s1 = strchr(f, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
    if (!s2 || strchr(s2 + 1, '/') || b->r.ncodings == SN_RECORD_MAX_CODINGS)
        return; /* not a coding: prose in braces */
    sn_coding *c = &b->codings[b->r.ncodings++];
    trim_copy(c->source, sizeof c->source, f, (size_t)(s1 - f));
    trim_copy(c->target, sizeof c->target, s1 + 1, (size_t)(s2 - s1 - 1));
    trim_copy(c->code, sizeof c->code, s2 + 1, strlen(s2 + 1));
}

static void tabari_comment(rec_buf *b, const char *s, size_t n)
{
    int special = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '{')
            continue;
        size_t e = i + 1;
        while (e < n && s[e] != '}')
            e++;
        if (e == n)
            break;
        int minus = i > 0 && s[i - 1] == '-';
        if (special != SN_EXPECT_UNCHECKED)
            tabari_field(b, s + i + 1, e - i - 1, minus, &special);
        i = e;
    }
    if (special)
        b->r.expect = (sn_expect)special;
    else if (b->r.ncodings)
        b->r.expect = SN_EXPECT_EVENTS;
    else if (b->r.noptions)
        b->r.expect = SN_EXPECT_OPTIONS;
}

/* "950101  DEMO-01": a record's first line. */
static int tabari_header(const char *s, size_t n, rec_buf *b)
{
    size_t d = 0;
    while (d < n && isdigit((unsigned char)s[d]))
        d++;
    if ((d != 6 && d != 8) || d == n || (s[d] != ' ' && s[d] != '\t'))
        return 0;
    sn_date date;
    if (parse_date(s, d, &date))
        return 0;
    size_t i = d;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t e = i;
    while (e < n && !isspace((unsigned char)s[e]))
        e++;
    if (e == i)
        return 0;
    rec_reset(b);
    b->r.date = date;
    b->r.has_date = 1;
    snprintf(b->id, sizeof b->id, "%.*s", (int)(e - i < 127 ? e - i : 127), s + i);
    return 1;
}

static int blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* The record in b is complete: read its codings and hand it on. */
static int finish(rec_buf *b, sn_buf *comment, int unclosed, sn_record_fn fn, sn_record_warn_fn warn, void *ctx,
                  int *records)
{
    if (unclosed && warn)
        warn(ctx, b->r.line, "unclosed comment in the record; its codings were read to the end");
    tabari_comment(b, comment->p ? comment->p : "", comment->len);
    if (sn_buf_cstr(&b->text) != SN_OK)
        return 0;
    b->r.text = b->text.p ? b->text.p : "";
    b->r.len = b->text.len;
    (*records)++;
    return fn(ctx, &b->r);
}

int sn_records_tabari(const char *buf, size_t n, sn_record_fn fn, sn_record_warn_fn warn, void *ctx, sn_error *err)
{
    rec_buf *b = calloc(1, sizeof *b);
    if (!b) {
        if (err)
            err->rc = SN_ERR_NOMEM;
        return -1;
    }
    sn_buf_init(&b->text, MAX_RECORD);
    sn_buf comment;
    sn_buf_init(&comment, MAX_RECORD);
    enum { OUT, TEXT, COMMENT, AFTER } st = OUT;
    unsigned line = 0;
    int rc = 0, records = 0;
    size_t i = 0;
    while (i <= n && !rc) {
        size_t e = i;
        while (e < n && buf[e] != '\n')
            e++;
        if (i == n && e == n && st == OUT)
            break;
        line++;
        const char *s = buf + i;
        size_t len = e - i;
        int done = i >= n;
        i = e + 1;
        if (!done && st == OUT) {
            if (tabari_header(s, len, b)) {
                b->r.line = line;
                sn_buf_reset(&comment);
                st = TEXT;
            }
            continue;
        }
        if (st == TEXT && !done && !blank_line(s, len)) {
            const char *open = memmem(s, len, "/*", 2);
            size_t tl = open ? (size_t)(open - s) : len;
            if (tl && !blank_line(s, tl) &&
                ((b->text.len && sn_buf_addc(&b->text, '\n')) || sn_buf_add(&b->text, s, tl))) {
                if (warn)
                    warn(ctx, line, "record text over 1 MiB; cut");
            }
            if (open) {
                st = COMMENT;
                s = open + 2;
                len -= tl + 2;
            } else {
                continue;
            }
        }
        if (st == COMMENT && !done) {
            const char *close = memmem(s, len, "*/", 2);
            size_t cl = close ? (size_t)(close - s) : len;
            if (sn_buf_add(&comment, s, cl) || sn_buf_addc(&comment, '\n')) {
                if (warn)
                    warn(ctx, line, "record comment over 1 MiB; cut");
            }
            if (close)
                st = AFTER;
            continue;
        }
        if (st == AFTER && !done && !blank_line(s, len))
            continue;
        /* A blank line (or the end) closes the record. */
        if (st != OUT)
            rc = finish(b, &comment, st == COMMENT, fn, warn, ctx, &records);
        st = OUT;
        if (done)
            break;
    }
    if (!rc && st != OUT) /* the input ends without a newline */
        rc = finish(b, &comment, st == COMMENT, fn, warn, ctx, &records);
    sn_buf_free(&comment);
    sn_buf_free(&b->text);
    free(b);
    if (!rc && !records) {
        if (err) {
            err->rc = SN_ERR_INVALID;
            snprintf(err->msg, sizeof err->msg, "no TABARI records (a \"YYMMDD ID\" line, text, a blank line)");
        }
        return -1;
    }
    return rc;
}

/* ---- PETRARCH XML ---- */

static void attr(xmlNode *n, const char *name, char *out, size_t cap)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    out[0] = '\0';
    if (v) {
        trim_copy(out, cap, (const char *)v, strlen((const char *)v));
        xmlFree(v);
    }
}

static int true_attr(xmlNode *n, const char *name)
{
    char v[16];
    attr(n, name, v, sizeof v);
    return !strcasecmp(v, "true");
}

/* "<Config option=... value=...>" between sentences: an option record
 * that holds from there on. */
static void config_text(xmlNode *c, char *out, size_t cap)
{
    char o[128], val[128];
    attr(c, "option", o, sizeof o);
    attr(c, "value", val, sizeof val);
    snprintf(out, cap, "%s = %s", o, val);
}

static int petrarch_sentence(xmlNode *s, rec_buf *b, sn_record_fn fn, sn_record_warn_fn warn, void *ctx)
{
    rec_reset(b);
    b->r.line = (unsigned)xmlGetLineNo(s);
    attr(s, "id", b->id, sizeof b->id);
    attr(s, "source", b->source, sizeof b->source);
    attr(s, "category", b->category, sizeof b->category);
    char v[32];
    attr(s, "sentence", v, sizeof v);
    b->r.is_sentence = !*v || !strcasecmp(v, "true");
    attr(s, "date", v, sizeof v);
    b->r.has_date = *v && !parse_date(v, strlen(v), &b->r.date);
    if (*v && !b->r.has_date && warn)
        warn(ctx, b->r.line, "bad date (YYYYMMDD); the record is coded without one");
    int noevents = 0, text = 0;
    for (xmlNode *c = s->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (!strcmp(name, "EventCoding")) {
            if (true_attr(c, "noevents")) {
                noevents = 1;
                continue;
            }
            if (b->r.ncodings == SN_RECORD_MAX_CODINGS)
                continue;
            sn_coding *k = &b->codings[b->r.ncodings];
            attr(c, "sourcecode", k->source, sizeof k->source);
            attr(c, "targetcode", k->target, sizeof k->target);
            attr(c, "eventcode", k->code, sizeof k->code);
            if (*k->code)
                b->r.ncodings++;
        } else if (!strcmp(name, "Text")) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t) {
                size_t l = strlen((const char *)t);
                if (l > MAX_RECORD && warn)
                    warn(ctx, (unsigned)xmlGetLineNo(c), "record text over 1 MiB; cut");
                const char *p = (const char *)t;
                while (l && isspace((unsigned char)*p))
                    p++, l--;
                while (l && isspace((unsigned char)p[l - 1]))
                    l--;
                sn_buf_add(&b->text, p, l < MAX_RECORD ? l : MAX_RECORD - 1);
                xmlFree(t);
                text = 1;
            }
        } else if (!strcmp(name, "Config")) {
            char both[260];
            config_text(c, both, sizeof both);
            add_option(b, both, strlen(both));
        }
    }
    if (!text) {
        if (warn)
            warn(ctx, b->r.line, "<Sentence> without <Text>; skipped");
        return 0;
    }
    b->r.expect = noevents ? SN_EXPECT_NO_EVENTS : b->r.ncodings ? SN_EXPECT_EVENTS : SN_EXPECT_NONE_GIVEN;
    if (sn_buf_cstr(&b->text))
        return 0;
    b->r.text = b->text.p ? b->text.p : "";
    b->r.len = b->text.len;
    return fn(ctx, &b->r);
}

static int option_record(xmlNode *n, rec_buf *b, sn_record_fn fn, void *ctx)
{
    rec_reset(b);
    b->r.line = (unsigned)xmlGetLineNo(n);
    snprintf(b->id, sizeof b->id, "Config");
    char both[260];
    config_text(n, both, sizeof both);
    if (both[0] == ' ')
        return 0; /* an empty <Config> */
    add_option(b, both, strlen(both));
    b->r.expect = SN_EXPECT_OPTIONS;
    b->r.text = "";
    return fn(ctx, &b->r);
}

static int walk(xmlNode *n, rec_buf *b, sn_record_fn fn, sn_record_warn_fn warn, void *ctx, int *count, int depth)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "Config") && depth > 0) {
            int rc = option_record(n, b, fn, ctx);
            if (rc)
                return rc;
        } else if (!strcmp((const char *)n->name, "Sentence")) {
            (*count)++;
            int rc = petrarch_sentence(n, b, fn, warn, ctx);
            if (rc)
                return rc;
        } else if (depth < 16) {
            int rc = walk(n->children, b, fn, warn, ctx, count, depth + 1);
            if (rc)
                return rc;
        }
    }
    return 0;
}

int sn_records_petrarch(const char *buf, size_t n, sn_record_fn fn, sn_record_warn_fn warn, void *ctx, sn_error *err)
{
    if (n > (size_t)INT32_MAX) {
        if (err) {
            err->rc = SN_ERR_TOOBIG;
            snprintf(err->msg, sizeof err->msg, "input too large");
        }
        return -1;
    }
    /* No network, no entity substitution (no XML_PARSE_NOENT), no DTD load. */
    xmlDoc *doc = xmlReadMemory(buf, (int)n, "records.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        if (err) {
            const xmlError *e = xmlGetLastError();
            err->rc = SN_ERR_INVALID;
            err->line = e ? (unsigned)e->line : 0;
            snprintf(err->msg, sizeof err->msg, "line %u: not well-formed XML: %.120s", err->line,
                     e && e->message ? e->message : "parse error");
            size_t l = strlen(err->msg);
            if (l && err->msg[l - 1] == '\n')
                err->msg[l - 1] = '\0';
        }
        return -1;
    }
    rec_buf *b = calloc(1, sizeof *b);
    int rc = -1, count = 0;
    if (b) {
        sn_buf_init(&b->text, MAX_RECORD);
        rc = walk(xmlDocGetRootElement(doc), b, fn, warn, ctx, &count, 0);
        sn_buf_free(&b->text);
        free(b);
    }
    xmlFreeDoc(doc);
    if (!rc && !count) {
        if (err) {
            err->rc = SN_ERR_INVALID;
            snprintf(err->msg, sizeof err->msg, "no <Sentence> records");
        }
        return -1;
    }
    return rc;
}
