/*
 * tools/gen-cameo.c — build-time generator: reads data/events/cameo.txt (the
 * CAMEO event-code table, format in its header) and writes C source holding
 * the same rows as a static table sorted by code, which lib/code/cameo.c
 * #includes (meson names the output cameo_table.inc, so that it is ordered
 * before that compile as a header and never compiled on its own).
 *
 *   gen-cameo IN.txt OUT
 *
 * Every row of OUT reads
 *   SN_CAMEO_ROW("0211", 34, 1, "", "", "Ask for economic cooperation"),
 * i.e. code, Goldstein in tenths (an integer, so no float parsing here),
 * quad class, PLOVER type, PLOVER mode ("" for "-"), name. The includer
 * defines sn_cameo_row and SN_CAMEO_ROW.
 *
 * Any problem in IN.txt stops the generator with "IN.txt:LINE: message" on
 * stderr and exit status 1, before any output is written: a code that is not
 * 2-4 digits or whose root is not 01-20, a code whose root or base row is
 * missing, a duplicate code, a Goldstein value that is malformed or outside
 * [-10, 10], a quad class that breaks the root rule, a missing field, or a
 * malformed PLOVER type or mode.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 1024
#define MAX_ROWS 1000

typedef struct row {
    char code[5];
    int goldstein10;  /* tenths: 3.4 -> 34 */
    int quad;
    char type[32];    /* "" when the file says "-" */
    char mode[32];
    char name[256];
    long line;
} row;

static const char *in_path;
static row rows[MAX_ROWS];
static size_t nrows;

static void die(long line, const char *fmt, ...)
{
    va_list ap;
    if (line > 0)
        fprintf(stderr, "%s:%ld: ", in_path, line);
    else
        fprintf(stderr, "%s: ", in_path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/* Copy the next blank-separated field of *p into out (size n); return 0 when
 * the line has no more fields. */
static int next_field(char **p, char *out, size_t n, long line, const char *what)
{
    char *s = *p;
    while (is_blank(*s))
        s++;
    if (!*s)
        return 0;
    size_t len = 0;
    while (s[len] && !is_blank(s[len]))
        len++;
    if (len >= n)
        die(line, "%s field too long: \"%.*s\"", what, (int)len, s);
    memcpy(out, s, len);
    out[len] = '\0';
    *p = s + len;
    return 1;
}

/* The quad class a root (1-20) must carry. */
static int quad_for_root(int root)
{
    if (root <= 5)
        return 1;
    if (root <= 9)
        return 2;
    if (root <= 14)
        return 3;
    return 4;
}

static int root_of(const char *code)
{
    return (code[0] - '0') * 10 + (code[1] - '0');
}

static void check_code(const char *code, long line)
{
    size_t n = strlen(code);
    if (n < 2 || n > 4)
        die(line, "bad code \"%s\": want 2, 3 or 4 digits", code);
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)code[i]))
            die(line, "bad code \"%s\": not all digits", code);
    int root = root_of(code);
    if (root < 1 || root > 20)
        die(line, "bad code \"%s\": root %02d is not 01-20", code, root);
}

/* "-10.0", "3.4", "0", "+7" -> tenths; at most one decimal. */
static int parse_goldstein(const char *s, long line)
{
    const char *p = s;
    int neg = 0, v = 0, digits = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    while (isdigit((unsigned char)*p) && digits < 3) {
        v = v * 10 + (*p++ - '0');
        digits++;
    }
    if (!digits || isdigit((unsigned char)*p))
        die(line, "bad Goldstein value \"%s\"", s);
    v *= 10;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            die(line, "bad Goldstein value \"%s\": no digit after '.'", s);
        v += *p++ - '0';
    }
    if (*p)
        die(line, "bad Goldstein value \"%s\": want at most one decimal", s);
    if (neg)
        v = -v;
    if (v < -100 || v > 100)
        die(line, "Goldstein value %s is outside [-10, 10]", s);
    return v;
}

/* PLOVER type: "-" or A-Z and '_'; mode: "-" or a-z, 0-9, '_' and '-'. */
static void check_plover(const char *s, int upper, long line, const char *what)
{
    if (!strcmp(s, "-"))
        return;
    for (const char *p = s; *p; p++) {
        int ok = upper ? (isupper((unsigned char)*p) || *p == '_')
                       : (islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
                          *p == '_' || *p == '-');
        if (!ok)
            die(line, "bad %s \"%s\"", what, s);
    }
}

