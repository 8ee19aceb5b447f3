/*
 * lib/text/zones.c — which part of the page each sentence belongs to:
 * headline, dateline, photo caption, site furniture (share, comment,
 * copyright and follow-me lines) or the author's byline and biography.
 * Only body sentences are coded later, so a caption or a bio never turns
 * into an event.
 *
 * The furniture phrases are the project's own list, data/text/boilerplate.txt,
 * embedded at build time and parsed once.
 */
#include <pthread.h>
#include <string.h>
#include "text/internal.h"

#define MAX_PHRASES 256
#define PHRASE_LEN 48
#define FURNITURE_MAX_TOKENS 24
#define HEADING_MAX_TOKENS 14
#define NAME_LINE_MAX_TOKENS 6

extern const char sn_data_boilerplate[];

static struct {
    char text[MAX_PHRASES][PHRASE_LEN];
    uint8_t anywhere[MAX_PHRASES];
    int n;
    /* The phrases that must start the line, chained by their first byte
     * (head[c], then next[i]; -1 ends a chain), so a line is compared only
     * with the phrases that can match its first byte. */
    int16_t head[256], next[MAX_PHRASES];
    uint8_t first_len[MAX_PHRASES]; /* bytes of each phrase's first word */
} furniture;

static pthread_once_t furniture_once = PTHREAD_ONCE_INIT;

static void chain_prefixes(void)
{
    for (int c = 0; c < 256; c++)
        furniture.head[c] = -1;
    for (int i = furniture.n - 1; i >= 0; i--) {
        const char *sp = strchr(furniture.text[i], ' ');
        furniture.first_len[i] = (uint8_t)(sp ? (size_t)(sp - furniture.text[i]) : strlen(furniture.text[i]));
        if (furniture.anywhere[i])
            continue;
        unsigned char c = (unsigned char)furniture.text[i][0];
        furniture.next[i] = furniture.head[c];
        furniture.head[c] = (int16_t)i;
    }
}

static void load_furniture(void)
{
    const char *p = sn_data_boilerplate;
    while (*p && furniture.n < MAX_PHRASES) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n && p[0] != '#' && n < PHRASE_LEN) {
            int any = p[0] == '~';
            memcpy(furniture.text[furniture.n], p + any, n - any);
            furniture.text[furniture.n][n - any] = '\0';
            furniture.anywhere[furniture.n++] = (uint8_t)any;
        }
        p += n + (e != NULL);
    }
    chain_prefixes();
}

/* The norms of tokens [b, e) joined by spaces, cut to fit. */
static size_t join_norms(const sn_token *tok, uint32_t b, uint32_t e, char *out, size_t cap)
{
    size_t n = 0;
    for (uint32_t i = b; i < e; i++) {
        size_t l = strlen(tok[i].norm);
        if (n + l + 2 > cap)
            break;
        if (n)
            out[n++] = ' ';
        memcpy(out + n, tok[i].norm, l);
        n += l;
    }
    out[n] = '\0';
    return n;
}

static int word_prefix(const char *s, const char *phrase)
{
    if (s[0] != phrase[0])
        return 0;
    size_t l = strlen(phrase);
    return !strncmp(s, phrase, l) && (s[l] == '\0' || s[l] == ' ');
}

/* Does s start with a start-of-line phrase? Only the phrases chained
 * under s's first byte can: word_prefix needs that byte to match. */
static int starts_with_phrase(const char *s)
{
    for (int i = furniture.head[(unsigned char)s[0]]; i >= 0; i = furniture.next[i])
        if (word_prefix(s, furniture.text[i]))
            return 1;
    return 0;
}

uint8_t sn_zone_word_roles(const char *norm)
{
    pthread_once(&furniture_once, load_furniture);
    size_t n = strlen(norm);
    uint8_t roles = 0;
    for (int i = 0; i < furniture.n; i++) {
        size_t l = furniture.first_len[i];
        if (furniture.anywhere[i] ? memmem(norm, n, furniture.text[i], l) != NULL
                                  : l == n && !memcmp(norm, furniture.text[i], n))
            roles |= furniture.anywhere[i] ? SN_W_FURNITURE : SN_W_FURN_START;
    }
    return roles;
}

/* Can the line be furniture at all? A cheap test that is never wrong when
 * it says no. For a line of ASCII tokens, whose norms are non-empty and
 * hold no space, the joined line starts with the first norm and "rest"
 * with the third; a start-of-line phrase matches only if that norm is the
 * phrase's first word (SN_W_FURN_START), and a phrase found anywhere
 * holds its own first word inside one norm (SN_W_FURNITURE); both are set
 * per word by the lexical cache. Any other line takes the full test. */
