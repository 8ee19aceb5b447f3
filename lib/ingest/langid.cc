/*
 * lib/ingest/langid.cc — language identification with CLD2 (Debian
 * libcld2-dev), the one C++ file of the library: a C entry point around
 * CLD2::DetectLanguageSummary. CLD2 throws no exceptions and allocates
 * nothing here.
 */
#include <cstdio> /* before CLD2's header, which uses FILE without it */
#include <cstring>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include "ingest/langid.h"

static const size_t max_bytes = 64 * 1024;

extern "C" void sn_langid_detect(const char *text, size_t n, const char *hint, sn_langid *out)
{
    std::snprintf(out->code, sizeof out->code, "un");
    out->percent = 0;
    out->reliable = 0;
    if (!text || !n)
        return;
    if (n > max_bytes) { /* cut on a UTF-8 boundary */
        n = max_bytes;
        while (n && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80)
            n--;
    }
    CLD2::Language hint_lang = CLD2::UNKNOWN_LANGUAGE;
    if (hint && *hint) {
        char h[8];
        size_t k = std::strcspn(hint, "-_");
        std::snprintf(h, sizeof h, "%.*s", static_cast<int>(k < 7 ? k : 7), hint);
        hint_lang = CLD2::GetLanguageFromName(h);
    }
    CLD2::Language lang3[3];
    int percent3[3], text_bytes = 0;
    bool reliable = false;
    CLD2::Language l = CLD2::DetectLanguageSummary(text, static_cast<int>(n), true, nullptr, 0, hint_lang,
                                                   lang3, percent3, &text_bytes, &reliable);
    const char *code = CLD2::LanguageCode(l);
    std::snprintf(out->code, sizeof out->code, "%s", code && *code ? code : "un");
    out->percent = percent3[0];
    out->reliable = reliable && l != CLD2::UNKNOWN_LANGUAGE;
}
