/*
 * lib/code/events.c — assembles events: for each body sentence, finds the
 * actors, tries each verb group and each noun phrase against the
 * dictionary's patterns, pairs sources with targets (one event per pair of
 * coordinated actors), and gives each event its modality, attribution,
 * date, CAMEO attributes and the rules that fired. With a trace function
 * it also says why every candidate became an event or did not.
 */
#include <stdio.h>
#include <string.h>
#include "code/coder.h"
#include "sentinel/cameo.h"
#include "util/date.h"

#define HISTORICAL_DAYS 30
#define MAX_CONJUNCTS 16

static const char *type_name(const sn_dict *d, const sn_np_actor *a)
{
    static const char *const t[] = {"state", "igo", "ngo", "group", "company", "person"};
    if (a->actor != SN_NO_ACTOR)
        return t[d->actors[a->actor].type % 6];
    if (a->place && !a->other && !a->owned && !a->located)
        return "place";
    return *a->country ? "state" : "agent";
}

static int32_t day_of(const sn_date *d)
{
    sn_date full = {d->year, d->month ? d->month : 1, d->day ? d->day : 1};
    return sn_date_to_days(&full);
}

/* The event's date: the time expression nearest the verb within its
 * clause, else in the sentence outside other clauses, else publication. */
static void event_date(const sent *s, uint32_t at, sn_event *e)
{
    int32_t cl = sn_clause_of(s, at), best = -1;
    uint32_t bestdist = UINT32_MAX;
    /* An event inside a condition keeps to its own clause: "if the farmers
     * are not released" is not dated by "in June". An "after ..." clause
     * shares the sentence's date: "In 2008, ... after fighting a war". */
    int passes = s->cl[cl].kind == SN_CLAUSE_CONDITION ? 1 : 2;
    for (int pass = 0; pass < passes && best < 0; pass++) {
        for (uint32_t i = 0; i < s->ntx; i++) {
            int32_t tcl = sn_clause_of(s, s->tx[i].tok_begin);
            if (pass == 0 ? tcl != cl : tcl != 0)
                continue;
            uint32_t dist = s->tx[i].tok_begin > at ? s->tx[i].tok_begin - at : at - s->tx[i].tok_begin;
            if (dist < bestdist) {
                bestdist = dist;
                best = (int32_t)i;
            }
        }
    }
    if (best >= 0) {
        e->date_begin = s->tx[best].begin;
        e->date_end = s->tx[best].end;
        e->date_precision = (sn_precision)s->tx[best].precision;
        e->date_from_text = 1;
    } else {
        e->date_begin = e->date_end = s->pub;
        e->date_precision = SN_PREC_DAY;
    }
    if (s->has_pub && e->date_end.year) {
        sn_date end = e->date_end;
        if (!end.month)
            end.month = 12;
        if (!end.day)
            end.day = (uint8_t)sn_date_month_days(end.year, end.month);
        e->historical = sn_date_to_days(&end) + HISTORICAL_DAYS < sn_date_to_days(&s->pub);
    }
}

/* A capital that acts, speaks or is dealt with is the government; attacked
 * (roots 18-20) it is a place, and so its country. */
static void fill_ref(const sent *s, sn_actor_ref *r, const sn_np_actor *a, int32_t day, int as_place)
{
    memset(r, 0, sizeof *r);
    if (!a || !a->found)
        return;
    sn_np_actor place, dated;
    if (as_place && a->metonym) {
        place = *a;
        place.role = "";
        a = &place;
    }
    const sn_dict *d = s->c->dict;
    const char *cc = sn_np_dated_country(d, a, day);
    if (cc) {
        dated = *a;
        dated.country = cc;
        a = &dated;
    }
    r->code = sn_np_code(s->c, a, day);
    if (!r->code)
        return;
    r->country = a->actor != SN_NO_ACTOR && d->actors[a->actor].country ? sn_dict_str(d, d->actors[a->actor].country)
                                                                          : a->country;
    /* An actor with a role of its own keeps it: "a Houthi spokesman" is the
     * Houthis (REB), whose code ignores the spokesman. */
    const char *own = a->actor != SN_NO_ACTOR ? sn_dict_str(d, d->actors[a->actor].role) : "";
    r->role = *own ? own : *a->role ? a->role : "";
    /* A group's dated code ("AFGGOV" for the Taliban in 2022) gives its
     * country and role at the event's date. */
    const sn_img_actor *ac = a->actor != SN_NO_ACTOR ? &d->actors[a->actor] : NULL;
    if (ac && ac->type != SN_ACT_PERSON && ac->codes_n && strlen(r->code) >= 6) {
        r->country = sn_arena_strndup(&s->c->codes, r->code, 3);
        r->role = r->code + 3;
    }
    r->type = type_name(d, a);
    r->off = s->tok[a->tok_begin].off;
    r->len = s->tok[a->tok_end - 1].off + s->tok[a->tok_end - 1].len - r->off;
}

/* The first cap-1 bytes of a CAMEO code: the code, its base, its root. */
static void copy_code(char *dst, size_t cap, const char *code)
{
    size_t n = strnlen(code, cap - 1);
    memcpy(dst, code, n);
    dst[n] = 0;
}

/* Attacks: roots 18-20. */
static int attack(const char *code)
{
    return code[0] == '2' || (code[0] == '1' && code[1] >= '8');
}

/* Attacks and threats of them: roots 18-20 and 138. */
static int violent(const char *code)
{
    return attack(code) || !strncmp(code, "138", 3);
}

static void cameo_attrs(sn_event *e, const char *code)
{
    copy_code(e->code, sizeof e->code, code);
    copy_code(e->base_code, sizeof e->base_code, code);
    copy_code(e->root_code, sizeof e->root_code, code);
    const sn_cameo *row = sn_cameo_find(code);
    if (!row)
        row = sn_cameo_find(e->base_code);
    if (row) {
        e->goldstein = row->goldstein;
        e->quad_class = row->quad_class;
        e->plover_type = row->plover_type;
        e->plover_mode = row->plover_mode;
    } else {
        e->plover_type = e->plover_mode = "";
    }
}

static const sn_np_actor *npa(const sent *s, int32_t k)
{
    return k >= 0 ? &((const sn_np_actor *)s->c->nps.p)[k] : NULL;
}

/* NP chunk k and its coordinated conjuncts, from the first. A role with
 * "of" and several countries stands for each: "the leaders of Russia and
 * Kazakhstan". */
static uint32_t conjuncts(const sent *s, int32_t k, int32_t *out)
{
    uint32_t n = 0;
    if (k >= 0 && s->ch[k].coord < 0 && (uint32_t)k + 1 < s->nch) {
        const sn_chunk *pp = &s->ch[k + 1];
        if (pp->kind == SN_CHUNK_PP && pp->tok_begin == s->ch[k].tok_end && pp->object >= 0 &&
            !strcmp(s->tok[pp->tok_begin].norm, "of") && s->ch[pp->object].coord >= 0 &&
            npa(s, pp->object)->found)
            k = pp->object;
    }
    k = sn_first_conjunct(s, k);
    while (k >= 0 && (uint32_t)k < s->nch && n < MAX_CONJUNCTS) {
        out[n++] = k;
        k = s->ch[k].coord;
    }
    return n;
}

typedef struct candidate {
    const sn_img_pat *pat;
    int32_t source, target;   /* NP chunks or -1 */
    uint32_t at;              /* the head token */
    int32_t vg;               /* verb group, or -1 for nominal events */
    int score;
    const char *about;        /* a speech act's complement's code, or NULL */
    const char *code;         /* the code to emit (one half of a paired code), or NULL: the pattern's */
    int pattern_target;       /* the pattern's $T gave the target */
    int src_default, tgt_default; /* a missing side takes the coder's DEFAULT code */
    int pattern_source;       /* the pattern's $S gave the source */
} candidate;

/* Appeals, promises, demands and threats swallow the act they are about
 * ("urged Kiev to resume talks"); an accusation does not ("accused Russian
 * troops of shelling" is also a claimed shelling). */
