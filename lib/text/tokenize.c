/*
 * lib/text/tokenize.c — splits the document text into tokens: words,
 * numbers, clitics, abbreviations, URLs, e-mail addresses and punctuation,
 * each a span of the text with its normalized form and case shape.
 *
 * Conventions follow the Penn Treebank (tests/text/README.md): "Georgia's"
 * is Georgia + 's, "didn't" is did + n't, "won't" wo + n't; "1,000", "3.5",
 * "10,000-strong", "al-Shabaab" and "U.S." stay whole.
 */
#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include "text/internal.h"

#define NORM_MAX 256

typedef struct scan {
    const char *s;
    size_t n;
} scan;

static UChar32 cp_at(const scan *sc, size_t i, size_t *next)
{
    unsigned char c = (unsigned char)sc->s[i];
    if (c < 0x80) {
        *next = i + 1;
        return c;
    }
    UChar32 u;
    size_t j = i;
    U8_NEXT((const uint8_t *)sc->s, j, sc->n, u);
    *next = j;
    return u < 0 ? 0xFFFD : u;
}

static const uint8_t ascii_alnum[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
    ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1,
    ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
    ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
};

static int is_alnum_cp(UChar32 c)
{
    if (c < 0x80)
        return ascii_alnum[c];
    if (c == 0xFFFD)
        return 0;
    int8_t t = u_charType(c);
    return u_isalnum(c) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

static int alnum_at(const scan *sc, size_t i)
{
    size_t nx;
    if (i >= sc->n)
        return 0;
    unsigned char c = (unsigned char)sc->s[i];
    return c < 0x80 ? ascii_alnum[c] : is_alnum_cp(cp_at(sc, i, &nx));
}

static int digit_at(const scan *sc, size_t i)
{
    return i < sc->n && sc->s[i] >= '0' && sc->s[i] <= '9';
}

static int alpha_at(const scan *sc, size_t i)
{
    return alnum_at(sc, i) && !digit_at(sc, i);
}

/* Width of an apostrophe at i (' or U+2019), else 0. */
static size_t apos_at(const scan *sc, size_t i)
{
    if (i < sc->n && sc->s[i] == '\'')
        return 1;
    if (i + 2 < sc->n && !memcmp(sc->s + i, "\xE2\x80\x99", 3))
        return 3;
    return 0;
}

static int lower_eq(const char *s, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i] || !w[i])
            return 0;
    }
    return w[n] == '\0';
}

/* Length of a clitic ('s 're 've 'll 'd 'm) starting at an apostrophe. */
static size_t clitic_at(const scan *sc, size_t i)
{
    static const char *const cl[] = {"s", "re", "ve", "ll", "d", "m"};
    size_t w = apos_at(sc, i);
    if (!w)
        return 0;
    for (size_t k = 0; k < sizeof cl / sizeof *cl; k++) {
        size_t l = strlen(cl[k]);
        if (i + w + l <= sc->n && lower_eq(sc->s + i + w, l, cl[k]) && !alnum_at(sc, i + w + l))
            return w + l;
    }
    return 0;
}

/* Length of "n't" at i, else 0. */
static size_t nt_at(const scan *sc, size_t i)
{
    if (i >= sc->n || (sc->s[i] != 'n' && sc->s[i] != 'N'))
        return 0;
    size_t w = apos_at(sc, i + 1);
    if (w && i + 1 + w < sc->n && (sc->s[i + 1 + w] == 't' || sc->s[i + 1 + w] == 'T') &&
        !alnum_at(sc, i + 2 + w))
        return 2 + w;
    return 0;
}

static size_t scan_url(const scan *sc, size_t i)
{
    size_t j = i;
    while (j < sc->n && (unsigned char)sc->s[j] > ' ' && sc->s[j] != '"' && sc->s[j] != '<')
        j++;
    while (j > i && strchr(".,;:!?)]'", sc->s[j - 1]))
        j--;
    return j;
}

