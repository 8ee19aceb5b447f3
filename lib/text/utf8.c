/*
 * lib/text/utf8.c — input validation and token normalization.
 *
 * sn_text_clean copies the input into the document: invalid UTF-8 becomes
 * U+FFFD and C0 control characters other than tab, line feed, carriage
 * return and form feed become spaces. When the input is valid the copy is
 * byte-identical, so offsets point into the original too.
 *
 * sn_normalize gives the matching form of a token: lower case, NFKC, and
 * one spelling for quotes, apostrophes and dashes. ASCII takes a fast path;
 * anything else goes through ICU's NFKC_Casefold.
 */
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include "text/internal.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when invalid. */
static size_t valid_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

/* Are all eight bytes at s in 0x20..0x7E? A byte below 0x20 borrows into
 * its top bit when 0x20 is subtracted from it; one of 0x7F or more has its
 * top bit set once 1 is added to it (or already had). */
static int printable8(const unsigned char *s)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x;
    memcpy(&x, s, 8);
    uint64_t low = (x - 0x20 * ones) & ~x & high;
    uint64_t del = (x + ones) | x;
    return ((low | del) & high) == 0;
}

sn_rc sn_text_clean(sn_doc *d, const char *in, size_t len)
{
    const unsigned char *s = (const unsigned char *)in;
    sn_buf_reset(&d->text);
    sn_rc rc = sn_buf_reserve(&d->text, len);
    if (rc)
        return rc;
    size_t i = 0, run = 0; /* run: start of the pending clean stretch */
    while (i < len) {
        /* Eight printable ASCII bytes at a time: the loop below would pass
         * each of them on its first test anyway. */
        while (i + 8 <= len && printable8(s + i))
            i += 8;
        if (i >= len)
            break;
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        size_t k = (c == '\t' || c == '\n' || c == '\r' || c == '\f') ? 1
                   : c < 0x20 || c == 0x7F ? 0 : valid_seq(s + i, len - i);
        if (k) {
            i += k;
            continue;
        }
        if ((rc = sn_buf_add(&d->text, in + run, i - run)))
            return rc;
        if (c < 0x20 || c == 0x7F) {
            d->warn.control_chars++;
            rc = sn_buf_addc(&d->text, ' ');
        } else {
            d->warn.invalid_utf8++;
            rc = sn_buf_add(&d->text, REPLACEMENT, 3);
        }
        if (rc)
            return rc;
        run = ++i;
    }
    if ((rc = sn_buf_add(&d->text, in + run, i - run)))
        return rc;
    return sn_buf_cstr(&d->text);
}

/* Quotes, apostrophes and dashes that matching treats as one. */
static int unify(UChar32 c)
{
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x02BC: case 0x0060: case 0x00B4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
        return '-';
    }
    return c;
}

static size_t ascii_lower(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = n < cap - 1 ? n : cap - 1;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[k] = '\0';
    return k;
}

size_t sn_normalize(sn_analyzer *a, const char *s, size_t n, char *out, size_t cap)
{
    size_t i;
    for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
        ;
    if (i == n)
        return ascii_lower(s, n, out, cap);
    UChar src[256], dst[512];
    int32_t sl = 0;
    for (size_t j = 0; j < n && sl < 254;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, j, n, c);
        if (c < 0)
            c = 0xFFFD;
        U16_APPEND_UNSAFE(src, sl, unify(c));
    }
    UErrorCode err = U_ZERO_ERROR;
    int32_t dl = unorm2_normalize(a->nfkc_cf, src, sl, dst, 512, &err);
    if (U_FAILURE(err) || dl > 512)
        return ascii_lower(s, n, out, cap);
    int32_t ol = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8(out, (int32_t)cap - 1, &ol, dst, dl, &err);
    if (U_FAILURE(err) || ol >= (int32_t)cap)
        return ascii_lower(s, n, out, cap);
    out[ol] = '\0';
    return (size_t)ol;
}