static int speech_pattern(const char *code)
{
    return !strncmp(code, "02", 2) || !strncmp(code, "03", 2) || !strncmp(code, "10", 2) ||
           !strncmp(code, "12", 2) || !strncmp(code, "13", 2);
}

/* CAMEO codes a demand, an appeal or a threat by what it is about: a
 * demand that the target release prisoners (084x) is 1053, an appeal for
 * talks (04x) 026, a threat of force (18-20) 138. Prefixes of the act's
 * code, most specific first; "" keeps the speech act's code. */
static const struct { const char *root, *act, *code; } refine[] = {
    {"10", "081", "1051"}, {"10", "082", "1052"}, {"10", "084", "1053"}, {"10", "085", "1054"},
    {"10", "086", "1055"}, {"10", "087", "1056"}, {"10", "04", "106"},
    {"10", "071", "1031"}, {"10", "072", "1032"}, {"10", "073", "1033"}, {"10", "074", "1034"},
    {"10", "07", "103"},   {"10", "05", "102"},   {"10", "0831", "1041"},
    {"02", "081", "0251"}, {"02", "082", "0252"}, {"02", "084", "0253"}, {"02", "085", "0254"},
    {"02", "086", "0255"}, {"02", "087", "0256"}, {"02", "04", "026"},
    {"02", "071", "0231"}, {"02", "072", "0232"}, {"02", "073", "0233"}, {"02", "074", "0234"},
    {"02", "07", "023"},   {"02", "05", "022"},   {"02", "0831", "0241"},
    {"13", "18", "138"},   {"13", "19", "138"},   {"13", "20", "138"},   {"13", "17", "137"},
    {"13", "163", "1312"}, {"13", "16", "131"},  {"13", "14", "133"},
    {"12", "081", "1241"}, {"12", "082", "1242"}, {"12", "084", "1243"}, {"12", "085", "1244"},
    {"12", "086", "1245"}, {"12", "087", "1246"}, {"12", "04", "125"},
    {"12", "071", "1221"}, {"12", "072", "1222"}, {"12", "073", "1223"}, {"12", "074", "1224"},
    {"12", "07", "122"},   {"12", "0831", "1231"},
    {"12", "06", "121"},
};

static void refine_speech_act(sn_event *act, const char *about)
{
    if (strlen(act->code) > 3 || (strlen(act->code) == 3 && act->code[2] != '0'))
        return; /* the dictionary already chose a specific code */
    for (size_t i = 0; i < sizeof refine / sizeof *refine; i++)
        if (!strcmp(act->root_code, refine[i].root) && !strncmp(about, refine[i].act, strlen(refine[i].act))) {
            cameo_attrs(act, refine[i].code);
            return;
        }
}

/* How a generic attack was made, from the words of its clause: a car bomb
 * (1832), a roadside bomb (1833), a suicide bomber (1831), drones (1952),
 * artillery (194), aircraft (195), mass killing (202). Only generic codes are refined: a
 * pattern's own specific code stands. */
static const struct { const char *w1, *w2, *from, *code; } instruments[] = {
    {"suicide", "bomber", "", "1831"}, {"suicide", "bombing", "", "1831"}, {"suicide", "attack", "", "1831"},
    {"suicide", "bomb", "", "1831"},   {"car", "bomb", "", "1832"},       {"truck", "bomb", "", "1832"},
    {"vehicle", "bomb", "", "1832"},   {"roadside", "bomb", "", "1833"},  {"ied", NULL, "", "1833"},
    {"drone", NULL, "19", "1952"},     {"artillery", NULL, "190", "194"}, {"shelling", NULL, "190", "194"},
    {"mortar", NULL, "190", "194"},    {"tank", NULL, "190", "194"},      {"airstrike", NULL, "190", "195"},
    {"warplane", NULL, "190", "195"},  {"jet", NULL, "190", "195"},       {"aircraft", NULL, "190", "195"},
    {"helicopter", NULL, "190", "195"}, {"mass", "killing", "190", "202"}, {"massacre", NULL, "190", "202"},
};

static int generic_attack(const char *code, const char *from)
{
    if (*from)
        return !strncmp(code, from, strlen(from)) && (!strcmp(code, "190") || !strcmp(code, "195"));
    return !strcmp(code, "190") || !strcmp(code, "180") || !strcmp(code, "183") || !strcmp(code, "195");
}

static void by_instrument(const sent *s, const candidate *k, sn_event *e)
{
    if (!generic_attack(e->code, ""))
        return;
    const sn_clause *cl = &s->cl[sn_clause_of(s, k->at)];
    for (size_t r = 0; r < sizeof instruments / sizeof *instruments; r++) {
        if (!generic_attack(e->code, instruments[r].from))
            continue;
        const char *w1 = instruments[r].w1;
        for (uint32_t i = cl->tok_begin; i < cl->tok_end; i++) {
            const sn_token *t = &s->tok[i];
            if ((t->lemma[0] != w1[0] || strcmp(t->lemma, w1)) && (t->norm[0] != w1[0] || strcmp(t->norm, w1)))
                continue;
            if (instruments[r].w2 && (i + 1 >= cl->tok_end || strcmp(s->tok[i + 1].lemma, instruments[r].w2)))
                continue;
            cameo_attrs(e, instruments[r].code);
            return;
        }
    }
}

/* A promised or planned act has a CAMEO code of its own in root 03
 * ("express intent to ..."): a future meeting is 036, planned aid 033x, a
 * promised release 0353. Codes by prefix, most specific first. */
