/*
 * lib/text/tags.c — names of tags, zones, clause kinds and precisions.
 * Shared with the build-time lexicon generator.
 */
#include <string.h>
#include "sentinel/text.h"

static const char *const tag_names[SN_TAG__COUNT] = {
    "NONE", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS",
    "MD", "NN", "NNS", "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB",
    "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP",
    "VBZ", "WDT", "WP", "WP$", "WRB", "PUNCT",
};

const char *sn_tag_name(sn_tag t)
{
    return (unsigned)t < SN_TAG__COUNT ? tag_names[t] : "NONE";
}

sn_tag sn_tag_from_name(const char *name)
{
    for (int t = 1; t < SN_TAG__COUNT; t++)
        if (!strcmp(name, tag_names[t]))
            return (sn_tag)t;
    return SN_TAG_NONE;
}

const char *sn_zone_name(sn_zone z)
{
    static const char *const n[] = {"body", "headline", "dateline", "caption", "boilerplate", "byline"};
    return (unsigned)z < sizeof n / sizeof *n ? n[z] : "body";
}

const char *sn_clause_kind_name(sn_clause_kind k)
{
    static const char *const n[] = {"main", "relative", "report", "condition", "adverbial"};
    return (unsigned)k < sizeof n / sizeof *n ? n[k] : "main";
}