static int maybe_furniture(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *tok = doc_tok((sn_doc *)d);
    const sn_lexinfo **lex = doc_lex((sn_doc *)d);
    uint32_t b = s->tok_begin, e = s->tok_end;
    for (uint32_t i = b; i < e; i++)
        if ((tok[i].flags & SN_TOK_NONASCII) || (lex[i]->word & SN_W_FURNITURE))
            return 1;
    uint32_t rest = e - b > 2 && !strcmp(tok[b + 1].norm, ",") ? b + 2 : b;
    return ((lex[b]->word | lex[rest]->word) & SN_W_FURN_START) != 0;
}

static int is_furniture(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *tok = doc_tok((sn_doc *)d);
    if (s->tok_end - s->tok_begin > FURNITURE_MAX_TOKENS || !maybe_furniture(d, s))
        return 0;
    char buf[1024];
    join_norms(tok, s->tok_begin, s->tok_end, buf, sizeof buf);
    const char *rest = buf;
    /* "Meanwhile, make sure you follow ..." */
    if (s->tok_end - s->tok_begin > 2 && !strcmp(tok[s->tok_begin + 1].norm, ","))
        rest = strchr(strchr(buf, ' ') + 1, ' ') + 1;
    if (starts_with_phrase(buf) || starts_with_phrase(rest))
        return 1;
    for (int i = 0; i < furniture.n; i++)
        if (furniture.anywhere[i] && strstr(buf, furniture.text[i]))
            return 1;
    return 0;
}

static int ends_with_terminal(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *t = &doc_tok((sn_doc *)d)[s->tok_end - 1];
    while (t > doc_tok((sn_doc *)d) + s->tok_begin &&
           (!strcmp(t->norm, "\"") || !strcmp(t->norm, "'") || !strcmp(t->norm, ")")))
        t--;
    return strchr(".!?", t->norm[0]) && t->norm[0] && t->len <= 3 && t->shape == SN_SHAPE_PUNCT;
}

static int ends_with_period(const sn_doc *d, const sn_sentence *s)
{
    return tok_is(&doc_tok((sn_doc *)d)[s->tok_end - 1], ".");
}

/* A whole line of its own with no final punctuation: a title-like line. */
static int is_bare_line(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *tok = doc_tok((sn_doc *)d);
    uint32_t n = (uint32_t)d->tokens.n;
    int starts = s->tok_begin == 0 || (tok[s->tok_begin].flags & SN_TOK_NL_BEFORE) ||
                 (s->flags & SN_SENT_BULLET);
    int ends = s->tok_end >= n || (tok[s->tok_end].flags & SN_TOK_NL_BEFORE);
    return starts && ends && !(s->flags & SN_SENT_BULLET) && !ends_with_terminal(d, s);
}

static int same_text(const sn_doc *d, const sn_sentence *a, const sn_sentence *b)
{
    return a->len == b->len && !memcmp(d->text.p + a->off, d->text.p + b->off, a->len);
}

static int starts_para(const sn_doc *d, const sn_sentence *s)
{
    return s->tok_begin == 0 || (doc_tok((sn_doc *)d)[s->tok_begin].flags & SN_TOK_PARA_BEFORE);
}

/* "Jonathan Wade, CD", or a name and then a verb: "Jonathan Wade is the
 * director of ...", "Lena Hartmann covers diplomacy ...". */
static int is_bio_start(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *t = &doc_tok((sn_doc *)d)[s->tok_begin];
    uint32_t len = s->tok_end - s->tok_begin;
    if (len < 2 || t[0].shape != SN_SHAPE_TITLE || t[1].shape != SN_SHAPE_TITLE)
        return 0;
    if (len <= NAME_LINE_MAX_TOKENS && is_bare_line(d, s))
        return 1;
    uint32_t i = 2;
    while (i < len && i < 4 && t[i].shape == SN_SHAPE_TITLE)
        i++;
    return i < len && t[i].shape == SN_SHAPE_LOWER;
}

/* "(Reporting by Abdi Hassan; Editing by Claire Dunmore)". */
static int is_credit(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *t = &doc_tok((sn_doc *)d)[s->tok_begin];
    uint32_t len = s->tok_end - s->tok_begin;
    uint32_t i = len && tok_is(&t[0], "(") ? 1 : 0, words = 0;
    while (i < len && (tok_is(&t[i], "additional") || tok_is(&t[i], "reporting") || tok_is(&t[i], "writing") ||
                       tok_is(&t[i], "editing") || tok_is(&t[i], "compiled")))
        i++, words++;
    return words && i + 1 < len && tok_is(&t[i], "by") && t[i + 1].shape == SN_SHAPE_TITLE;
}

