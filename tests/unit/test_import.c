/*
 * tests/unit/test_import.c — unit tests of the TABARI and PETRARCH
 * importers and record readers (issue #5) on small dictionary snippets
 * written for these tests: what each entry becomes in Sentinel's text
 * format, what is skipped with file:line, the counts, and that the
 * imported image codes with date-restricted codes, stems and agents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "support.h"
#include "sentinel/sentinel.h"

typedef struct capture {
    char text[1 << 16];
    size_t len;
    char reports[1 << 14];
    size_t rlen;
} capture;

static int cap_write(void *ctx, const char *p, size_t n)
{
    capture *c = ctx;
    if (c->len + n >= sizeof c->text)
        return -1;
    memcpy(c->text + c->len, p, n);
    c->len += n;
    c->text[c->len] = '\0';
    return 0;
}

static void cap_report(void *ctx, const char *file, unsigned line, const char *msg)
{
    capture *c = ctx;
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    int k = snprintf(c->reports + c->rlen, sizeof c->reports - c->rlen, "%s:%u: %s\n", base, line, msg);
    if (k > 0 && c->rlen + (size_t)k < sizeof c->reports)
        c->rlen += (size_t)k;
}

/* Write text to /tmp/sn-imp-<name> and return the path (static per name slot). */
static const char *put(const char *name, const char *text)
{
    static char paths[8][256];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 256, "/tmp/sn-imp-%d-%s", (int)getpid(), name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static capture *run(sn_import_format fmt, const char **paths, size_t n, const char *image, sn_import_stats *st)
{
    static capture c;
    memset(&c, 0, sizeof c);
    sn_error err;
    sn_rc rc = sn_dict_import(fmt, paths, n, image, cap_write, &c, cap_report, &c, st, &err);
    if (rc)
        fail_msg("import failed: %s", err.msg);
    return &c;
}

static void has(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("missing \"%s\" in:\n%s", needle, hay);
}

static void tabari_actors(void **state)
{
    (void)state;
    const char *p = put("x.actors", "; my test actors\n"
                                     "WESTLAND_  [WST]\n"
                                     "EASTMARK  [EMK] ; a stem: Eastmarkian too\n"
                                     "JOHN_SMITHSON_ [WSTGOV 950101-991231] [WSTELI]\n"
                                     "MARY_MAJOR_ [EMKGOV >990816] [---]\n"
                                     "OLD_KING_ [WST <950601]\n"
                                     "NORTH_AND_SOUTH_  [NTH/STH]\n"
                                     "BAD_DATE_ [WST 991340-000101]\n"
                                     "FAIR_&_SQUARE_PARTY_ [WSTPTY]\n"
                                     "NEWTOWN_ [###]\n"
                                     "<NOUN>\nGOATS\n</NOUN>\n"
                                     "ANNA_BELL_\n+ANNIE_BELL_\n\t[EMKGOV 20010101-20051231]\n\t[EMKELI]\n");
    sn_import_stats st;
    capture *c = run(SN_IMPORT_TABARI, &p, 1, NULL, &st);
    has(c->text, "actor WST\n    westland+\n" /* TABARI's regular ending S */);
    has(c->text, "actor EMK\n    eastmark*\n");
    has(c->text, "person \"john smithson+\"\n    john smithson+\n    code WSTGOV 1995-01-01..1999-12-31\n"
                 "    code WSTELI\n");
    has(c->text, "code EMKGOV 1999-08-16..\n");
    has(c->text, "code WST ..1995-06-01\n");
    has(c->text, "fair & square party");
    has(c->text, "discard newtown+\n");
    has(c->text, "    anna bell+\n    annie bell+\n    code EMKGOV 2001-01-01..2005-12-31\n    code EMKELI\n");
    has(c->text, "actor NTH/STH\n    north and south+\n"); /* a coded compound actor */
    has(c->reports, ".actors:8: skipped: bad date restriction");
    has(c->reports, ".actors:12: skipped: TABARI parser word list");
    assert_int_equal(st.loaded[SN_IK_ACTOR], 8);
    assert_int_equal(st.skipped[SN_IK_ACTOR], 1);
    assert_int_equal(st.loaded[SN_IK_DISCARD], 1);
    unlink(p);
}

static void tabari_agents_and_verbs(void **state)
{
    (void)state;
    const char *a = put("x.agents", "TROOPER_ [~MIL]\nCHARITY_WORKER_ [NGO~]\nFOREIGN_MINISTER_ [~GOVFRM]\n"
                                    "NO_CODE_HERE\nODD_ONE [~bad code]\n");
    const char *v = put("x.verbs", "<SYNSETS>\n&FRUIT\n+APPLE\n+PEAR\n&DRINK\n+HOT TEA\n+COLD_MILK\n</SYNSETS>\n"
                                   "<TIME>\nLAST_WEEK [-7]\n</TIME>\n"
                                   "PELT  [171]\n"
                                   "- * + WITH &FRUIT [172]\n"
                                   "- * &DRINK [173]\n"
                                   "- NOT * [174]\n"
                                   "- * % TOGETHER [175]\n"
                                   "- * NOTHING [---]\n"
                                   "- * SOMETHING [041:042]\n"
                                   "- * BROKEN\n"
                                   "GREET [---]\n"
                                   "- * WARMLY [051]\n"
                                   "- * IN ^ WITH + [052]\n"
                                   "- + WAS * BY $ [053]\n");
    const char *paths[] = {a, v};
    sn_import_stats st;
    capture *c = run(SN_IMPORT_TABARI, paths, 2, NULL, &st);
    has(c->text, "agent MIL\n    trooper+\n");
    has(c->text, "agent NGO~\n    charity worker+\n");
    has(c->text, "agent GOVFRM\n    foreign minister+\n");
    has(c->reports, ".agents:4: skipped: agent without a [~CODE]");
    has(c->reports, ".agents:5: skipped: agent code");
    has(c->text, "option default-actors\n");
    has(c->text, "verb 171 pelt*\n"); /* a TABARI root is a stem */
    has(c->text, "verb 172 pelt* ~ $T ~ with ~ apple|pear\n");
    has(c->text, "verb 173 pelt* ~ hot tea\n"); /* a synset member is consecutive words */
    has(c->text, "verb 173 pelt* ~ cold milk\n");
    has(c->text, "verb 041:042 pelt* ~ something\n"); /* a paired code */
    has(c->text, "verb 051 greet* ~ warmly\n");
    has(c->text, "verb 052 greet* ~ in ~ $_ ~ with ~ $T\n"); /* ^ passes an actor over */
    has(c->text, "verb 053 greet* ~ by ~ $S < $T was\n"); /* a target before the verb */
    has(c->reports, ".verbs:10: skipped: time shift");
    has(c->text, "verb 174 pelt* < not\n"); /* a word before the verb */
    has(c->text, "verb 175 pelt* ~ $T ~ together\n"); /* a compound target: each conjunct */
    has(c->text, "verb --- pelt* ~ nothing\n"); /* a null code blocks shorter patterns */
    has(c->reports, ".verbs:19: skipped: pattern without a [code]");
    assert_int_equal(st.loaded[SN_IK_AGENT], 3);
    assert_int_equal(st.skipped[SN_IK_AGENT], 2);
    assert_int_equal(st.loaded[SN_IK_SYNSET], 2);
    assert_int_equal(st.loaded[SN_IK_PATTERN], 9);
    assert_int_equal(st.skipped[SN_IK_PATTERN], 1);
    unlink(a);
    unlink(v);
}

static void petrarch_files(void **state)
{
    (void)state;
    const char *v = put("my.verbs.txt", "<!-- my verbs -->\n&TOOL_\n+HAMMER\n+SAW\n\n"
                                        "--- MEND  [---]  ---\nMEND\nREPAIR {REPAIRS REPAIRED}\n+PATCH_UP [032]\n"
                                        "FIX_+UP\n- * (WITH &TOOL) [033] # comment\n- * {OLD FENCE} [034]\n"
                                        "- $ * + [035]\n- % * [037:037]\n~ a (a b MEND) SAY = a b 036\n");
    const char *ac = put("my.actors.txt", "# actors\nWESTLAND_ [WST]\n+WESTLANDER_\nJO_DOE_\n\t[WSTGOV 19950101-19991231]\n"
                                          "\t[WSTELI]\n");
    const char *ag = put("my.agents.txt", "!HAND! = HAND, HANDS, WORKER\nFARM!HAND! [~AGR]\nCLERGY {} [~REL]\n"
                                          "BISHOP {BISHOPS} [~REL]\n");
    const char *d = put("my.discards.txt", "+CHESS MATCH\nFOOTBALL_\n");
    const char *is = put("my.issues.txt", "<ISSUE CATEGORY=\"X\">\nn:bread [FOOD]\n</ISSUE>\n");
    const char *paths[] = {v, ac, ag, d, is};
    sn_import_stats st;
    capture *c = run(SN_IMPORT_PETRARCH, paths, 5, NULL, &st);
    has(c->text, "verb 032 patch up\n");
    has(c->text, "verb 033 mend ~ with ~ hammer|saw\n");
    has(c->text, "verb 033 repair ~ with ~ hammer|saw\n");
    has(c->text, "verb 034 mend ~ old ~ fence\n");
    has(c->text, "verb 035 mend ~ $T\n");
    has(c->text, "verb 033 up ~ with ~ hammer|saw < fix\n"); /* FIX_+UP takes the block's patterns */
    has(c->text, "verb 037:037 mend < %\n"); /* a compound source */
    has(c->reports, "my.verbs.txt:15: skipped: verb transformation");
    has(c->text, "actor WST\n    westland\n    westlander\n");
    has(c->text, "person \"jo doe\"\n    jo doe\n    code WSTGOV 1995-01-01..1999-12-31\n    code WSTELI\n");
    has(c->text, "agent AGR\n    farmhand\nagent AGR\n    farmhands\nagent AGR\n    farmworker\n");
    has(c->text, "agent REL\n    bishops\n");
    has(c->text, "discard chess match*\n");
    has(c->text, "discard football\n");
    has(c->reports, "my.issues.txt:2: skipped: issue coding");
    assert_int_equal(st.loaded[SN_IK_ACTOR], 2);
    assert_int_equal(st.loaded[SN_IK_AGENT], 6); /* three from !HAND!, clergy, bishop, bishops */
    assert_int_equal(st.skipped[SN_IK_ISSUE], 1);
    assert_int_equal(st.loaded[SN_IK_DISCARD], 2);
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
        unlink(paths[i]);
}

/* Garbage: binary bytes, an over-long line, unclosed brackets. No crash,
 * everything reported, and the import still succeeds. */
static void garbage_is_reported(void **state)
{
    (void)state;
    char *longline = repeat("X", 10000);
    char *text = malloc(20000);
    assert_non_null(text);
    snprintf(text, 20000, "GOOD_ [GDD]\n\x01\x02\xff\xfe [\n%s [AAA]\nBROKEN [WST 9501\nNAME [\n+\n[LONE]\n",
             longline);
    const char *p = put("junk.actors", text);
    sn_import_stats st;
    capture *c = run(SN_IMPORT_TABARI, &p, 1, NULL, &st);
    has(c->text, "actor GDD\n    good+\n");
    has(c->reports, "junk.actors:3: skipped: line longer than");
    has(c->reports, "junk.actors:4: skipped: unclosed '['");
    assert_true(st.skipped[SN_IK_ACTOR] >= 2);
    free(text);
    free(longline);
    unlink(p);
    const char *none[] = {"/nonexistent/sn-none.actors"};
    sn_import_stats st2;
    sn_error err;
    assert_int_not_equal(sn_dict_import(SN_IMPORT_TABARI, none, 1, NULL, NULL, NULL, NULL, NULL, &st2, &err), SN_OK);
    has(err.msg, "cannot open");
}

/* The compiled image codes: a stem, a date-restricted code, an agent. */
static void imported_image_codes(void **state)
{
    (void)state;
    const char *a = put("c.actors", "WESTLAND [WST]\nEASTMARK_ [EMK]\nTHE_ISLES_ [ISA/ISB]\nJOHN_SMITHSON_ [WSTGOV 950101-991231] [WSTELI]\n");
    const char *g = put("c.agents", "TROOPER_ [~MIL]\n");
    const char *v = put("c.verbs", "SHELL [190]\nPRAIS [051]\n- * GRUDGINGLY [---]\n- * IN_JEST [###]\nMET_ [031:032]\n");
    const char *paths[] = {a, g, v};
    char img[64];
    snprintf(img, sizeof img, "/tmp/sn-imp-%d.img", (int)getpid());
    sn_import_stats st;
    run(SN_IMPORT_TABARI, paths, 3, img, &st);
    sn_dict *d;
    sn_error err;
    assert_int_equal(sn_dict_open(img, &d, &err), SN_OK);
    sn_analyzer *an;
    sn_coder *coder;
    assert_int_equal(sn_analyzer_new(&an, NULL), SN_OK);
    assert_int_equal(sn_coder_new(&coder, d), SN_OK);
    static const struct { const char *text; int y; const char *src, *tgt, *code; } cases[] = {
        {"Westlandian troopers shelled Eastmark on Monday.", 1998, "WSTMIL", "EMK", "190"},
        {"Westland shelled the Eastmarks on Monday.", 1998, "WST", "EMK", "190"}, /* EASTMARK_ and its S */
        {"John Smithson praised Eastmark on Monday.", 1998, "WSTGOV", "EMK", "051"},
        {"John Smithson praised Eastmark on Monday.", 2004, "WSTELI", "EMK", "051"},
        {"Eastmark met Westland on Monday.", 2004, "EMK", "WST", "031"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sn_date date = {(int16_t)cases[i].y, 6, 1};
        const sn_doc *doc;
        const sn_event *ev;
        uint32_t n;
        assert_int_equal(sn_analyze(an, cases[i].text, strlen(cases[i].text), &date, &doc), SN_OK);
        assert_int_equal(sn_code(coder, doc, &ev, &n), SN_OK);
        if (n < 1)
            fail_msg("case %zu: no event", i);
        assert_non_null(ev[0].source.code);
        assert_non_null(ev[0].target.code);
        if (strcmp(ev[0].source.code, cases[i].src) || strcmp(ev[0].target.code, cases[i].tgt) ||
            strcmp(ev[0].code, cases[i].code))
            fail_msg("case %zu: got %s %s %s", i, ev[0].source.code, ev[0].target.code, ev[0].code);
    }
    /* The paired code's reverse event, and TABARI's default target: the
     * first actor after the verb ("praised ... in Eastmark"). */
    static const char *const paired = "Eastmark met Westland on Monday.";
    sn_date day = {2004, 6, 1};
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t n;
    assert_int_equal(sn_analyze(an, paired, strlen(paired), &day, &doc), SN_OK);
    assert_int_equal(sn_code(coder, doc, &ev, &n), SN_OK);
    assert_int_equal(n, 2);
    assert_string_equal(ev[1].source.code, "WST");
    assert_string_equal(ev[1].target.code, "EMK");
    assert_string_equal(ev[1].code, "032");
    /* A null-coded pattern blocks the shorter one; a discard drops the sentence. */
    static const char *const none[] = {"Westland praised Eastmark grudgingly on Monday.",
                                       "Westland praised Eastmark in jest on Monday."};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(sn_analyze(an, none[i], strlen(none[i]), &day, &doc), SN_OK);
        assert_int_equal(sn_code(coder, doc, &ev, &n), SN_OK);
        if (n)
            fail_msg("\"%s\" gave %u events", none[i], n);
    }
    /* A coded compound actor gives one event per code. */
    static const char *const isles = "Westland shelled the Isles on Monday.";
    assert_int_equal(sn_analyze(an, isles, strlen(isles), &day, &doc), SN_OK);
    assert_int_equal(sn_code(coder, doc, &ev, &n), SN_OK);
    assert_int_equal(n, 2);
    assert_string_equal(ev[0].target.code, "ISA");
    assert_string_equal(ev[1].target.code, "ISB");
    /* TABARI's DEFAULT target stands in for a missing one (manual 8.5). */
    static const char *const alone = "Westland praised the plan on Monday.";
    assert_int_equal(sn_analyze(an, alone, strlen(alone), &day, &doc), SN_OK);
    assert_int_equal(sn_code(coder, doc, &ev, &n), SN_OK);
    assert_int_equal(n, 0); /* require-dyad */
    sn_coder_set_default(coder, NULL, 0, "DEFTAR", 0);
    assert_int_equal(sn_code(coder, doc, &ev, &n), SN_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].source.code, "WST");
    assert_string_equal(ev[0].target.code, "DEFTAR");
    sn_coder_free(coder);
    sn_analyzer_free(an);
    sn_dict_close(d);
    unlink(img);
    for (size_t i = 0; i < 3; i++)
        unlink(paths[i]);
}