static int url_start(const scan *sc, size_t i)
{
    size_t r = sc->n - i;
    if (sc->s[i] != 'h' && sc->s[i] != 'w')
        return 0;
    /* Each form below is longer than four bytes and goes on "ht" or "ww". */
    if (r <= 4 || sc->s[i + 1] != (sc->s[i] == 'h' ? 't' : 'w'))
        return 0;
    return (r > 8 && !strncmp(sc->s + i, "https://", 8)) ||
           (r > 7 && !strncmp(sc->s + i, "http://", 7)) ||
           (r > 4 && !strncmp(sc->s + i, "www.", 4) && alnum_at(sc, i + 4));
}

/* After a word ending at j, an e-mail continues with @domain.tld. */
static size_t scan_email(const scan *sc, size_t start, size_t j)
{
    if (j >= sc->n || sc->s[j] != '@' || !alnum_at(sc, j + 1))
        return j;
    size_t k = j + 1, dot = 0;
    while (k < sc->n && (alnum_at(sc, k) || sc->s[k] == '-' || (sc->s[k] == '.' && alnum_at(sc, k + 1)))) {
        if (sc->s[k] == '.')
            dot = k;
        k++;
    }
    (void)start;
    return dot ? k : j;
}

/* A word: letters and digits with inner hyphens, number separators, and
 * apostrophes that are not clitics. Returns its end. */
static size_t scan_word(const scan *sc, size_t i, uint16_t *flags)
{
    size_t j = i, nx;
    for (;;) {
        while (j < sc->n) {
            unsigned char c = (unsigned char)sc->s[j];
            if (c < 0x80) { /* the ASCII fast path */
                if (!ascii_alnum[c])
                    break;
                if ((c == 'n' || c == 'N') && j > i && nt_at(sc, j))
                    return j; /* did|n't */
                j++;
                continue;
            }
            if (!is_alnum_cp(cp_at(sc, j, &nx)))
                break;
            j = nx;
        }
        if (j >= sc->n)
            return j;
        char c = sc->s[j];
        if (c == '-' && alnum_at(sc, j + 1)) {
            *flags |= SN_TOK_HYPHEN;
            j++;
        } else if ((c == ',' || c == '.' || c == ':') && digit_at(sc, j - 1) && digit_at(sc, j + 1)) {
            j++;
        } else if (apos_at(sc, j) && alpha_at(sc, j + apos_at(sc, j)) && !clitic_at(sc, j)) {
            j += apos_at(sc, j); /* O'Brien */
        } else {
            return j;
        }
    }
}

/* "U.S.", "a.m.", "e.g.": single letters joined by periods. */
static size_t scan_dotted(const scan *sc, size_t i, size_t j)
{
    if (j - i != 1 || j >= sc->n || sc->s[j] != '.')
        return j;
    size_t k = j;
    while (k + 2 < sc->n && sc->s[k] == '.' && alpha_at(sc, k + 1) && sc->s[k + 2] == '.')
        k += 2;
    return k > j ? k + 1 : j;
}

/* uncased: letters of scripts without case (CJK, Arabic, Devanagari). */
static uint8_t shape_from_counts(int up, int lo, int dig, int uncased, int first_up, int first_digit, size_t n)
{
    if (dig && dig >= up + lo && first_digit)
        return SN_SHAPE_DIGIT;
    if (!up && !lo)
        return uncased ? SN_SHAPE_OTHER : dig ? SN_SHAPE_DIGIT : n ? SN_SHAPE_PUNCT : SN_SHAPE_OTHER;
    if (up && !lo)
        return up == 1 && first_up && n <= 2 ? SN_SHAPE_TITLE : SN_SHAPE_UPPER;
    if (!up)
        return SN_SHAPE_LOWER;
    return first_up && up == 1 ? SN_SHAPE_TITLE : SN_SHAPE_MIXED;
}