static const struct { const char *act, *intent; } intents[] = {
    {"045", "039"}, {"04", "036"},                                   /* mediate; meet, visit, negotiate */
    {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"06", "031"},
    {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"07", "033"},
    {"081", "0351"}, {"082", "0352"}, {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
    {"087", "0356"},
};

static void intent_code(sn_event *e)
{
    if (e->modality != SN_MOD_FUTURE && e->modality != SN_MOD_INTENDED)
        return;
    for (size_t i = 0; i < sizeof intents / sizeof *intents; i++)
        if (!strncmp(e->code, intents[i].act, strlen(intents[i].act))) {
            cameo_attrs(e, intents[i].intent);
            return;
        }
}

/* CAMEO's own speech-act codes carry their modality: intent (03),
 * demands (10) and threats (13) are what they are, not asserted acts. */
static sn_modality speech_act(const char *root, sn_modality m)
{
    if (m != SN_MOD_ASSERTED)
        return m;
    if (!strcmp(root, "03"))
        return SN_MOD_INTENDED;
    if (!strcmp(root, "10"))
        return SN_MOD_DEMANDED;
    if (!strcmp(root, "13"))
        return SN_MOD_THREATENED;
    return m;
}

/* "Venezuelan students marched against the government", "Syrian police
 * fired on protesters": a target named only by its role is of the
 * source's country when the source acts at home (police, courts,
 * civilians, opposition, workers, media, rebels and insurgents) or the
 * target is a government body or the elite. */
static void domestic(sn_coder *c, sn_event *e)
{
    static const char *const home[] = {"COP", "JUD", "CVL", "OPP", "LAB", "EDU", "HRI",
                                       "MED", "BUS", "REB", "SEP", "INS"};
    static const char *const state[] = {"GOV", "LEG", "JUD", "COP", "ELI"};
    sn_actor_ref *t = &e->target;
    if (!t->code || *t->country || !*t->role || !e->source.code || !*e->source.country ||
        strcmp(t->type, "agent") || strcmp(t->code, t->role))
        return;
    int ok = 0;
    for (size_t i = 0; i < sizeof home / sizeof *home && !ok; i++)
        ok = !strcmp(e->source.role, home[i]);
    for (size_t i = 0; i < sizeof state / sizeof *state && !ok; i++)
        ok = !strcmp(t->role, state[i]);
    if (!ok)
        return;
    char buf[32];
    snprintf(buf, sizeof buf, "%s%s", e->source.country, t->role);
    t->code = sn_arena_strndup(&c->codes, buf, strlen(buf));
    t->country = e->source.country;
}

/* Police raise a police alert (151), not a military one (152). */
static void police_alert(sn_event *e)
{
    if (!strcmp(e->code, "152") && e->source.role && !strcmp(e->source.role, "COP"))
        cameo_attrs(e, "151");
}

/* "declared a state of emergency", "threatened to impose martial law": a
 * curfew, martial law or emergency rule (172x, 1324) with no target
 * falls on the source's own country. */
static void own_country(sn_coder *c, sn_event *e)
{
    if (e->target.code || !e->source.code || !e->source.country || !*e->source.country ||
        (strncmp(e->code, "172", 3) && strcmp(e->code, "1324")))
        return;
    e->target.code = sn_arena_strndup(&c->codes, e->source.country, strlen(e->source.country));
    e->target.country = e->source.country;
    e->target.role = "";
    e->target.type = "state";
}

/* "Azerbaijan mobilized its reservists", "NATO enlarged its force": what
 * a show of force (root 15) musters is its own, not a target. */
static void own_forces(sn_event *e)
{
    const sn_actor_ref *t = &e->target;
    if (strcmp(e->root_code, "15") || !t->code || !*t->role || strcmp(t->type, "agent"))
        return;
    if (!*t->country || (e->source.country && !strcmp(t->country, e->source.country)))
        memset(&e->target, 0, sizeof e->target);
}

static int same_ref(const sn_actor_ref *a, const sn_actor_ref *b)
{
    return a->code && b->code ? !strcmp(a->code, b->code) : a->code == b->code;
}

/* "raped women and girls": two conjuncts that code alike are one event. */
static int repeated(const sn_coder *c, const sn_event *e)
{
    const sn_event *ev = c->events.p;
    for (size_t i = c->events.n - 1; i-- > 0 && ev[i].sentence == e->sentence;)
        if (!strcmp(ev[i].code, e->code) && ev[i].modality == e->modality && same_ref(&ev[i].source, &e->source) &&
            same_ref(&ev[i].target, &e->target))
            return 1;
    return 0;
}

/* A state that speaks is its government: "Georgia said" -> GEOGOV. */
static void speaker_government(sn_coder *c, sn_actor_ref *r)
{
    if (!r->code || strcmp(r->type, "state") || *r->role)
        return;
    char buf[32];
    snprintf(buf, sizeof buf, "%sGOV", r->code);
    r->code = sn_arena_strndup(&c->codes, buf, strlen(buf));
    r->role = "GOV";
}

/* The conjuncts that are actors, when any is: "invested in Pakistan's
 * roads, railways and power plants" has one target, not three. */
static uint32_t actor_conjuncts(const sent *s, int32_t k, int32_t *out)
{
    uint32_t n = conjuncts(s, k, out), w = 0;
    for (uint32_t i = 0; i < n; i++)
        if (npa(s, out[i])->found || s->tok[s->ch[out[i]].head].tag == SN_TAG_PRP)
            out[w++] = out[i];
    return w ? w : n;
}

/* A conflictual act that one side reports of another is that side's claim. */
static int state_role(const char *role)
{
    return !*role || !strcmp(role, "GOV") || !strcmp(role, "MIL") || !strcmp(role, "COP") ||
           !strcmp(role, "JUD") || !strcmp(role, "LEG") || !strcmp(role, "SPY");
}

/* "A Houthi spokesman said the rebels would strike Saudi oil facilities":
 * a side announcing its own attack is threatening it (138). */
static void own_threat(sn_event *e)
{
    if ((e->modality != SN_MOD_FUTURE && e->modality != SN_MOD_CONDITIONAL) || !attack(e->code) ||
        !e->attribution.code || !e->source.code)
        return;
    int same = !strcmp(e->attribution.role, e->source.role) &&
               (!*e->source.country || !strcmp(e->attribution.country, e->source.country));
    if (!same)
        return;
    cameo_attrs(e, "138");
    e->modality = SN_MOD_THREATENED;
}

/* "A Houthi spokesman said the rebels would strike": a bare role that is
 * the speaker's own is the speaker's side (YEMREB). */
static void speakers_side(sn_event *e)
{
    sn_actor_ref *r = &e->source;
    const sn_actor_ref *a = &e->attribution;
    if (!r->code || !a->code || strcmp(r->type, "agent") || !*r->role || *r->country || !a->country ||
        !*a->country || strcmp(r->role, a->role) || !strcmp(r->role, "GOV"))
        return;
    r->code = a->code;
    r->country = a->country;
    r->type = a->type;
}

static int side_claim(const sn_event *e)
{
    if (e->modality != SN_MOD_ASSERTED || !e->attribution.code || !e->source.code || e->quad_class < 3)
        return 0;
    /* The UN, the OSCE or a rights group reporting is not a party's claim. */
    if (!strcmp(e->attribution.type, "igo") || !strcmp(e->attribution.type, "ngo"))
        return 0;
    if (*e->attribution.country && *e->source.country)
        return strcmp(e->attribution.country, e->source.country) != 0 ||
               state_role(e->attribution.role) != state_role(e->source.role); /* army vs separatists */
    /* "Syria's government said rebels had fired": a side and another actor. */
    return strcmp(e->attribution.code, e->source.code) != 0 && !strstr(e->attribution.code, e->source.code);
}

static int third_person(const sn_token *t)
{
    static const char *const p[] = {"it", "they", "he", "she", "them", "him", "her", "its", "their"};
    for (size_t i = 0; i < sizeof p / sizeof *p; i++)
        if (!strcmp(t->norm, p[i]))
            return 1;
    return 0;
}

static const sn_np_actor *referent(const sent *s, int32_t k);

/* "Moscow denied that its jets ...": the role of the phrase with the
 * country of the pronoun's referent. */
static const sn_np_actor *possessed(const sent *s, int32_t k, const sn_np_actor *a)
{
    const sn_np_actor *r = referent(s, k);
    if (!r || !r->found)
        return a;
    static __thread sn_np_actor out;
    out = *a;
    const sn_dict *d = s->c->dict;
    out.country = *r->country ? r->country
                  : r->actor != SN_NO_ACTOR ? sn_dict_str(d, d->actors[r->actor].country) : "";
    out.state1 = *r->country ? r->state1 : 0;
    return &out;
}

/* The actor of NP k, resolving a pronoun: "announced that it will sign"
 * is the speaker; otherwise the nearest actor before it in the sentence,
 * else the previous sentence's subject. */
/* "Georgia's interior ministry said ... The ministry demanded": a bare
 * definite role is the nearest earlier actor with that role and a
 * country, in this sentence or as the previous one's subject. */
static const sn_np_actor *antecedent(const sent *s, int32_t k, const sn_np_actor *a)
{
    for (int32_t j = k; j-- > 0;) {
        const sn_np_actor *b = npa(s, j);
        if (s->ch[j].kind == SN_CHUNK_NP && b->found && b->actor == SN_NO_ACTOR && *b->country &&
            !strcmp(b->role, a->role) && !sn_never_acts(b))
            return b;
    }
    const sn_np_actor *l = &s->c->last_subject;
    if (l->found && l->actor == SN_NO_ACTOR && *l->country && !strcmp(l->role, a->role))
        return l;
    return a;
}

static const sn_np_actor *actor_of(const sent *s, int32_t k)
{
    const sn_np_actor *a = npa(s, k);
    if (a && a->found && !*a->country && a->actor == SN_NO_ACTOR && *a->role && !sn_never_acts(a) &&
        !strcmp(s->tok[s->ch[k].tok_begin].norm, "the"))
        return antecedent(s, k, a);
    if (a && a->found && !*a->country && a->actor == SN_NO_ACTOR && *a->role &&
        s->tok[s->ch[k].tok_begin].tag == SN_TAG_PRPS && third_person(&s->tok[s->ch[k].tok_begin]))
        return possessed(s, k, a); /* "its jets", "their forces" */
    if (!a || a->found || s->ch[k].tok_end - s->ch[k].tok_begin != 1 || !third_person(&s->tok[s->ch[k].head]))
        return a;
    const sn_np_actor *r = referent(s, k);
    return r ? r : a;
}

/* Who a pronoun at NP k refers to: the speaker of the report it sits in,
 * else the nearest actor before it, else the previous sentence's subject. */
static const sn_np_actor *referent(const sent *s, int32_t k)
{
    for (uint32_t c = 1; c < s->ncl; c++)
        if (s->cl[c].kind == SN_CLAUSE_REPORT && s->cl[c].speaker >= 0 && s->cl[c].tok_begin <= s->ch[k].tok_begin &&
            s->ch[k].tok_begin < s->cl[c].tok_end && npa(s, s->cl[c].speaker)->found)
            return npa(s, s->cl[c].speaker);
    for (int32_t j = k; j-- > 0;)
        if (s->ch[j].kind == SN_CHUNK_NP && npa(s, j)->found)
            return npa(s, j);
    return s->c->last_subject.found ? &s->c->last_subject : NULL;
}

/* The actor as a source or speaker: a town, or a thing placed in one,
 * never acts or speaks ("Donetsk said" is its authorities, unknown here). */
static const sn_np_actor *acting(const sn_np_actor *a)
{
    return sn_never_acts(a) ? NULL : a;
}

/* The i-th code of a coded compound actor "FRO/BIL/SAM" (TABARI 6.5.1),
 * interned; NULL past the last. */
static const char *part(sn_coder *c, const char *code, uint32_t i)
{
    const char *p = code;
    for (; i > 0 && p; i--) {
        p = strchr(p, '/');
        if (p)
            p++;
    }
    if (!p)
        return NULL;
    const char *e = strchr(p, '/');
    return sn_arena_strndup(&c->codes, p, e ? (size_t)(e - p) : strlen(p));
}

/* The last event names coded compound actors: one event per pair of their
 * codes instead, but none from a code to itself. */
static sn_rc split_compound(sn_coder *c)
{
    sn_event *last = &((sn_event *)c->events.p)[c->events.n - 1];
    const char *sc = last->source.code, *tc = last->target.code;
    if (!(sc && strchr(sc, '/')) && !(tc && strchr(tc, '/')))
        return SN_OK;
    sn_event base = *last;
    int32_t vg = ((int32_t *)c->event_vg.p)[c->event_vg.n - 1];
    c->events.n--;
    c->event_vg.n--;
    for (uint32_t i = 0; i < 64; i++) {
        const char *a = sc ? part(c, sc, i) : NULL;
        if (sc && !a)
            break;
        for (uint32_t j = 0; j < 64; j++) {
            const char *b = tc ? part(c, tc, j) : NULL;
            if (tc && !b)
                break;
            if (a && b && !strcmp(a, b))
                continue;
            sn_event *e = sn_vec_push(&c->events);
            int32_t *evg = sn_vec_push(&c->event_vg);
            if (!e || !evg)
                return SN_ERR_TOOBIG;
            *e = base;
            *evg = vg;
            e->source.code = a;
            e->target.code = b;
            if (repeated(c, e))
                c->events.n--, c->event_vg.n--;
            if (!tc)
                break;
        }
        if (!sc)
            break;
    }
    return SN_OK;
}

/* "verb:LEMMA@LINE" into dst[cap]: what snprintf(dst, cap, "%s:%s@%u")
 * writes, cut at cap - 1 bytes the same way, without its cost per event. */
static void rule_name(char *dst, size_t cap, const char *kind, const char *head, uint32_t line)
{
    char num[12];
    size_t nn = 0;
    do
        num[sizeof num - 1 - nn++] = (char)('0' + line % 10);
    while ((line /= 10) && nn < sizeof num);
    size_t w = 0;
    for (const char *p = kind; *p && w + 1 < cap; p++)
        dst[w++] = *p;
    if (w + 1 < cap)
        dst[w++] = ':';
    for (const char *p = head; *p && w + 1 < cap; p++)
        dst[w++] = *p;
    if (w + 1 < cap)
        dst[w++] = '@';
    for (size_t i = sizeof num - nn; i < sizeof num && w + 1 < cap; i++)
        dst[w++] = num[i];
    dst[w] = '\0';
}

static sn_rc emit(const sent *s, const candidate *k, int32_t src, int32_t tgt)
{
    sn_coder *c = s->c;
    const sn_dict *d = c->dict;
    sn_event *e = sn_vec_push(&c->events);
    int32_t *evg = sn_vec_push(&c->event_vg);
    if (!e || !evg)
        return SN_ERR_TOOBIG;
    *evg = k->vg;
    const sn_sentence *st = &sn_doc_sentences(s->doc, &(uint32_t){0})[s->si];
    e->sentence = s->si;
    e->off = st->off;
    e->len = st->len;
    event_date(s, k->at, e);
    int32_t day = day_of(&e->date_begin);
    cameo_attrs(e, k->code ? k->code : sn_dict_str(d, k->pat->code));
    if (k->about)
        refine_speech_act(e, k->about);
    by_instrument(s, k, e);
    fill_ref(s, &e->source, src >= 0 ? acting(actor_of(s, src)) : NULL, day, 0);
    /* A capital attacked, or put under curfew (17x), is a place. */
    fill_ref(s, &e->target, tgt >= 0 ? actor_of(s, tgt) : NULL, day, violent(e->code) || !strncmp(e->code, "17", 2));
    if (src < 0 && k->src_default)
        e->source.code = c->def_source, e->source.country = e->source.role = "", e->source.type = "agent";
    if (tgt < 0 && k->tgt_default)
        e->target.code = c->def_target, e->target.country = e->target.role = "", e->target.type = "agent";
    own_forces(e);
    police_alert(e);
    own_country(c, e);
    domestic(c, e);
    modal m = {SN_MOD_ASSERTED, -1, -1};
    if (k->vg >= 0)
        sn_modality_of(s, (uint32_t)k->vg, &m);
    e->modality = speech_act(e->root_code, m.modality);
    if (m.speaker >= 0) {
        fill_ref(s, &e->attribution, acting(actor_of(s, m.speaker)), day, 0);
        speaker_government(s->c, &e->attribution);
    }
    speakers_side(e);
    if (side_claim(e))
        e->modality = SN_MOD_CLAIMED;
    own_threat(e);
    /* An imported image's code is the dictionary's: TABARI and PETRARCH
     * do not turn a future or intended act into CAMEO's intent (03x). */
    if (!(c->flags & (SN_DICTF_DEFAULT_ACTORS | SN_DICTF_VP_TARGET)))
        intent_code(e);
    if (m.cue >= 0) {
        e->cue_off = s->tok[m.cue].off;
        e->cue_len = s->tok[m.cue].len;
    }
    e->confidence = 0.5 + 0.1 * (k->score > 3 ? 3 : k->score) + (e->source.code && e->target.code ? 0.15 : 0);
    rule_name(e->rules, sizeof e->rules, k->pat->kind == SN_PAT_VERB ? "verb" : "noun", sn_dict_str(d, k->pat->head),
              k->pat->line);
    if ((c->flags & (SN_DICTF_DEFAULT_ACTORS | SN_DICTF_VP_TARGET)) && e->source.code && e->target.code &&
        !strcmp(e->source.code, e->target.code)) {
        /* TABARI 5.8: codes with the same source and target are eliminated. */
        c->events.n--;
        c->event_vg.n--;
        sn_trace(c, "  no event: the same source and target\n");
        return SN_OK;
    }
    if (repeated(c, e)) {
        c->events.n--;
        c->event_vg.n--;
        sn_trace(c, "  no event: the same as one already coded\n");
        return SN_OK;
    }
    sn_trace(c, "  => event %s %s -> %s, %s, %s\n", e->code, e->source.code ? e->source.code : "-",
             e->target.code ? e->target.code : "-", sn_modality_name(e->modality),
             e->historical ? "historical" : "current");
    return split_compound(c);
}

/* "A car bomb killed 15 civilians": a weapon as the subject leaves the
 * source unknown, as the passive does. */
static int weapon_subject(const sent *s, int32_t np)
{
    static const char *const w[] = {"bomb", "explosion", "blast", "shell", "mine", "landmine", "missile",
                                    "rocket", "airstrike", "ied", "grenade", "mortar"};
    const char *h = s->tok[s->ch[np].head].lemma;
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (!strcmp(h, w[i]))
            return 1;
    return 0;
}

/* TABARI's default actor search (manual 5.8), for images that ask for it
 * ("option default-actors"): the first actor before the verb as the
 * source; the first actor after it (else before it) as the target; each
 * with a code distinct from the other side's. */
static int distinct(const sent *s, int32_t a, int32_t b)
{
    if (b < 0)
        return 1;
    const char *ca = sn_np_code(s->c, npa(s, a), 0), *cb = sn_np_code(s->c, npa(s, b), 0);
    return !ca || !cb || strcmp(ca, cb);
}

/* One event per source and target conjunct; an event needs an actor. */
static sn_rc emit_pairs1(const sent *s, const candidate *k)
{
    int32_t srcs[MAX_CONJUNCTS], tgts[MAX_CONJUNCTS];
    uint32_t ns = k->source >= 0 ? actor_conjuncts(s, k->source, srcs) : 0;
    uint32_t nt = k->target >= 0 ? actor_conjuncts(s, k->target, tgts) : 0;
    const char *code = k->code ? k->code : sn_dict_str(s->c->dict, k->pat->code);
    int mutual = code[0] == '0' && code[1] >= '3' && code[1] <= '6'; /* meet, negotiate, agree, cooperate */
    mutual |= !strncmp(code, "19", 2);                                  /* fight */
    if (ns > 1 && !nt && (s->c->flags & (SN_DICTF_DEFAULT_ACTORS | SN_DICTF_VP_TARGET))) {
        /* TABARI 5.8: with no target, a compound source is also the
         * target, every pair but an actor with itself. */
        for (uint32_t i = 0; i < ns; i++)
            for (uint32_t j = 0; j < ns; j++) {
                if (i == j || !distinct(s, srcs[i], srcs[j]))
                    continue;
                sn_rc rc = emit(s, k, srcs[i], srcs[j]);
                if (rc)
                    return rc;
            }
        return SN_OK;
    }
    if (ns > 1 && !nt && mutual) {
        /* "Putin and Tibilov will discuss ...": a reciprocal event, one
         * event from the first named to each of the others. */
        for (uint32_t j = 1; j < ns; j++) {
            sn_rc rc = emit(s, k, srcs[0], srcs[j]);
            if (rc)
                return rc;
        }
        return SN_OK;
    }
    if (!ns)
        srcs[ns++] = -1;
    if (!nt)
        tgts[nt++] = -1;
    for (uint32_t i = 0; i < ns; i++)
        for (uint32_t j = 0; j < nt; j++) {
            const sn_np_actor *a = srcs[i] >= 0 ? acting(actor_of(s, srcs[i])) : NULL; /* "Mosul fell" */
            const sn_np_actor *b = tgts[j] >= 0 ? actor_of(s, tgts[j]) : NULL;
            /* TABARI's DEFAULT codes stand in for a missing side (manual 8.5). */
            int has_a = (a && a->found) || (srcs[i] < 0 && k->src_default);
            int has_b = (b && b->found) || (tgts[j] < 0 && k->tgt_default);
            if (!has_a && !has_b) {
                sn_trace(s->c, "  no event: neither side is a known actor\n");
                continue;
            }
            if ((s->c->flags & SN_DICTF_REQUIRE_DYAD) && !(has_a && has_b)) {
                sn_trace(s->c, "  no event: the dictionary requires a source and a target\n");
                continue;
            }
            if (!has_a && !(k->vg >= 0 && s->ch[k->vg].voice == SN_VOICE_PASSIVE) &&
                !(srcs[i] >= 0 && weapon_subject(s, srcs[i]))) {
                sn_trace(s->c, "  no event: no source (only a passive may leave it out)\n");
                continue;
            }
            sn_rc rc = emit(s, k, srcs[i], tgts[j]);
            if (rc)
                return rc;
        }
    return SN_OK;
}

/* A paired code "032:033" (TABARI manual 6.6) codes the event and its
 * reverse: A visits B, B receives A. */
static sn_rc emit_pairs(const sent *s, const candidate *k)
{
    const char *code = sn_dict_str(s->c->dict, k->pat->code);
    const char *colon = strchr(code, ':');
    if (!colon)
        return emit_pairs1(s, k);
    char first[8], second[8];
    snprintf(first, sizeof first, "%.*s", (int)(colon - code < 7 ? colon - code : 7), code);
    snprintf(second, sizeof second, "%.7s", colon + 1);
    candidate fwd = *k, rev = *k;
    fwd.code = first;
    rev.code = second;
    rev.source = k->target;
    rev.target = k->source;
    sn_rc rc = emit_pairs1(s, &fwd);
    return rc ? rc : emit_pairs1(s, &rev);
}

static int32_t by_agent(const sent *s, uint32_t from)
{
    for (uint32_t k = 0; k < s->nch; k++)
        if (s->ch[k].kind == SN_CHUNK_PP && s->ch[k].tok_begin >= from && !strcmp(s->tok[s->ch[k].tok_begin].norm, "by"))
            return s->ch[k].object;
    return -1;
}

/* Without $T: the object, or the actor after with/against/to/on/at/into. */
/* "due to", "thanks to", "owing to", "because of" at token i. */
static int cause_marker(const sent *s, uint32_t i)
{
    if (i <= s->b)
        return 0;
    const char *w = s->tok[i].norm, *p = s->tok[i - 1].norm;
    return (!strcmp(w, "to") && (!strcmp(p, "due") || !strcmp(p, "thanks") || !strcmp(p, "owing"))) ||
           (!strcmp(w, "of") && !strcmp(p, "because"));
}

static int32_t default_target(const sent *s, uint32_t from, uint32_t limit)
{
    static const char *const preps[] = {"with", "against", "to", "on", "at", "into", "toward", "towards", "over"};
    int32_t np = from < limit ? sn_np_starting(s, from) : -1;
    const sn_np_actor *o = np >= 0 ? npa(s, np) : NULL;
    if (o && o->found && (*o->country || o->actor != SN_NO_ACTOR))
        return np;
    /* "returned three navy ships to Ukraine": a bare role as the object
     * yields to a named actor in a prepositional phrase. */
    for (uint32_t k = 0; k < s->nch; k++) {
        const sn_chunk *p = &s->ch[k];
        if (p->kind != SN_CHUNK_PP || p->tok_begin < from || p->tok_begin >= limit || p->object < 0)
            continue;
        const sn_np_actor *a = npa(s, p->object);
        const char *w = s->tok[p->tok_begin].norm;
        for (size_t i = 0; i < sizeof preps / sizeof *preps; i++)
            if (!strcmp(w, preps[i]) && a->found && (!(o && o->found) || *a->country || a->actor != SN_NO_ACTOR))
                return p->object;
        /* "recognise the outcome due to its close ties with Russia": what
         * follows a cause is not the verb's. */
        if (cause_marker(s, p->tok_begin))
            break;
    }
    return o && o->found ? np : -1;
}

/* The end of the verb's reach: the next verb group of a finite clause. */
static uint32_t reach(const sent *s, uint32_t vg)
{
    int32_t cl = sn_clause_of(s, s->ch[vg].head);
    uint32_t end = s->cl[cl].tok_end;
    for (uint32_t k = vg + 1; k < s->nch; k++)
        if (s->ch[k].kind == SN_CHUNK_VG && s->ch[k].tok_begin < end &&
            !(s->ch[k].vflags & (SN_VG_INFINITIVE | SN_VG_GERUND | SN_VG_PARTICIPLE)))
            return s->ch[k].tok_begin;
    return end;
}


/* The one a demand or an appeal is made of: the subject of the verb of
 * the that-clause it introduces. */
static int32_t addressee(const sent *s, uint32_t vg)
{
    uint32_t head = s->ch[vg].head;
    for (uint32_t c = 1; c < s->ncl; c++) {
        if (s->cl[c].kind != SN_CLAUSE_REPORT || s->cl[c].cue != (int32_t)head)
            continue;
        for (uint32_t k = vg + 1; k < s->nch; k++)
            if (s->ch[k].kind == SN_CHUNK_VG && s->ch[k].tok_begin >= s->cl[c].tok_begin &&
                s->ch[k].tok_begin < s->cl[c].tok_end)
                return sn_subject(s, k, 0);
    }
    return -1;
}

/* Is verb group inner the complement of outer: its infinitive or gerund
 * ("threatened to expel"), or the verb of the that-clause it reports
 * ("demanded that Russia return")? */
static int complement_of(const sent *s, int32_t outer, int32_t inner)
{
    if (inner < 0 || outer < 0 || inner == outer)
        return 0;
    if (sn_complement(s, (uint32_t)inner) && sn_governor(s, (uint32_t)inner) == outer)
        return 1;
    int32_t cl = sn_clause_of(s, s->ch[inner].head);
    return cl > 0 && s->cl[cl].kind == SN_CLAUSE_REPORT && s->cl[cl].cue == (int32_t)s->ch[outer].head;
}

/* What a speech act is about, as the code of its complement's best
 * pattern, even when that act names no actor: "demanded that Russia
 * return the wreckage" is about a return (084x). */
static const char *complement_code(const sent *s, uint32_t vg, int32_t *target)
{
    *target = -1;
    for (uint32_t k = vg + 1; k < s->nch; k++) {
        if (s->ch[k].kind != SN_CHUNK_VG || !complement_of(s, (int32_t)vg, (int32_t)k))
            continue;
        match m;
        const sn_img_pat *p = sn_best_pattern(s, s->tok[s->ch[k].head].lemma, s->ch[k].head, SN_PAT_VERB,
                                              s->ch[k].tok_end, s->e, 0, s->ch[k].tok_begin, &m);
        if (!p)
            return NULL;
        *target = m.target >= 0 ? m.target : default_target(s, s->ch[k].tok_end, reach(s, k));
        return sn_dict_str(s->c->dict, p->code);
    }
    return NULL;
}

/* "shelled and then occupied Gori": a verb without an object shares the
 * object of the verb coordinated with it. */
static int32_t shared_object(const sent *s, uint32_t vg)
{
    uint32_t j = s->ch[vg].tok_end;
    if (j >= s->e || s->tok[j].tag != SN_TAG_CC)
        return -1;
    for (j++; j < s->e && s->tok[j].tag == SN_TAG_RB; j++)
        ;
    for (uint32_t k = vg + 1; k < s->nch; k++)
        if (s->ch[k].kind == SN_CHUNK_VG && s->ch[k].tok_begin == j)
            return default_target(s, s->ch[k].tok_end, reach(s, k));
    return -1;
}

static int32_t first_actor(const sent *s, uint32_t from, uint32_t to, int32_t other)
{
    for (uint32_t k = 0; k < s->nch; k++) {
        const sn_chunk *c = &s->ch[k];
        if (c->kind != SN_CHUNK_NP || c->tok_begin < from || c->tok_begin >= to)
            continue;
        /* A possessor stands in its noun phrase: "Ithilen's government". */
        int32_t np = (int32_t)k;
        for (uint32_t j = k + 1; j < s->nch && j < k + 4; j++)
            if (s->ch[j].kind == SN_CHUNK_NP && s->ch[j].poss == (int32_t)k && npa(s, (int32_t)j)->found)
                np = (int32_t)j;
        const sn_np_actor *a = npa(s, np);
        /* An agent alone is an actor for PETRARCH ("---GOV"), not TABARI. */
        int role_only = *a->role && (s->c->flags & SN_DICTF_ANON_AGENTS);
        if (a->found && (*a->country || role_only || a->actor != SN_NO_ACTOR) && np != other && distinct(s, np, other))
            return np;
    }
    return -1;
}

static int in_np(const sent *s, uint32_t i)
{
    for (uint32_t k = 0; k < s->nch; k++)
        if (s->ch[k].kind == SN_CHUNK_NP && s->ch[k].tok_begin <= i && i < s->ch[k].tok_end)
            return 1;
    return 0;
}

/* TABARI's clauses are delimited by the conjunctions AND, BUT, OR and
 * NOR, except inside a compound noun, adjective or actor phrase (manual
 * 1.10, 5.5.3, chapter 7): a coordinator between words of noun phrases
 * ("Gondor and Rohan", "easy or pleasant place") delimits nothing. */
static int tabari_conjunction(const sent *s, uint32_t i)
{
    return s->tok[i].tag == SN_TAG_CC && !(i > s->b && in_np(s, i - 1) && i + 1 < s->e && in_np(s, i + 1));
}

static int conjunction_between(const sent *s, uint32_t from, uint32_t to)
{
    for (uint32_t i = from + 1; i < to; i++)
        if (tabari_conjunction(s, i))
            return 1;
    return 0;
}

/* Where the words before a TABARI verb may be matched from: phrase
 * matching stops at a comma or a conjunction (manual 5.5.3), not at
 * Sentinel's clause boundaries ("Estonia said it would act now" matches
 * "- SAID WOULD * NOW"). */
static uint32_t tabari_phrase_begin(const sent *s, uint32_t at)
{
    for (uint32_t i = at; i-- > s->b;)
        if (!strcmp(s->tok[i].norm, ",") || tabari_conjunction(s, i))
            return i + 1;
    return s->b;
}

/* Where TABARI's clause holding token at begins: after the last
 * conjunction before it, else the sentence start. */
static uint32_t tabari_clause_begin(const sent *s, uint32_t at)
{
    for (uint32_t i = at; i-- > s->b;)
        if (tabari_conjunction(s, i))
            return i + 1;
    return s->b;
}

static void default_actors(const sent *s, uint32_t vg, uint32_t limit, candidate *k)
{
    uint32_t flags = s->c->flags;
    const sn_chunk *v = &s->ch[vg];
    if ((flags & SN_DICTF_VP_TARGET) && !k->pattern_target) {
        /* PETRARCH's target is the first actor of the verb phrase, over
         * Sentinel's own choice ("left for Minas Tirith ... with Arnor"). */
        int32_t t = first_actor(s, v->tok_end, limit, k->source);
        if (t >= 0 || k->target < 0 || !npa(s, k->target)->found)
            k->target = t;
    }
    if (!(flags & SN_DICTF_DEFAULT_ACTORS))
        return;
    int passive = v->voice == SN_VOICE_PASSIVE;
    const sn_coder *c = s->c;
    /* DEFAULT ... PRIOR / AFTER: the default whenever no actor stands
     * before / after the verb; otherwise when the searches fail. */
    int none_before = first_actor(s, s->b, v->tok_begin, -1) < 0, none_after = first_actor(s, v->tok_end, s->e, -1) < 0;
    if (!passive && !k->pattern_source) {
        /* TABARI 5.8: the source is the first actor before the verb, not
         * the grammatical subject ("Arnor suggested Gondor should apply"
         * is Arnor's), searched from the start of the verb's clause; a
         * clause without one ("... and promised aid") has the implied
         * subject of the sentence. Distinct from a pattern's target. */
        int32_t other = k->pattern_target ? k->target : -1;
        k->source = first_actor(s, tabari_clause_begin(s, v->tok_begin), v->tok_begin, other);
        if (k->source < 0)
            k->source = first_actor(s, s->b, v->tok_begin, other);
    } else if (!passive && !npa(s, k->source)->found) {
        k->source = first_actor(s, s->b, v->tok_begin, k->target);
    }
    if (!k->pattern_target && !passive) {
        /* TABARI's target is the first actor after the verb, whatever
         * the words between ("left for Minas Tirith ... with Arnor"). */
        int32_t t = first_actor(s, v->tok_end, s->e, k->source);
        if (t >= 0)
            k->target = t;
    }
    if (k->target < 0 || !npa(s, k->target)->found) {
        k->target = first_actor(s, v->tok_end, s->e, k->source);
        if (k->target < 0)
            k->target = first_actor(s, s->b, v->tok_begin, k->source);
    }
    if (c->def_source[0] && !passive && (k->source < 0 || (c->def_prior && none_before))) {
        k->source = -1;
        k->src_default = 1;
    }
    if (c->def_target[0] && (k->target < 0 || (c->def_after && none_after))) {
        k->target = -1;
        k->tgt_default = 1;
    }
}

/* Source and target of verb group vg's event, from its pattern match m. */
static void assign_sides(const sent *s, uint32_t vg, const match *m, uint32_t limit, int speech, candidate *k)
{
    const sn_chunk *v = &s->ch[vg];
    int32_t subject = sn_subject(s, vg, 0);
    if (v->voice == SN_VOICE_PASSIVE) {
        k->target = m->subject_is_target ? subject : m->target;
        if (k->target < 0) /* "sanctions were adopted against Putin" */
            k->target = default_target(s, v->tok_end, limit);
        if (k->target < 0 && subject >= 0 && npa(s, subject)->found)
            k->target = subject; /* "a Security Council resolution was vetoed by Russia" */
        k->source = by_agent(s, v->tok_end);
        return;
    }
    k->source = m->source >= 0 ? m->source : subject; /* a pattern's $S names the source */
    k->target = m->target >= 0 ? m->target : default_target(s, v->tok_end, limit);
    if (k->target < 0 && speech)
        k->target = addressee(s, vg); /* "demanded that Russia return ..." */
    if (k->target < 0)
        k->target = shared_object(s, vg); /* "shelled and then occupied Gori" */
}

/* TABARI's parse is driven by its verbs file: a word it lists is a verb
 * wherever it stands, a modal or auxiliary of the group included
 * ("SHOULD [101]" in "Gondor should apply conventions"; manual 5.1),
 * and the first verb of the clause is the one coded. Each word of the
 * group before its head is tried first, its patterns matched from the
 * word after it. Imported TABARI images only (default-actors). */
static const sn_img_pat *group_word_pattern(const sent *s, const sn_chunk *v, uint32_t limit, int passive,
                                            uint32_t cb, match *m)
{
    for (uint32_t i = v->tok_begin; i < v->head; i++) {
        const sn_token *t = &s->tok[i];
        const sn_img_pat *p = sn_best_pattern(s, t->norm, i, SN_PAT_VERB, i + 1, limit, passive, cb, m);
        if (!p && strcmp(t->norm, t->lemma))
            p = sn_best_pattern(s, t->lemma, i, SN_PAT_VERB, i + 1, limit, passive, cb, m);
        if (p)
            return p;
    }
    return NULL;
}

static sn_rc verb_events(sent *s, uint32_t vg)
{
    const sn_chunk *v = &s->ch[vg];
    const sn_token *head = &s->tok[v->head];
    int passive = v->voice == SN_VOICE_PASSIVE;
    uint32_t limit = reach(s, vg);
    uint32_t cb = s->cl[sn_clause_of(s, v->head)].tok_begin;
    int tabari = (s->c->flags & SN_DICTF_DEFAULT_ACTORS) != 0;
    if (tabari)
        cb = tabari_phrase_begin(s, v->tok_begin);
    sn_trace(s->c, "  verb group \"%s\" (%s%s)\n", head->lemma, passive ? "passive" : "active",
             v->vflags & SN_VG_NEG ? ", negated" : "");
    if (v->head >= s->used_begin && v->head < s->used_end) {
        sn_trace(s->c, "  no event: \"%s\" is part of the pattern before it\n", head->lemma);
        return SN_OK;
    }
    /* TABARI codes one verb per clause (CODE BY CLAUSE; CODE BY SENTENCE
     * one per sentence, CODE ALL every one): the first its verbs file lists
     * and a pattern (or the root) matches; later verbs of the clause are
     * part of its phrase ("was seen to break in an anti- Gondor parade"
     * codes BREAK, not PARADE). */
    if (tabari && s->coded_verb && !(s->c->flags & SN_DICTF_CODE_ALL) &&
        ((s->c->flags & SN_DICTF_CODE_SENTENCE) || !conjunction_between(s, s->coded_verb - 1, v->tok_begin))) {
        sn_trace(s->c, "  no event: TABARI codes one verb per clause\n");
        return SN_OK;
    }
    match m;
    candidate k = {NULL, -1, -1, v->head, (int32_t)vg, 0, NULL, NULL, 0, 0, 0};
    s->compound_subject = 0;
    if (s->c->flags & (SN_DICTF_DEFAULT_ACTORS | SN_DICTF_VP_TARGET)) { /* imported images: "< %" patterns */
        int32_t subj = sn_subject(s, vg, 0), conj[MAX_CONJUNCTS];
        s->compound_subject = subj >= 0 && actor_conjuncts(s, subj, conj) > 1;
    }
    /* A verb written as a form ("LEFT [032:033]", TABARI's "MET_") wins
     * over its lemma's patterns ("LEAVE [012]"): the dictionary's
     * author told the two apart. */
    k.pat = tabari ? group_word_pattern(s, v, limit, passive, cb, &m) : NULL;
    if (!k.pat && strcmp(head->norm, head->lemma))
        k.pat = sn_best_pattern(s, head->norm, v->head, SN_PAT_VERB, v->tok_end, limit, passive, cb, &m);
    if (!k.pat)
        k.pat = sn_best_pattern(s, head->lemma, v->head, SN_PAT_VERB, v->tok_end, limit, passive, cb, &m);
    if (!k.pat) {
        sn_trace(s->c, "  no event: no pattern for \"%s\" matches\n", head->lemma);
        return SN_OK;
    }
    const char *code = sn_dict_str(s->c->dict, k.pat->code);
    s->coded_verb = v->head + 1;
    if (!strcmp(code, "---") || !strcmp(code, "###")) {
        /* TABARI's null code: the phrase matches and codes nothing, so no
         * shorter pattern codes it; the discard code drops the sentence. */
        s->discarded |= code[0] == '#';
        sn_trace(s->c, "  no event: the pattern has the %s code\n", code[0] == '#' ? "discard" : "null");
        return SN_OK;
    }
    int speech = speech_pattern(code);
    /* "urged Kiev to resume talks", "tried to assassinate": one event, not
     * two. An accusation keeps its act ("accused Russian troops of
     * shelling" is also a claimed shelling). */
    int swallows = !passive && m.end > v->tok_end && strncmp(code, "11", 2);
    if (swallows) {
        s->used_begin = v->tok_end;
        s->used_end = m.end;
    }
    k.score = m.score;
    k.pattern_target = m.target >= 0;
    k.pattern_source = m.source >= 0;
    assign_sides(s, vg, &m, limit, speech, &k);
    /* "held talks in Prague": a located thing is a target only when it
     * is attacked ("shelled a market in Maiduguri"). */
    if (k.target >= 0 && npa(s, k.target)->located && !violent(code))
        k.target = -1;
    default_actors(s, vg, limit, &k);
    if (speech || swallows) {
        int32_t about_target;
        const char *about = complement_code(s, vg, &about_target);
        if (speech)
            k.about = about;
        if (k.target < 0 && !passive)
            k.target = about_target; /* "refused to recognize Kosovo's independence" */
    }
    return emit_pairs(s, &k);
}

/* The verb group of the clause holding token at, for a nominal event's
 * modality ("clashes might occur"); -1 when none. */
static int32_t clause_verb(const sent *s, uint32_t at)
{
    int32_t cl = sn_clause_of(s, at);
    for (uint32_t k = 0; k < s->nch; k++)
        if (s->ch[k].kind == SN_CHUNK_VG && sn_clause_of(s, s->ch[k].head) == cl)
            return (int32_t)k;
    return -1;
}

static sn_rc noun_events(const sent *s, uint32_t np)
{
    const sn_chunk *n = &s->ch[np];
    const sn_token *head = &s->tok[n->head];
    match m;
    candidate k = {NULL, -1, -1, n->head, clause_verb(s, n->head), 0, NULL, NULL, 0, 0, 0};
    uint32_t limit = s->cl[sn_clause_of(s, n->head)].tok_end;
    k.pat = sn_best_pattern(s, head->lemma, n->head, SN_PAT_NOUN, n->head + 1, limit, 0, n->tok_begin, &m);
    /* "clashes might occur between X and Y": the pattern may go on after
     * the clause's verb. */
    if ((!k.pat || (m.source < 0 && m.target < 0)) && k.vg >= 0 && s->ch[k.vg].tok_begin == n->tok_end) {
        uint32_t after = s->ch[k.vg].tok_end;
        while (after < limit && s->tok[after].tag == SN_TAG_RP)
            after++; /* "clashes might break out between" */
        k.pat = sn_best_pattern(s, head->lemma, n->head, SN_PAT_NOUN, after, limit, 0, n->tok_begin, &m);
    }
    if (!k.pat || (m.source < 0 && m.target < 0))
        return SN_OK;
    sn_trace(s->c, "  noun phrase \"%s\" opens a nominal event\n", head->lemma);
    k.source = m.source;
    k.target = m.target;
    k.score = m.score;
    /* "clashes between X and Y" is reciprocal: one event, X -> Y. A lone
     * $S with a conjunct ("between Russian and Georgian troops") pairs them. */
    if (k.source >= 0 && k.target < 0 && s->ch[k.source].coord >= 0)
        k.target = s->ch[k.source].coord;
    if (k.source >= 0 && k.target >= 0)
        return emit(s, &k, k.source, k.target);
    return emit_pairs(s, &k);
}

/* The sentence's first actor subject, for pronouns in the next one. */
static void remember_subject(const sent *s)
{
    for (uint32_t k = 0; k < s->nch; k++) {
        if (s->ch[k].kind != SN_CHUNK_VG)
            continue;
        int32_t subj = sn_subject(s, k, 0);
        if (subj >= 0 && npa(s, subj)->found) {
            s->c->last_subject = *npa(s, subj);
            return;
        }
    }
}

static int speech_root(const sn_event *e)
{
    return speech_pattern(e->code);
}


/* A threat, demand, appeal or promise and the act it is about are one
 * event: "Iraq threatened to expel Turkish troops" is IRQGOV -> TURMIL
 * 13x, not a threat with no target plus an expulsion. The act gives the
 * speech act its target (for demands and appeals through a that-clause,
 * the one asked to act), and a threat of force becomes 138. */
static void merge_speech_acts(sent *s, uint32_t first)
{
    sn_event *ev = s->c->events.p;
    int32_t *vg = s->c->event_vg.p;
    uint32_t n = (uint32_t)s->c->events.n;
    uint8_t gone[256] = {0};
    for (uint32_t i = first; i < n && i - first < 256; i++) {
        if (!speech_root(&ev[i]) || vg[i] < 0)
            continue;
        for (uint32_t j = first; j < n && j - first < 256; j++) {
            if (gone[j - first] || j == i || !complement_of(s, vg[i], vg[j]))
                continue;
            int clause = !sn_complement(s, (uint32_t)vg[j]);
            if (!ev[i].target.code)
                ev[i].target = clause && strcmp(ev[i].root_code, "13") ? ev[j].source : ev[j].target;
            refine_speech_act(&ev[i], ev[j].code);
            sn_trace(s->c, "  the %s event is what the %s event is about: merged\n", ev[j].code, ev[i].code);
            gone[j - first] = 1;
            break;
        }
    }
    uint32_t w = first;
    for (uint32_t i = first; i < n; i++) {
        if (i - first < 256 && gone[i - first])
            continue;
        ev[w] = ev[i];
        vg[w] = vg[i];
        w++;
    }
    s->c->events.n = s->c->event_vg.n = w;
}

static sn_rc code_sentence(sn_coder *c, const sn_doc *doc, uint32_t si, const sn_date *pub)
{
    const sn_sentence *st = &sn_doc_sentences(doc, &(uint32_t){0})[si];
    sent s = {c, doc, sn_doc_tokens(doc, &(uint32_t){0}), si, st->tok_begin, st->tok_end, NULL, 0, NULL, 0,
              NULL, 0, {0}, 0};
    s.ch = sn_doc_chunks(doc, si, &s.nch);
    s.cl = sn_doc_clauses(doc, si, &s.ncl);
    s.tx = sn_doc_timexes(doc, si, &s.ntx);
    if (pub) {
        s.pub = *pub;
        s.has_pub = 1;
    }
    uint32_t first = (uint32_t)c->events.n;
    sn_trace(c, "sentence %u [%s]\n", si, sn_zone_name(st->zone));
    if (st->zone != SN_ZONE_BODY) {
        sn_trace(c, "  not coded: %s, not the story\n", sn_zone_name(st->zone));
        return SN_OK;
    }
    /* Only body sentences are coded, so only theirs need the token info. */
    sn_word_bits(c, s.tok, s.b, s.e);
    sn_rc rc = sn_find_mentions(c, s.tok, s.b, s.e);
    if (!rc && sn_has_discard(c)) {
        sn_trace(c, "  not coded: a discard phrase\n");
        return SN_OK;
    }
    if (!rc)
        rc = sn_np_actors(c, s.tok, s.ch, s.nch);
    const sn_mention *mm = c->mentions.p;
    for (size_t i = 0; i < c->mentions.n && !rc; i++)
        sn_trace(c, "  actor phrase \"%s\" (%s)\n", s.tok[mm[i].tok_begin].norm,
                 mm[i].kind == SN_NAME_AGENT ? "agent" : mm[i].kind == SN_NAME_GOV ? "seat of government"
                 : mm[i].kind == SN_NAME_ADJ ? "adjective" : mm[i].kind == SN_NAME_PLACE ? "town" : "name");
    for (uint32_t k = 0; k < s.nch && !rc; k++) {
        if (s.ch[k].kind == SN_CHUNK_VG)
            rc = verb_events(&s, k);
        else if (s.ch[k].kind == SN_CHUNK_NP) {
            rc = noun_events(&s, k);
            /* TABARI's parse is driven by its verbs file: a word it lists
             * is a verb wherever it stands ("raised its voice", "Estonia
             * actuality from Libya"). A noun phrase that names no actor is
             * tried as a verb group with its head as the verb. */
            if (!rc && (c->flags & SN_DICTF_DEFAULT_ACTORS) && !npa(&s, (int32_t)k)->found)
                rc = verb_events(&s, k);
        }
    }
    if (!rc && s.discarded) {
        sn_trace(c, "  not coded: a discard pattern matched\n");
        c->events.n = c->event_vg.n = first;
    }
    if (!rc)
        merge_speech_acts(&s, first);
    remember_subject(&s);
    return rc;
}

static sn_rc code_doc(sn_coder *c, const sn_doc *doc, const sn_event **events, uint32_t *n)
{
    sn_vec_reset(&c->events);
    sn_vec_reset(&c->event_vg);
    sn_arena_reset(&c->codes);
    memset(&c->last_subject, 0, sizeof c->last_subject);
    sn_words_new_doc(c);
    uint32_t ns;
    sn_doc_sentences(doc, &ns);
    const sn_date *pub = sn_doc_published(doc);
    sn_rc rc = SN_OK;
    for (uint32_t i = 0; i < ns && !rc; i++)
        rc = code_sentence(c, doc, i, pub);
    *events = c->events.p;
    *n = (uint32_t)c->events.n;
    return rc;
}

sn_rc sn_code(sn_coder *c, const sn_doc *doc, const sn_event **events, uint32_t *n)
{
    c->trace_fn = NULL;
    return code_doc(c, doc, events, n);
}

sn_rc sn_code_explain(sn_coder *c, const sn_doc *doc, sn_write_fn write, void *ctx, const sn_event **events,
                      uint32_t *n)
{
    c->trace_fn = write;
    c->trace_ctx = ctx;
    sn_rc rc = code_doc(c, doc, events, n);
    c->trace_fn = NULL;
    return rc;
}
