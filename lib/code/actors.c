/*
 * lib/code/actors.c — who the noun phrases of a sentence stand for.
 *
 * Dictionary phrases (names, adjectives, metonyms, agents) are found by
 * longest match on token norms, the last word of an agent on its lemma
 * ("soldiers" matches the agent "soldier"). Each noun phrase then takes
 * the actor it contains or its possessor names, composed with a role:
 * "Russian soldiers" and "Georgia's interior ministry" give RUSMIL and
 * GEOGOV, "Moscow" as an actor gives RUSGOV, a lone "rebels" gives REB.
 */
#include <stdio.h>
#include <string.h>
#include "code/internal.h"
#include "util/hash.h"

/* Does name n match the tokens from i? Returns the end, or 0. */
static uint32_t match_name(const sn_dict *d, const sn_img_name *n, const sn_token *tok, uint32_t i, uint32_t e)
{
    const char *p = sn_dict_str(d, n->toks);
    uint32_t k = i;
    for (uint16_t t = 0; t < n->ntok; t++, k++) {
        if (k >= e)
            return 0;
        if (tok[k].norm[0] != p[0] && tok[k].lemma[0] != p[0])
            return 0; /* the common case, settled without scanning */
        const char *sep = strchr(p, SN_DICT_SEP);
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        const char *w = tok[k].norm;
        int last = t + 1 == n->ntok;
        int ok = strlen(w) == len && !memcmp(w, p, len);
        if (!ok && last && (n->flags & SN_NAMEF_STEM))
            ok = strlen(w) > len && !memcmp(w, p, len); /* "argentin*" */
        if (!ok && last && (n->flags & SN_NAMEF_ENDS))
            ok = strlen(w) == len + 1 && w[len] == 's' && !memcmp(w, p, len); /* "estonia+": "estonias" */
        if (!ok && last && n->kind == SN_NAME_AGENT)
            ok = strlen(tok[k].lemma) == len && !memcmp(tok[k].lemma, p, len);
        if (ok && (n->flags & SN_NAMEF_CASE) && tok[k].shape != SN_SHAPE_UPPER)
            ok = 0; /* "us" is not the US */
        /* "Police arrested" is no town: a place's first word must be a
         * proper noun, or capitalized when the name is longer ("Crimean
         * peninsula"). */
        if (ok && n->kind == SN_NAME_PLACE && t == 0 && tok[k].tag != SN_TAG_NNP && tok[k].tag != SN_TAG_NNPS &&
            (n->ntok == 1 || tok[k].shape == SN_SHAPE_LOWER))
            ok = 0;
        if (!ok)
            return 0;
        p = sep ? sep + 1 : p + len;
    }
    return k;
}

static int proper(const sn_token *t)
{
    return t->tag == SN_TAG_NNP || t->tag == SN_TAG_NNPS;
}

/* A town's name inside a longer proper name is not the town: "David
 * Sanakoyev", "Mosul Dam", "President Jackson", "the Gulf of Aden". */
static int town_alone(const sn_token *tok, uint32_t b, uint32_t i, uint32_t end, uint32_t e)
{
    if (i >= b + 2 && !strcmp(tok[i - 1].norm, "of") && proper(&tok[i - 2]))
        return 0;
    return !(i > b && proper(&tok[i - 1])) && !(end < e && proper(&tok[end]));
}

/* "the Gulf of Aden", "the Sea of Azov": a water or land feature named
 * after a town is not the town, nor the seat of government. */
static int in_feature_name(const sn_token *tok, uint32_t b, uint32_t i)
{
    static const char *const f[] = {"gulf", "sea", "bay", "strait", "straits", "lake", "cape", "isle"};
    if (i < b + 2 || strcmp(tok[i - 1].norm, "of") || !proper(&tok[i - 2]))
        return 0;
    for (size_t k = 0; k < sizeof f / sizeof *f; k++)
        if (!strcmp(tok[i - 2].norm, f[k]))
            return 1;
    return 0;
}