static uint8_t shape_of(const char *s, size_t n)
{
    int up = 0, lo = 0, dig = 0, uncased = 0, first_up = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            up++;
            first_up |= i == 0;
        } else if (c >= 'a' && c <= 'z') {
            lo++;
        } else if (c >= '0' && c <= '9') {
            dig++;
        } else if (c >= 0x80) {
            size_t j = i;
            UChar32 u;
            U8_NEXT((const uint8_t *)s, j, n, u);
            if (u >= 0 && u_isupper(u)) {
                up++;
                first_up |= i == 0;
            } else if (u >= 0 && u_islower(u)) {
                lo++;
            } else if (u >= 0 && u_isalpha(u)) {
                uncased++;
            }
            i = j - 1;
        }
    }
    return shape_from_counts(up, lo, dig, uncased, first_up, s[0] >= '0' && s[0] <= '9', n);
}

/* One pass over an ASCII token: its lower-case copy into out (n + 1
 * bytes) and its shape. Returns 0 at the first non-ASCII byte. */
static int ascii_norm(const char *s, size_t n, char *out, uint8_t *shape)
{
    int up = 0, lo = 0, dig = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return 0;
        if (c >= 'A' && c <= 'Z') {
            up++;
            c = (unsigned char)(c + 32);
        } else if (c >= 'a' && c <= 'z') {
            lo++;
        } else if (c >= '0' && c <= '9') {
            dig++;
        }
        out[i] = (char)c;
    }
    out[n] = '\0';
    *shape = shape_from_counts(up, lo, dig, 0, s[0] >= 'A' && s[0] <= 'Z', s[0] >= '0' && s[0] <= '9', n);
    return 1;
}