static void parse_line(char *s, long line)
{
    if (nrows == MAX_ROWS)
        die(line, "too many rows (more than %d)", MAX_ROWS);
    row *r = &rows[nrows];
    char code[16], gold[16], quad[16];
    static const char *const names[] = {"CODE", "GOLDSTEIN", "QUAD", "PLOVER_TYPE",
                                        "PLOVER_MODE"};

    memset(r, 0, sizeof *r);
    r->line = line;
    if (!next_field(&s, code, sizeof code, line, names[0]))
        die(line, "missing field %s", names[0]);
    if (!next_field(&s, gold, sizeof gold, line, names[1]))
        die(line, "missing field %s", names[1]);
    if (!next_field(&s, quad, sizeof quad, line, names[2]))
        die(line, "missing field %s", names[2]);
    if (!next_field(&s, r->type, sizeof r->type, line, names[3]))
        die(line, "missing field %s", names[3]);
    if (!next_field(&s, r->mode, sizeof r->mode, line, names[4]))
        die(line, "missing field %s", names[4]);

    /* NAME: the rest of the line, blanks trimmed at both ends. */
    while (is_blank(*s))
        s++;
    size_t n = strlen(s);
    while (n && is_blank(s[n - 1]))
        n--;
    if (!n)
        die(line, "missing field NAME");
    if (n >= sizeof r->name)
        die(line, "NAME too long (%zu bytes)", n);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            die(line, "control character in NAME");
    memcpy(r->name, s, n);
    r->name[n] = '\0';

    check_code(code, line);
    memcpy(r->code, code, strlen(code) + 1);
    r->goldstein10 = parse_goldstein(gold, line);

    if (strlen(quad) != 1 || quad[0] < '1' || quad[0] > '4')
        die(line, "bad QUAD \"%s\": want 1-4", quad);
    r->quad = quad[0] - '0';
    int want = quad_for_root(root_of(code));
    if (r->quad != want)
        die(line, "QUAD %d breaks the rule: root %.2s is quad class %d", r->quad, code, want);

    check_plover(r->type, 1, line, "PLOVER_TYPE");
    check_plover(r->mode, 0, line, "PLOVER_MODE");
    if (!strcmp(r->type, "-") && strcmp(r->mode, "-"))
        die(line, "PLOVER_MODE \"%s\" without a PLOVER_TYPE", r->mode);
    if (!strcmp(r->type, "-"))
        r->type[0] = '\0';
    if (!strcmp(r->mode, "-"))
        r->mode[0] = '\0';
    nrows++;
}

static void read_table(FILE *f)
{
    char buf[MAX_LINE];
    long line = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        size_t n = strlen(buf);
        if (n && buf[n - 1] == '\n')
            buf[--n] = '\0';
        else if (!feof(f))
            die(line, "line longer than %d bytes", MAX_LINE - 2);
        if (n && buf[n - 1] == '\r')
            buf[--n] = '\0';
        const char *s = buf;
        while (is_blank(*s))
            s++;
        if (!*s || *s == '#')
            continue;
        parse_line(buf, line);
    }
    if (ferror(f))
        die(0, "read error");
    if (!nrows)
        die(0, "no rows");
}

static int cmp_row(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int by_code(const void *key, const void *elem)
{
    return strcmp(key, ((const row *)elem)->code);
}

static const row *find(const char *code)
{
    return bsearch(code, rows, nrows, sizeof rows[0], by_code);
}

/* Sort, then reject duplicates and codes whose root or base row is absent. */
static void check_table(void)
{
    qsort(rows, nrows, sizeof *rows, cmp_row);
    for (size_t i = 1; i < nrows; i++)
        if (!strcmp(rows[i].code, rows[i - 1].code))
            die(rows[i].line, "duplicate code %s (first at line %ld)", rows[i].code,
                rows[i - 1].line);
    for (size_t i = 0; i < nrows; i++) {
        const row *r = &rows[i];
        size_t n = strlen(r->code);
        char parent[4];
        if (n >= 3) {
            memcpy(parent, r->code, 2);
            parent[2] = '\0';
            if (!find(parent))
                die(r->line, "code %s has no root row %s", r->code, parent);
        }
        if (n == 4) {
            memcpy(parent, r->code, 3);
            parent[3] = '\0';
            if (!find(parent))
                die(r->line, "code %s has no base row %s", r->code, parent);
        }
    }
}

static void put_cstr(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p >= 0x80)
            fprintf(out, "\\%03o", *p);  /* three digits: never ambiguous */
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void finish(FILE *out, const char *path)
{
    if (ferror(out) || fclose(out)) {
        perror(path);
        remove(path);
        exit(1);
    }
}

static FILE *create(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

static void write_c(const char *path)
{
    FILE *out = create(path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    fprintf(out,
            "/*\n"
            " * %s — generated by tools/gen-cameo from %s; do not edit.\n"
            " *\n"
            " * The CAMEO event-code table, %zu rows sorted by code (strcmp order) for\n"
            " * binary search. lib/code/cameo.c #includes this file after defining\n"
            " * sn_cameo_row and SN_CAMEO_ROW(code, goldstein_tenths, quad_class,\n"
            " * plover_type, plover_mode, name); \"\" stands for no PLOVER type or mode.\n"
            " */\n"
            "#ifndef SN_CAMEO_ROW\n"
            "#error \"%s is #included by lib/code/cameo.c, not compiled alone\"\n"
            "#endif\n\n"
            "#define SN_CAMEO_TABLE_COUNT %zu\n\n"
            "static const sn_cameo_row rows[SN_CAMEO_TABLE_COUNT] = {\n",
            base, in_path, nrows, base, nrows);
    for (size_t i = 0; i < nrows; i++) {
        const row *r = &rows[i];
        fputs("    SN_CAMEO_ROW(", out);
        put_cstr(out, r->code);
        fprintf(out, ", %d, %d, ", r->goldstein10, r->quad);
        put_cstr(out, r->type);
        fputs(", ", out);
        put_cstr(out, r->mode);
        fputs(", ", out);
        put_cstr(out, r->name);
        fputs("),\n", out);
    }
    fputs("};\n", out);
    finish(out, path);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen-cameo IN.txt OUT\n");
        return 2;
    }
    in_path = argv[1];
    FILE *in = fopen(in_path, "r");
    if (!in) {
        perror(in_path);
        return 1;
    }
    read_table(in);
    fclose(in);
    check_table();
    write_c(argv[2]);
    return 0;
}