/* Fold the names chained under key into the longest match at i. */
static int best_by_key(const sn_dict *d, uint32_t r, const sn_token *tok, uint32_t b, uint32_t i, uint32_t e,
                       int found, sn_mention *out)
{
    int lower = tok[i].shape == SN_SHAPE_LOWER;
    for (; r; r = d->names[r - 1].next) {
        const sn_img_name *n = &d->names[r - 1];
        if (lower && n->kind == SN_NAME_PLACE)
            continue; /* a town's name starts with a capital */
        uint32_t end = match_name(d, n, tok, i, e);
        if (end && n->kind == SN_NAME_PLACE && !town_alone(tok, b, i, end, e))
            continue;
        if (end && n->kind == SN_NAME_GOV && in_feature_name(tok, b, i))
            continue;
        /* Of two equally long names, a town yields: "Moscow" the
         * seat of government, "Panama" the state. */
        int better = !found || end > out->tok_end ||
                     (end == out->tok_end && out->kind == SN_NAME_PLACE && n->kind != SN_NAME_PLACE);
        if (end && better) {
            out->tok_begin = i;
            out->tok_end = end;
            out->name = r - 1;
            out->kind = n->kind;
            found = 1;
        }
    }
    return found;
}

static uint32_t fnv_nadd(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t fnv_add(uint32_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The longest name starting at token i. Names of two or more tokens are
 * keyed by their first two (the second by its norm, or its lemma for an
 * agent's last word), one-word names by the norm or lemma, one-word stems
 * ("argentin*") by the norm's prefixes of the lengths the image has. ti
 * holds the tokens' hashes and norm lengths from the word index (words.c),
 * the same sn_hash() values and strlen()s these look-ups computed; NULL
 * past its cap. */
static int best_at(const sn_dict *d, const sn_token *tok, const sn_tokinfo *ti, uint32_t b, uint32_t i, uint32_t e,
                   sn_mention *out)
{
    const char *keys[2] = {tok[i].norm, tok[i].lemma};
    int nkeys = keys[0] != keys[1] && strcmp(keys[0], keys[1]) ? 2 : 1;
    uint32_t hkeys[2];
    size_t l1 = ti ? ti[i - b].nlen : strlen(tok[i].norm);
    hkeys[0] = ti ? ti[i - b].hnorm : sn_hash(keys[0], l1);
    hkeys[1] = ti ? ti[i - b].hlemma : sn_hash(keys[1], strlen(keys[1]));
    int found = 0;
    for (int k = 0; k < nkeys; k++)
        found = best_by_key(d, sn_dict_lookup_hash(d, &d->h->name_index, hkeys[k]), tok, b, i, e, found, out);
    if (i + 1 < e) {
        /* fnv_add(fnv_add(basis, norm), sep), from the norm's hash */
        uint32_t h = (hkeys[0] ^ (unsigned char)SN_DICT_SEP) * 16777619u;
        const char *second[2] = {tok[i + 1].norm, tok[i + 1].lemma};
        int n2 = second[0] != second[1] && strcmp(second[0], second[1]) ? 2 : 1;
        for (int k = 0; k < n2; k++)
            found = best_by_key(d, sn_dict_lookup_hash(d, &d->h->name_index, fnv_add(h, second[k])), tok, b, i, e,
                                found, out);
        size_t l2 = ti ? ti[i + 1 - b].nlen : strlen(tok[i + 1].norm);
        if (d->h->nends && l2 > 2 && tok[i + 1].norm[l2 - 1] == 's') /* "... governments" for "... government+" */
            found = best_by_key(d, sn_dict_lookup_hash(d, &d->h->name_index, fnv_nadd(h, tok[i + 1].norm, l2 - 1)),
                                tok, b, i, e, found, out);
    }
    if (d->h->nends && l1 > 2 && tok[i].norm[l1 - 1] == 's') /* "Estonias" for "estonia+" */
        found = best_by_key(d, sn_dict_lookup_hash(d, &d->h->name_index, fnv_nadd(2166136261u, tok[i].norm, l1 - 1)),
                            tok, b, i, e, found, out);
    if (d->h->nstem1) {
        /* FNV-1a is incremental: the hash of each prefix on the way. */
        const char *w = tok[i].norm;
        uint32_t h = 2166136261u;
        for (size_t l = 0; w[l] && w[l + 1] && l < 31; l++) {
            h = (h ^ (unsigned char)w[l]) * 16777619u;
            if (l + 1 >= 2 && (d->h->stem_lens & (1u << (l + 1))))
                found = best_by_key(d, sn_dict_lookup_hash(d, &d->h->name_index, h), tok, b, i, e, found, out);
        }
    }
    return found;
}

sn_rc sn_find_mentions(sn_coder *c, const sn_token *tok, uint32_t b, uint32_t e)
{
    sn_vec_reset(&c->mentions);
    const sn_tokinfo *ti = c->tinfo.n == e - b ? c->tinfo.p : NULL;
    for (uint32_t i = b; i < e;) {
        sn_mention m;
        /* A token whose words begin no name in the word index cannot be
         * where best_at() finds one (words.c says why). */
        if (ti && !ti[i - b].name_start) {
            i++;
            continue;
        }
        if (tok[i].shape != SN_SHAPE_PUNCT && best_at(c->dict, tok, ti, b, i, e, &m)) {
            sn_mention *p = sn_vec_push(&c->mentions);
            if (!p)
                return SN_ERR_TOOBIG;
            *p = m;
            i = m.tok_end;
        } else {
            i++;
        }
    }
    return SN_OK;
}

int sn_has_discard(const sn_coder *c)
{
    const sn_mention *m = c->mentions.p;
    for (size_t i = 0; i < c->mentions.n; i++)
        if (m[i].kind == SN_NAME_DISCARD)
            return 1;
    return 0;
}

/* Which role names a side: non-state sides beat forces and police, which
 * beat the generic GOV. */
static int role_rank(const char *r)
{
    if (!strcmp(r, "GOV"))
        return 0;
    if (!strcmp(r, "REB") || !strcmp(r, "SEP") || !strcmp(r, "INS") || !strcmp(r, "OPP"))
        return 2;
    return 1;
}

/* Fold one mention into an NP's actor. */
/* PETRARCH composes every agent of a noun phrase, in its order, prefix
 * roles first ("an MSF Arnor diplomat": NGO~ and GOV, NGOARNGOV; "Danish
 * Islamist media": MUS and MED, DNKMUSMED). */
static const char *all_roles(sn_coder *c, const char *have, const char *role)
{
    if (!*have)
        return role;
    if (strstr(have, role))
        return have;
    char buf[32];
    size_t rl = strlen(role);
    int prefix = rl && role[rl - 1] == '~';
    int n = prefix ? snprintf(buf, sizeof buf, "%s%s", role, have) : snprintf(buf, sizeof buf, "%s%s", have, role);
    if (n < 0 || (size_t)n >= sizeof buf)
        return have;
    const char *r = sn_arena_strndup(&c->codes, buf, (size_t)n);
    return r ? r : have;
}

static void absorb(sn_coder *c, sn_np_actor *a, const sn_mention *m)
{
    const sn_dict *d = c->dict;
    const sn_img_name *n = &d->names[m->name];
    if (n->kind != SN_NAME_PLACE)
        a->other = 1;
    if (n->kind == SN_NAME_AGENT) {
        /* "government forces" are the military, "separatist artillery"
         * the separatists, "opposition leaders" the opposition; on a tie
         * the modifier wins ("separatist fighters", "police officers"). */
        const char *role = sn_dict_str(d, n->target);
        if (c->flags & SN_DICTF_ALL_AGENTS)
            a->role = all_roles(c, a->role, role);
        else if (!*a->role || role_rank(role) > role_rank(a->role))
            a->role = role;
    } else if (n->kind == SN_NAME_PLACE) {
        const sn_img_actor *ac = &d->actors[n->target];
        const char *country = sn_dict_str(d, ac->country);
        if (!*a->country)
            a->country = *country ? country : sn_dict_str(d, ac->code);
        a->place = 1;
    } else if (n->kind != SN_NAME_DISCARD) {
        const sn_img_actor *ac = &d->actors[n->target];
        const char *country = sn_dict_str(d, ac->country);
        if (ac->type == SN_ACT_PERSON || ((ac->type == SN_ACT_IGO || ac->type == SN_ACT_NGO ||
                                           ac->type == SN_ACT_GROUP || ac->type == SN_ACT_COMPANY) &&
                                          n->kind == SN_NAME_ACTOR)) {
            if (a->actor == SN_NO_ACTOR)
                a->actor = n->target;
        } else if (!*a->country) {
            a->country = *country ? country : sn_dict_str(d, ac->code);
            /* A state's name or metonym may stand for another code at
             * some dates; its adjective keeps it ("Karabakh Armenians"). */
            if (ac->type == SN_ACT_STATE && n->kind != SN_NAME_ADJ)
                a->state1 = n->target + 1;
        }
        if (n->kind == SN_NAME_GOV && !*a->role) {
            a->role = "GOV";
            a->metonym = 1;
        }
    }
    if (!a->found || m->tok_begin < a->tok_begin)
        a->tok_begin = m->tok_begin;
    if (m->tok_end > a->tok_end)
        a->tok_end = m->tok_end;
    if (!a->found)
        a->rule_name = m->name;
    a->found = 1;
}

static int has_former(const sn_token *tok, const sn_chunk *k)
{
    for (uint32_t i = k->tok_begin; i < k->tok_end; i++)
        if ((tok[i].norm[0] == 'f' && !strcmp(tok[i].norm, "former")) || !strncmp(tok[i].norm, "ex-", 3))
            return 1;
    return 0;
}

static void retire(const sn_dict *d, sn_np_actor *a)
{
    if (a->actor != SN_NO_ACTOR && d->actors[a->actor].type == SN_ACT_PERSON) {
        a->country = sn_dict_str(d, d->actors[a->actor].country);
        a->actor = SN_NO_ACTOR;
        a->role = "ELI";
    } else if (a->actor == SN_NO_ACTOR && (!strcmp(a->role, "GOV") || !strcmp(a->role, "MIL"))) {
        a->role = "ELI";
    }
}

/* Does the head of a noun phrase count things ("hundreds", "dozens",
 * "more", "300,000")? */
static int is_quantity(const sn_token *t)
{
    static const char *const words[] = {"hundred", "thousand", "million", "dozen", "score", "ten", "tens",
                                        "number", "group", "some", "many", "more", "most", "several",
                                        "few", "all", "dozens", "hundreds", "thousands", "millions", NULL};
    if (t->tag == SN_TAG_CD)
        return 1;
    for (int i = 0; words[i]; i++)
        if (!strcmp(t->lemma, words[i]) || !strcmp(t->norm, words[i]))
            return 1;
    return 0;
}

/* The object NP of the prepositional phrase that starts at token `end`,
 * right after NP k, when its preposition is one of `preps`; else -1. */
static int32_t pp_object(const sn_token *tok, const sn_chunk *ch, uint32_t nch, uint32_t k, uint32_t end,
                         const char *const *preps)
{
    for (uint32_t j = k + 1; j < nch && ch[j].tok_begin <= end; j++) {
        if (ch[j].tok_begin != end)
            continue;
        if (ch[j].kind != SN_CHUNK_PP || ch[j].object < 0 || (uint32_t)ch[j].object >= nch)
            return -1;
        for (size_t i = 0; preps[i]; i++)
            if (!strcmp(tok[end].norm, preps[i]))
                return ch[j].object;
        return -1;
    }
    return -1;
}

static const char *const OF[] = {"of", NULL};
static const char *const OF_THAN_IN_NEAR[] = {"of", "than", "in", "near", NULL};
static const char *const IN_NEAR[] = {"in", "near", NULL};

/* A place-like phrase: a country or town without an actor or a role of
 * its own (a capital's metonymic GOV aside). */
static int bare_place(const sn_np_actor *o)
{
    return o->found && o->actor == SN_NO_ACTOR && *o->country && (!*o->role || o->metonym);
}

/* Each NP's own names, composed. A name may run on through an "of" phrase
 * the chunker split off: "the US [Secretary] [of State]", "[the State]
 * [of Palestine]". */
static void own_names(sn_coder *c, const sn_chunk *ch, uint32_t nch)
{
    const sn_mention *m = c->mentions.p;
    for (uint32_t k = 0; k < nch; k++) {
        sn_np_actor *a = sn_vec_push(&c->nps); /* reserved: cannot fail */
        a->actor = SN_NO_ACTOR;
        a->country = a->role = "";
        if (ch[k].kind != SN_CHUNK_NP)
            continue;
        for (size_t i = 0; i < c->mentions.n; i++)
            if (m[i].tok_begin >= ch[k].tok_begin && m[i].tok_begin < ch[k].tok_end)
                absorb(c, a, &m[i]);
    }
}

/* "the leaders of Russia": a role takes its country from an "of" phrase,
 * found after the agent where it ran on ("the Secretary of State | of
 * Georgia"); "a delegation of rebel commanders" takes their stronger role. */
static void of_phrases(sn_np_actor *np, const sn_token *tok, const sn_chunk *ch, uint32_t nch)
{
    for (uint32_t k = 0; k + 1 < nch; k++) {
        if (!np[k].found || *np[k].country || np[k].actor != SN_NO_ACTOR)
            continue;
        uint32_t end = ch[k].tok_end > np[k].tok_end ? ch[k].tok_end : np[k].tok_end;
        int32_t ob = pp_object(tok, ch, nch, k, end, OF);
        if (ob < 0)
            continue;
        const sn_np_actor *o = &np[ob];
        if (o->found && o->actor == SN_NO_ACTOR && *o->country) {
            np[k].country = o->country;
            np[k].state1 = o->state1;
        }
        if (o->found && o->actor == SN_NO_ACTOR && *o->role && role_rank(o->role) > role_rank(np[k].role))
            np[k].role = o->role;
        /* "the foreign ministers of Armenia and Azerbaijan": each country
         * named takes the role, for when a conjunct is the subject. */
        for (int32_t j = ob; j >= 0 && (uint32_t)j < nch; j = ch[j].coord)
            if (np[j].found && np[j].actor == SN_NO_ACTOR && !*np[j].role)
                np[j].role = np[k].role;
    }
}

/* A phrase that names nothing stands for its "of", "than", "in" or "near"
 * phrase: a quantity for what it counts ("hundreds of civilians", "more
 * than 100 lawyers"); anything else for the place it belongs to or is in
 * ("residential areas of Donetsk", "a market in Maiduguri"), which is then
 * never a source ("Floods in Pakistan"): "imports of Turkish fruit" are
 * Turkey's, "talks in Prague" are only held there. Backwards, so that
 * "hundreds of thousands of" resolves inside out. */
static void stand_ins(sn_np_actor *np, const sn_token *tok, const sn_chunk *ch, uint32_t nch)
{
    for (uint32_t k = nch; k-- > 0;) {
        if (np[k].found || ch[k].kind != SN_CHUNK_NP)
            continue;
        uint32_t end = ch[k].tok_end, b = ch[k].tok_begin;
        int32_t ob = pp_object(tok, ch, nch, k, end, OF_THAN_IN_NEAR);
        if (ob < 0 || !np[ob].found)
            continue;
        int of_than = !strcmp(tok[end].norm, "of") || !strcmp(tok[end].norm, "than");
        if (of_than && is_quantity(&tok[ch[k].head])) {
            np[k] = np[ob];
            np[k].tok_begin = b;
        } else if (strcmp(tok[end].norm, "than") && bare_place(&np[ob])) {
            np[k] = np[ob];
            np[k].tok_begin = b;
            if (!strcmp(tok[end].norm, "of"))
                np[k].owned = 1;
            else
                np[k].located = 1;
            np[k].role = ""; /* "a market in Baghdad" is in Iraq, not its government */
            np[k].metonym = 0;
        }
    }
}

/* "protesters in Deraa", "militants in Syria", "a command post near
 * Raqqa": a role without a country, or an armed group without one
 * ("Islamic State militants in Syria"), takes the place's country. */
static void placed_roles(const sn_dict *d, sn_np_actor *np, const sn_token *tok, const sn_chunk *ch, uint32_t nch)
{
    for (uint32_t k = 0; k + 1 < nch; k++) {
        if (!np[k].found || *np[k].country)
            continue;
        int32_t ob = pp_object(tok, ch, nch, k, ch[k].tok_end, IN_NEAR);
        if (ob < 0 || !bare_place(&np[ob]))
            continue;
        const sn_img_actor *ac = np[k].actor != SN_NO_ACTOR ? &d->actors[np[k].actor] : NULL;
        if (!ac && *np[k].role) {
            np[k].country = np[ob].country;
            np[k].state1 = np[ob].state1;
        } else if (ac && ac->type == SN_ACT_GROUP && !*sn_dict_str(d, ac->country)) {
            np[k].country = np[ob].country;
            np[k].state1 = np[ob].state1;
            if (!*np[k].role)
                np[k].role = sn_dict_str(d, ac->role);
            np[k].actor = SN_NO_ACTOR;
        }
    }
}

/* "Russian and Georgian troops": a bare first conjunct shares the role of
 * the head that follows. */
static void conjunct_roles(sn_np_actor *np, const sn_chunk *ch, uint32_t nch)
{
    for (uint32_t k = nch; k-- > 0;) {
        int32_t nx = ch[k].coord;
        if (nx >= 0 && (uint32_t)nx < nch && np[k].found && !*np[k].role && np[k].actor == SN_NO_ACTOR)
            np[k].role = np[nx].role;
    }
}

/* An apposition fills in what the phrase lacks: "Tibilov, the South
 * Ossetian president" gives Tibilov the role of his apposition. */
static void appositions(sn_np_actor *np, const sn_chunk *ch, uint32_t nch)
{
    for (uint32_t k = 0; k < nch; k++) {
        int32_t ap = ch[k].appos;
        if (ap < 0 || (uint32_t)ap >= nch || !np[ap].found)
            continue;
        if (!np[k].found) {
            np[k] = np[ap];
        } else if (np[k].actor == SN_NO_ACTOR) {
            if (!*np[k].role)
                np[k].role = np[ap].role;
            if (!*np[k].country) {
                np[k].country = np[ap].country;
                np[k].state1 = np[ap].state1;
            }
        }
    }
}

sn_rc sn_np_actors(sn_coder *c, const sn_token *tok, const sn_chunk *ch, uint32_t nch)
{
    sn_vec_reset(&c->nps);
    if (sn_vec_reserve(&c->nps, nch))
        return SN_ERR_TOOBIG;
    own_names(c, ch, nch);
    sn_np_actor *np = c->nps.p;
    of_phrases(np, tok, ch, nch);
    stand_ins(np, tok, ch, nch);
    /* "former president Mikheil Saakashvili", "a former oil minister": out
     * of office, an official is one of the elite (ELI). */
    for (uint32_t k = 0; k < nch; k++)
        if (np[k].found && ch[k].kind == SN_CHUNK_NP && has_former(tok, &ch[k]))
            retire(c->dict, &np[k]);
    placed_roles(c->dict, np, tok, ch, nch);
    conjunct_roles(np, ch, nch);
    appositions(np, ch, nch);
    return SN_OK;
}

/* The person's (or dated actor's) code at the day: the first dated code
 * that holds it, else the first undated one, else the actor's own. */
static const char *person_code(const sn_dict *d, const sn_img_actor *a, int32_t day)
{
    const sn_img_code *fallback = NULL;
    for (uint32_t i = 0; i < a->codes_n; i++) {
        const sn_img_code *c = &d->codes[a->codes_first + i];
        int open = c->from == INT32_MIN && c->to == INT32_MAX;
        if (!open && day >= c->from && day <= c->to)
            return sn_dict_str(d, c->code);
        if (open && !fallback)
            fallback = c;
    }
    return fallback ? sn_dict_str(d, fallback->code) : sn_dict_str(d, a->code);
}

const char *sn_np_dated_country(const sn_dict *d, const sn_np_actor *a, int32_t day)
{
    if (!a || !a->found || a->actor != SN_NO_ACTOR || !a->state1 || a->state1 > d->h->nactors)
        return NULL;
    const sn_img_actor *ac = &d->actors[a->state1 - 1];
    for (uint32_t i = 0; i < ac->codes_n; i++) {
        const sn_img_code *c = &d->codes[ac->codes_first + i];
        if (day >= c->from && day <= c->to)
            return sn_dict_str(d, c->code);
    }
    return NULL;
}

/* "RUS" + "GOV", kept in the coder's arena; a code is at most 31 bytes. A
 * role written "NGO~" goes first: "NGO" + "USA". */
static const char *join_one(char *buf, size_t cap, const char *pre, const char *a, size_t na, const char *b)
{
    size_t np = strlen(pre), nb = strlen(b);
    if (na >= nb && nb && !memcmp(a + na - nb, b, nb))
        nb = 0; /* "USAGOV" and the agent GOV: once */
    if (na >= np && np && !memcmp(a, pre, np))
        np = 0; /* "NGM" and the agent NGM~: once */
    if (np + na + nb >= cap)
        return NULL;
    memcpy(buf, pre, np);
    memcpy(buf + np, a, na);
    memcpy(buf + np + na, b, nb);
    buf[np + na + nb] = '\0';
    return buf;
}

static const char *join_code(sn_coder *c, const char *a, const char *b)
{
    /* Roles before the last '~' go first: "NGO~" + "USA", "NGO~GOV" + "ARN". */
    const char *tilde = strrchr(b, '~');
    char pre[16] = "";
    if (tilde) {
        size_t k = 0;
        for (const char *p = b; p < tilde && k + 1 < sizeof pre; p++)
            if (*p != '~')
                pre[k++] = *p;
        pre[k] = '\0';
        b = tilde + 1;
    }
    if (strnlen(b, 16) == 16)
        return a;
    if (!*pre && !*b)
        return a;
    /* A coded compound actor "FRO/BIL/SAM" takes the roles on each code. */
    char out[128];
    size_t n = 0;
    for (const char *p = a;;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char one[48];
        if (!join_one(one, sizeof one, pre, p, len < 32 ? len : 32, b) || n + strlen(one) + 2 > sizeof out)
            return a;
        if (n)
            out[n++] = '/';
        memcpy(out + n, one, strlen(one));
        n += strlen(one);
        if (!e)
            break;
        p = e + 1;
    }
    if (n == strlen(a) && !memcmp(out, a, n))
        return a;
    return sn_arena_strndup(&c->codes, out, n);
}

const char *sn_np_code(sn_coder *c, const sn_np_actor *a, int32_t day)
{
    const sn_dict *d = c->dict;
    if (!a->found)
        return NULL;
    if (a->actor != SN_NO_ACTOR) {
        const sn_img_actor *ac = &d->actors[a->actor];
        if (ac->type == SN_ACT_PERSON)
            return person_code(d, ac, day);
        /* A group's dated codes ("code AFGGOV 2021-08-15.."), else its own. */
        const char *code = ac->codes_n ? person_code(d, ac, day) : sn_dict_str(d, ac->code);
        /* An international body's officials are the body: "a UN official". */
        int body = (ac->type == SN_ACT_IGO || ac->type == SN_ACT_NGO) && !strcmp(a->role, "GOV");
        if (!*a->role || ac->role || body)
            return code;
        return join_code(c, code, a->role);
    }
    if (!*a->country && !*a->role)
        return NULL;
    if (!*a->country && (c->flags & SN_DICTF_ANON_AGENTS))
        return join_code(c, "---", a->role); /* PETRARCH's anonymous agent */
    return join_code(c, a->country, a->role);
}