/* Is s[i..j)+"." an abbreviation the lexicon knows? */
static uint8_t abbrev_kind(sn_analyzer *a, const scan *sc, size_t i, size_t j)
{
    char buf[32];
    if (j - i + 2 > sizeof buf)
        return SN_ABBR_NONE;
    size_t n = 0;
    for (size_t k = i; k < j; k++) {
        char c = sc->s[k];
        buf[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    buf[n++] = '.';
    const sn_lex_extra *x = sn_lex_extra_of(a->lx, sn_lex_find(a->lx, buf, n));
    return x ? x->abbrev : SN_ABBR_NONE;
}

/* The end of the token starting at i, and its flags. */
static size_t next_token(sn_analyzer *a, const scan *sc, size_t i, uint16_t *flags)
{
    size_t nx, k;
    if (url_start(sc, i)) {
        *flags |= SN_TOK_URL;
        return scan_url(sc, i);
    }
    if ((k = nt_at(sc, i)) && i > 0 && alnum_at(sc, i - 1))
        return i + k;
    if ((k = clitic_at(sc, i)) && i > 0 && (alnum_at(sc, i - 1) || sc->s[i - 1] == '.'))
        return i + k;
    UChar32 c = cp_at(sc, i, &nx);
    if (is_alnum_cp(c)) {
        size_t j = scan_word(sc, i, flags);
        size_t e = scan_email(sc, i, j);
        if (e != j) {
            *flags |= SN_TOK_EMAIL;
            return e;
        }
        size_t d = scan_dotted(sc, i, j);
        if (d != j && d < sc->n && sc->s[d] == '-' && alnum_at(sc, d + 1)) {
            *flags |= SN_TOK_HYPHEN; /* "U.S.-led" */
            return scan_word(sc, d + 1, flags);
        }
        if (d != j) {
            *flags |= SN_TOK_ABBREV;
            return d;
        }
        if (j < sc->n && sc->s[j] == '.' && !(*flags & SN_TOK_HYPHEN)) {
            int initial = j - i == 1 && sc->s[i] >= 'A' && sc->s[i] <= 'Z';
            if (initial || abbrev_kind(a, sc, i, j)) {
                *flags |= SN_TOK_ABBREV;
                return j + 1;
            }
        }
        if (digit_at(sc, i))
            *flags |= SN_TOK_NUMBER;
        return j;
    }
    if (c == '.' && i + 2 < sc->n && sc->s[i + 1] == '.' && sc->s[i + 2] == '.') {
        size_t j = i;
        while (j < sc->n && sc->s[j] == '.')
            j++;
        return j;
    }
    if (c == '-' && i + 1 < sc->n && sc->s[i + 1] == '-') {
        size_t j = i;
        while (j < sc->n && sc->s[j] == '-')
            j++;
        return j;
    }
    return nx;
}

/* Skip white space from i; report line breaks seen. */
static size_t skip_space(const scan *sc, size_t i, uint16_t *flags)
{
    int nl = 0;
    while (i < sc->n) {
        unsigned char c = (unsigned char)sc->s[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
        } else if (c == '\n' || c == '\f') {
            nl++;
            i++;
        } else if (c == 0xC2 && i + 1 < sc->n && (unsigned char)sc->s[i + 1] == 0xA0) {
            i += 2; /* no-break space */
        } else if (c == 0xE2 && i + 2 < sc->n && (unsigned char)sc->s[i + 1] == 0x80 &&
                   (((unsigned char)sc->s[i + 2] >= 0x80 && (unsigned char)sc->s[i + 2] <= 0x8B) ||
                    (unsigned char)sc->s[i + 2] == 0xAF)) {
            i += 3; /* en quad .. zero-width space, narrow no-break space */
        } else if (c == 0xE3 && i + 2 < sc->n && (unsigned char)sc->s[i + 1] == 0x80 &&
                   (unsigned char)sc->s[i + 2] == 0x80) {
            i += 3; /* ideographic space */
        } else if (c == 0xEF && i + 2 < sc->n && (unsigned char)sc->s[i + 1] == 0xBB &&
                   (unsigned char)sc->s[i + 2] == 0xBF) {
            i += 3; /* byte-order mark */
        } else {
            break;
        }
        *flags |= SN_TOK_SPACE_BEFORE;
    }
    if (nl)
        *flags |= SN_TOK_NL_BEFORE;
    if (nl >= 2)
        *flags |= SN_TOK_PARA_BEFORE;
    return i;
}

/* Sentence-final marks: ASCII . ! ? and ellipses, the ideographic full
 * stop, the Arabic question mark and full stop, the Devanagari danda. */
static int terminal_mark(const char *s)
{
    return !strcmp(s, ".") || !strcmp(s, "!") || !strcmp(s, "?") || !strncmp(s, "...", 3) ||
           !strcmp(s, "\xE3\x80\x82") || !strcmp(s, "\xD8\x9F") || !strcmp(s, "\xDB\x94") ||
           !strcmp(s, "\xE0\xA5\xA4");
}

/* The next free element of v without zeroing it (the caller sets every
 * field), or NULL at the cap or when out of memory. */
static void *vec_next(sn_vec *v)
{
    if (v->n < v->alloc && v->n < v->cap)
        return (char *)v->p + v->n++ * v->esize;
    return sn_vec_push(v);
}

/* The cache key of a short ASCII token in one pass: its lower-case copy
 * NUL-padded to LEXCACHE_KEY bytes, its sn_hash and its shape — what
 * ascii_norm and sn_hash would give separately. 0 at a non-ASCII byte. */
static int ascii_key(const char *s, size_t n, char *key, uint32_t *hash, uint8_t *shape)
{
    int up = 0, lo = 0, dig = 0;
    uint32_t h = 2166136261u;
    memset(key, 0, LEXCACHE_KEY);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return 0;
        if ((unsigned char)(c - 'A') < 26) {
            up++;
            c = (unsigned char)(c + 32);
        } else if ((unsigned char)(c - 'a') < 26) {
            lo++;
        } else if ((unsigned char)(c - '0') < 10) {
            dig++;
        }
        key[i] = (char)c;
        h = (h ^ c) * 16777619u;
    }
    *hash = h;
    *shape = shape_from_counts(up, lo, dig, 0, s[0] >= 'A' && s[0] <= 'Z', s[0] >= '0' && s[0] <= '9', n);
    return 1;
}

/* Norm, shape and lexical analysis of a token the fast path does not take:
 * long words and non-ASCII text. */
static const sn_lexinfo *slow_norm(sn_analyzer *a, const char *s, size_t n, sn_token *t, uint16_t *flags)
{
    sn_doc *d = &a->doc;
    size_t nl = n;
    char *p = nl < NORM_MAX ? sn_arena_alloc(&d->strings, nl + 1) : NULL;
    if (p && ascii_norm(s, nl, p, &t->shape)) {
        t->norm = p;
    } else {
        char norm[NORM_MAX];
        nl = sn_normalize(a, s, n, norm, sizeof norm);
        t->norm = p = (char *)sn_arena_strndup(&d->strings, norm, nl);
        if (!p)
            return NULL;
        t->shape = shape_of(s, n);
        *flags |= SN_TOK_NONASCII;
    }
    return sn_lex_analyze(a, p, nl);
}

/* What the fused scan of a plain word (plain_word) hands to add_token. */
typedef struct wkey {
    char key[LEXCACHE_KEY]; /* the lower-case norm, NUL-padded */
    uint32_t hash;          /* its sn_hash */
    uint8_t shape;
    int ok;                 /* set: key, hash and shape are the token's */
    size_t run;             /* plain_word: where the run of letters and digits ended */
    int run_ok;             /* set: key, hash and shape are the run's */
    const sn_lexinfo *lx;   /* set: the token's analysis, already looked up ... */
    const char *norm;       /* ... with its norm */
} wkey;

static sn_rc add_token(sn_analyzer *a, const scan *sc, size_t i, size_t j, uint16_t flags, wkey *k)
{
    sn_doc *d = &a->doc;
    sn_token *t;
    const sn_lexinfo **lx;
    if (d->tokens.n < d->tokens.alloc && d->lex.n < d->lex.alloc) { /* room in both: plain stores */
        t = (sn_token *)d->tokens.p + d->tokens.n++;
        lx = (const sn_lexinfo **)d->lex.p + d->lex.n++;
    } else if (!(t = vec_next(&d->tokens)) || !(lx = vec_next(&d->lex))) {
        return SN_ERR_TOOBIG;
    }
    size_t nl = j - i;
    t->tag = SN_TAG_NONE;
    /* Short ASCII tokens, nearly all of them, are lower-cased and hashed in
     * one pass (by plain_word, or here) and take their norm from the
     * lexical cache; the rest take the general path. Both give the same
     * norm, shape and analysis. */
    if (k->lx) {
        t->shape = k->shape;
        t->norm = k->norm;
        *lx = k->lx;
    } else if (k->ok || (nl < LEXCACHE_KEY && ascii_key(sc->s + i, nl, k->key, &k->hash, &k->shape))) {
        t->shape = k->shape;
        *lx = sn_lex_lookup(a, k->key, nl, k->hash, &t->norm);
    } else {
        *lx = slow_norm(a, sc->s + i, nl, t, &flags);
    }
    if (!*lx)
        return SN_ERR_NOMEM;
    t->off = (uint32_t)i;
    t->len = (uint32_t)(j - i);
    t->lemma = t->norm;
    if (t->shape == SN_SHAPE_PUNCT && terminal_mark(t->norm))
        flags |= SN_TOK_TERMINAL;
    t->flags = flags;
    if (flags & SN_TOK_NONASCII) /* the rest are known punctuation */
        d->unknown_punct += !sn_known_punct(t); /* for the splitter: see sentence.c */
    return SN_OK;
}

/* Per byte, for the fused scan: the lower-case form of an ASCII letter or
 * digit (0 for any other byte), and its count as upper case, lower case or
 * digit, one byte lane each (a key has at most 23 bytes, so no lane
 * overflows before it is read). */
static uint8_t word_lower[256];
static uint32_t word_count[256];
static pthread_once_t word_tables_once = PTHREAD_ONCE_INIT;

static void word_tables(void)
{
    for (int c = 0; c < 256; c++) {
        if (c >= 'A' && c <= 'Z') {
            word_lower[c] = (uint8_t)(c + 32);
            word_count[c] = 1;
        } else if (c >= 'a' && c <= 'z') {
            word_lower[c] = (uint8_t)c;
            word_count[c] = 1u << 8;
        } else if (c >= '0' && c <= '9') {
            word_lower[c] = (uint8_t)c;
            word_count[c] = 1u << 16;
        }
    }
}

/* shape_from_counts for a plain word: it has letters or digits only, so
 * it is never punctuation nor uncased, and a word without letters is a
 * number. */
static uint8_t plain_shape(uint32_t counts, unsigned char first, size_t n)
{
    unsigned up = counts & 0xFF, lo = (counts >> 8) & 0xFF, dig = (counts >> 16) & 0xFF;
    int first_up = first >= 'A' && first <= 'Z';
    if (dig && dig >= up + lo && first >= '0' && first <= '9')
        return SN_SHAPE_DIGIT;
    if (!up && !lo)
        return SN_SHAPE_DIGIT;
    if (!lo)
        return up == 1 && first_up && n <= 2 ? SN_SHAPE_TITLE : SN_SHAPE_UPPER;
    if (!up)
        return SN_SHAPE_LOWER;
    return first_up && up == 1 ? SN_SHAPE_TITLE : SN_SHAPE_MIXED;
}

/* The fast path: a run of ASCII letters and digits that ends in space or
 * in punctuation that cannot join it to more ("Russia ", "troops,"). Its
 * end, or 0 when the full rules must decide (hyphens, apostrophes,
 * periods, number separators, e-mail, URLs). */
static size_t plain_word(const scan *sc, size_t i, uint16_t *flags, wkey *k)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    if (!word_lower[s[i]])
        return 0;
    /* The scan also builds the cache key, hash and shape counts that
     * ascii_key would compute from the same bytes. */
    size_t j = i;
    uint32_t h = 2166136261u, counts = 0;
    uint8_t l;
    memset(k->key, 0, LEXCACHE_KEY);
    /* No j < n test: the text ends in a NUL (sn_text_clean; NULs inside it
     * became spaces), and word_lower['\0'] is 0. The first loop takes what
     * fits a key; a longer word only needs its end. */
    for (size_t lim = i + LEXCACHE_KEY - 1; j < lim && (l = word_lower[s[j]]); j++) {
        counts += word_count[s[j]];
        k->key[j - i] = (char)l;
        h = (h ^ l) * 16777619u;
    }
    while (word_lower[s[j]])
        j++;
    k->run = j;
    if (j - i < LEXCACHE_KEY) { /* the key, hash and shape of the run [i, j) */
        k->hash = h;
        k->shape = plain_shape(counts, (unsigned char)sc->s[i], j - i);
        k->run_ok = 1;
    }
    if (j < sc->n) {
        unsigned char c = (unsigned char)sc->s[j];
        if (c >= 0x80 || c == '-' || c == '\'' || c == '.' || c == '@' || c == ':' || c == '/' ||
            (c == ',' && j + 1 < sc->n && sc->s[j + 1] >= '0' && sc->s[j + 1] <= '9'))
            return 0;
    }
    if ((sc->s[i] == 'h' || sc->s[i] == 'w') && url_start(sc, i))
        return 0;
    if (sc->s[i] >= '0' && sc->s[i] <= '9')
        *flags |= SN_TOK_NUMBER;
    k->ok = k->run_ok;
    return j;
}