typedef struct recs {
    int n;
    char ids[8][32];
    sn_expect expect[8];
    uint32_t ncodings[8];
    char first[8][128];
    int year[8];
} recs;

static int on_rec(void *ctx, const sn_record *r)
{
    recs *rs = ctx;
    if (rs->n == 8)
        return 0;
    snprintf(rs->ids[rs->n], sizeof rs->ids[0], "%s", r->id);
    rs->expect[rs->n] = r->expect;
    rs->ncodings[rs->n] = r->ncodings;
    rs->year[rs->n] = r->date.year;
    if (r->ncodings)
        snprintf(rs->first[rs->n], sizeof rs->first[0], "%s/%s/%s", r->codings[0].source, r->codings[0].target,
                 r->codings[0].code);
    rs->n++;
    return 0;
}

static void record_readers(void **state)
{
    (void)state;
    const char *tab = "######\n# header\n\n"
                      "950102  T-01\nWestland praised Eastmark.\n/* note\n\\n{ WST / EMK / 051 } */\n\n"
                      "010203  T-02\nNothing happens here.\n/*\n{---} */\n\n"
                      "950101  T-03\nSkipped.\n/* -{ WST / EMK / 190 } */\n\n"
                      "950101  T-04\nOptions.\n/* { OPTION: SET: TIME SHIFT = FALSE } */\n\n"
                      "990101  T-05\nThe end.\n";
    recs rs = {0};
    sn_error err;
    assert_int_equal(sn_records_tabari(tab, strlen(tab), on_rec, NULL, &rs, &err), 0);
    assert_int_equal(rs.n, 5);
    assert_string_equal(rs.ids[0], "T-01");
    assert_int_equal(rs.expect[0], SN_EXPECT_EVENTS);
    assert_string_equal(rs.first[0], "WST/EMK/051");
    assert_int_equal(rs.year[1], 2001);
    assert_int_equal(rs.expect[1], SN_EXPECT_NO_EVENTS);
    assert_int_equal(rs.expect[2], SN_EXPECT_UNCHECKED);
    assert_int_equal(rs.expect[3], SN_EXPECT_OPTIONS);
    assert_int_equal(rs.expect[4], SN_EXPECT_NONE_GIVEN);
    /* The last record without a closing newline is read too. */
    memset(&rs, 0, sizeof rs);
    static const char *const tail = "950102  T-09\nWestland praised Eastmark.\n/* { WST / EMK / 051 } */";
    assert_int_equal(sn_records_tabari(tail, strlen(tail), on_rec, NULL, &rs, &err), 0);
    assert_int_equal(rs.n, 1);
    assert_string_equal(rs.first[0], "WST/EMK/051");

    const char *xml = "<Validation><Sentences>\n"
                      "<Sentence date=\"20150316\" id=\"P-1\" source=\"x\" sentence=\"true\">\n"
                      "<EventCoding sourcecode=\"WST\" targetcode=\"EMK\" eventcode=\"051\"></EventCoding>\n"
                      "<Text>Westland praised Eastmark.</Text><Parse>(ROOT (S))</Parse></Sentence>\n"
                      "<Sentence date=\"20150316\" id=\"P-2\"><EventCoding noevents=\"True\"/>"
                      "<Text>Nothing.</Text></Sentence>\n"
                      "</Sentences></Validation>\n";
    memset(&rs, 0, sizeof rs);
    assert_int_equal(sn_records_petrarch(xml, strlen(xml), on_rec, NULL, &rs, &err), 0);
    assert_int_equal(rs.n, 2);
    assert_string_equal(rs.first[0], "WST/EMK/051");
    assert_int_equal(rs.year[0], 2015);
    assert_int_equal(rs.expect[1], SN_EXPECT_NO_EVENTS);

    /* Not XML, and an external entity that must not be fetched or expanded. */
    const char *bad = "<Sentences><Sentence id=\"x\"><Text>unclosed</Sentences>";
    assert_int_equal(sn_records_petrarch(bad, strlen(bad), on_rec, NULL, &rs, &err), -1);
    has(err.msg, "not well-formed XML");
    const char *ent = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                      "<Sentences><Sentence id=\"E\"><Text>a &e; b</Text></Sentence></Sentences>";
    memset(&rs, 0, sizeof rs);
    assert_int_equal(sn_records_petrarch(ent, strlen(ent), on_rec, NULL, &rs, &err), 0);
    assert_int_equal(rs.n, 1);
    assert_int_equal(sn_records_tabari("no records\n", 11, on_rec, NULL, &rs, &err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tabari_actors),
        cmocka_unit_test(tabari_agents_and_verbs),
        cmocka_unit_test(petrarch_files),
        cmocka_unit_test(garbage_is_reported),
        cmocka_unit_test(imported_image_codes),
        cmocka_unit_test(record_readers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