/* Title Case: most words capitalized, as in headlines and section heads. */
static int title_case(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *tok = doc_tok((sn_doc *)d);
    uint32_t words = 0, caps = 0;
    for (uint32_t i = s->tok_begin; i < s->tok_end; i++) {
        if (tok[i].shape == SN_SHAPE_PUNCT || tok[i].shape == SN_SHAPE_DIGIT)
            continue;
        words++;
        caps += tok[i].shape != SN_SHAPE_LOWER;
    }
    return words && caps * 3 >= words * 2;
}

/* Trailing paragraphs after the page's furniture are the author's. */
static void mark_byline_tail(sn_doc *d)
{
    sn_sentence *s = doc_sent(d);
    uint32_t n = (uint32_t)d->sents.n, i = n, first_bio = n;
    int seen_furniture = 0;
    while (i > 0) {
        uint32_t p = i - 1;
        while (p > 0 && !starts_para(d, &s[p]))
            p--;
        int furn = 1;
        for (uint32_t k = p; k < i; k++)
            furn &= s[k].zone == SN_ZONE_BOILERPLATE;
        if (furn)
            seen_furniture = 1;
        else if (is_bio_start(d, &s[p]) && !seen_furniture)
            first_bio = p;
        else
            break;
        i = p;
    }
    if (!seen_furniture)
        return;
    for (uint32_t k = first_bio; k < n; k++)
        if (s[k].zone != SN_ZONE_BOILERPLATE)
            s[k].zone = SN_ZONE_BYLINE;
}

static int is_dateline(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *tok = doc_tok((sn_doc *)d);
    const sn_token *last = &tok[s->tok_end - 1];
    return tok[s->tok_begin].shape == SN_SHAPE_UPPER && s->tok_end < d->tokens.n &&
           !(tok[s->tok_end].flags & SN_TOK_NL_BEFORE) &&
           (!strcmp(last->norm, "-") || !strcmp(last->norm, "--"));
}

static int is_by_line(const sn_doc *d, const sn_sentence *s)
{
    const sn_token *t = &doc_tok((sn_doc *)d)[s->tok_begin];
    uint32_t len = s->tok_end - s->tok_begin;
    return len >= 2 && len <= NAME_LINE_MAX_TOKENS + 1 && tok_is(&t[0], "by") &&
           t[0].shape == SN_SHAPE_TITLE && t[1].shape == SN_SHAPE_TITLE && is_bare_line(d, s);
}

void sn_assign_zones(sn_analyzer *a)
{
    sn_doc *d = &a->doc;
    sn_sentence *s = doc_sent(d);
    uint32_t n = (uint32_t)d->sents.n;
    if (a->lim.flags & SN_TEXT_BODY_ONLY)
        return; /* records of story sentences: all body */
    pthread_once(&furniture_once, load_furniture);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len = s[i].tok_end - s[i].tok_begin;
        if (is_furniture(d, &s[i]))
            s[i].zone = SN_ZONE_BOILERPLATE;
        else if (is_dateline(d, &s[i]))
            s[i].zone = SN_ZONE_DATELINE;
        else if (is_by_line(d, &s[i]) || is_credit(d, &s[i]))
            s[i].zone = SN_ZONE_BYLINE;
        else if (is_bare_line(d, &s[i]) && i + 1 < n && same_text(d, &s[i], &s[i + 1]))
            s[i].zone = s[i + 1].zone = SN_ZONE_CAPTION, i++;
        else if (i == 0 && len <= HEADING_MAX_TOKENS && title_case(d, &s[i]) && !ends_with_period(d, &s[i]) &&
                 (n == 1 || starts_para(d, &s[1])))
            s[i].zone = SN_ZONE_HEADLINE; /* "Will the Truce in Yemen Hold?" */
        else if (is_bare_line(d, &s[i]) && (i == 0 || (len <= HEADING_MAX_TOKENS && title_case(d, &s[i]))))
            s[i].zone = SN_ZONE_HEADLINE;
        else if (is_bare_line(d, &s[i]) && starts_para(d, &s[i]) && i + 1 < n && starts_para(d, &s[i + 1]))
            s[i].zone = SN_ZONE_CAPTION;
    }
    mark_byline_tail(d);
}