/* The commonest case plain_word leaves to the full rules: a word of two
 * or more ASCII letters and digits before a period ("said.", "Gen.").
 * next_token would scan the same run (no apostrophe, hyphen or "n't" can
 * be inside it), find no e-mail and no dotted initials, and then end the
 * token after the period if the word plus the period is an abbreviation,
 * else before it; "3.5" (digits around the period) and URLs go on to the
 * full rules. The abbreviation test is the word's abbrev_dot, from the
 * lexical cache, instead of a lexicon probe per token. Its end, or 0. */
static size_t word_before_period(sn_analyzer *a, const scan *sc, size_t i, uint16_t *flags, wkey *k)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    size_t j = k->run;
    if (!k->run_ok || j - i < 2 || s[j] != '.')
        return 0;
    if ((s[j - 1] >= '0' && s[j - 1] <= '9' && s[j + 1] >= '0' && s[j + 1] <= '9') ||
        ((s[i] == 'h' || s[i] == 'w') && url_start(sc, i)))
        return 0;
    const sn_lexinfo *lx = sn_lex_lookup(a, k->key, j - i, k->hash, &k->norm);
    if (!lx)
        return 0; /* out of memory: the full rules will say so */
    if (lx->abbrev_dot) {
        *flags |= SN_TOK_ABBREV;
        return j + 1; /* the token is the word and its period: add_token keys it */
    }
    if (s[i] >= '0' && s[i] <= '9')
        *flags |= SN_TOK_NUMBER;
    k->lx = lx;
    k->ok = 1;
    return j;
}

/* The other fast path: one ASCII punctuation mark that stands alone ("," or
 * "." or "("), which next_token would return as the one byte: it is no
 * apostrophe (a clitic), nor the start of "..." or "--". Its end, with its
 * cache key, or 0. */
static size_t plain_mark(const scan *sc, size_t i, wkey *k)
{
    unsigned char c = (unsigned char)sc->s[i], nx = (unsigned char)sc->s[i + 1]; /* s[n] is a NUL */
    if (c >= 0x80 || word_lower[c] || c == '\'' || (c == '.' && nx == '.') || (c == '-' && nx == '-'))
        return 0;
    memset(k->key, 0, LEXCACHE_KEY);
    k->key[0] = (char)c;
    k->hash = (2166136261u ^ c) * 16777619u; /* sn_hash of the one byte */
    k->shape = SN_SHAPE_PUNCT;
    k->ok = 1;
    return i + 1;
}

sn_rc sn_tokenize(sn_analyzer *a)
{
    sn_doc *d = &a->doc;
    scan sc = {d->text.p, d->text.len};
    size_t i = 0;
    /* News text runs about one token per six bytes; reserving up front
     * keeps the push below off the realloc path. */
    size_t guess = d->text.len / 4 + 16;
    if (guess > a->lim.max_tokens)
        guess = a->lim.max_tokens;
    if (sn_vec_reserve(&d->tokens, guess) || sn_vec_reserve(&d->lex, guess))
        return SN_ERR_NOMEM;
    pthread_once(&word_tables_once, word_tables);
    for (;;) {
        uint16_t flags = 0;
        /* s[n] is a NUL, which fails both byte tests: no bounds tests. */
        if (sc.s[i] == ' ' && (unsigned char)(sc.s[i + 1] - 0x21) < 0x5F) { /* 0x21..0x7F */
            i++; /* the common case: one space */
            flags = SN_TOK_SPACE_BEFORE;
        } else {
            i = skip_space(&sc, i, &flags);
        }
        if (i >= sc.n)
            return SN_OK;
        if (d->tokens.n >= a->lim.max_tokens) {
            d->warn.token_cap_hit = 1;
            return SN_OK;
        }
        wkey k;
        k.ok = k.run_ok = 0;
        k.lx = NULL;
        size_t j = plain_word(&sc, i, &flags, &k);
        if (!j)
            j = word_before_period(a, &sc, i, &flags, &k);
        if (!j)
            j = plain_mark(&sc, i, &k);
        if (!j)
            j = next_token(a, &sc, i, &flags);
        sn_rc rc = add_token(a, &sc, i, j, flags, &k);
        if (rc)
            return rc;
        i = j;
    }
}
