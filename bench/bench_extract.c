/*
 * bench/bench_extract.c — HTML extraction throughput against libxml2's own
 * parse of the same pages (issue #6's target: extraction at least 0.5x the
 * raw parse). Reads every tests/fixtures/html/NN-*.html page (or the
 * directory given), then, on one core, for about --seconds each (default 3):
 *   raw      htmlReadMemory + xmlFreeDoc with extraction's options
 *   extract  sn_extract_html (parse, metadata, cleaning, scoring, text)
 * and prints MB/s and pages/s of each, their ratio, and peak RSS. With
 * --rounds N each mode runs exactly N rounds over the pages instead (for
 * instruction counts under callgrind, which are stable where wall-clock
 * time on a shared machine is not).
 * With --heavy every page is first padded, before </body>, with the
 * furniture of a real news site's page (a 150-link menu, 40 KB of inline
 * script and JSON, a 30-story related list, a 60-comment thread): about
 * 110 KB per page, the size the fixtures leave out.
 *   bench_extract [DIR] [--seconds S] [--rounds N] [--heavy]
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <libxml/HTMLparser.h>
#include "sentinel/sentinel.h"

typedef struct page {
    char *p;
    size_t n;
} page;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t load(const char *dir, page *pages, size_t cap)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < cap) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".html"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        pages[n].p = malloc((size_t)len + 1);
        pages[n].n = fread(pages[n].p, 1, (size_t)len, f);
        fclose(f);
        n++;
    }
    closedir(d);
    return n;
}

/* Pad a page with site furniture before </body> (see --heavy). */
static void make_heavy(page *pg)
{
    size_t cap = pg->n + 200000, n = 0;
    char *out = malloc(cap);
    char *body = strstr(pg->p, "</body>");
    size_t head = body ? (size_t)(body - pg->p) : pg->n;
    memcpy(out, pg->p, head);
    n = head;
#define PUT(...) (n += (size_t)snprintf(out + n, cap - n, __VA_ARGS__))
    PUT("<nav class=\"mega-menu\"><ul>");
    for (int i = 0; i < 150; i++)
        PUT("<li class=\"menu-item\"><a href=\"/section/%d/\">Section number %d</a></li>", i, i);
    PUT("</ul></nav><script>window.__STATE__ = {");
    for (int i = 0; i < 1200; i++)
        PUT("\"k%d\":{\"id\":%d,\"v\":\"value-%d\"},", i, i, i);
    PUT("};</script><div class=\"related-stories\"><h2>More stories</h2>");
    for (int i = 0; i < 30; i++)
        PUT("<article class=\"card\"><a href=\"/s/%d\"><h3>Another headline about the region, number %d</h3></a>"
            "<p>A short teaser for the story, with a line or two of text.</p></article>", i, i);
    PUT("</div><section id=\"comments\">");
    for (int i = 0; i < 60; i++)
        PUT("<div class=\"comment\"><span class=\"author\">reader%d</span><p>I have been following this for years, "
            "and the coverage here is better than most, although I disagree with the last paragraph entirely.</p></div>", i);
    PUT("</section>");
#undef PUT
    memcpy(out + n, pg->p + head, pg->n - head);
    n += pg->n - head;
    free(pg->p);
    pg->p = out;
    pg->n = n;
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int main(int argc, char **argv)
{
    const char *dir = "tests/fixtures/html";
    double seconds = 3;
    long rounds = 0;
    int heavy = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--heavy")) {
            heavy = 1;
            continue;
        }
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
            rounds = atol(argv[++i]);
        else
            dir = argv[i];
    }
    static page pages[1024];
    size_t n = load(dir, pages, 1024), bytes = 0;
    if (!n) {
        fprintf(stderr, "bench_extract: no .html pages in %s\n", dir);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (heavy)
            make_heavy(&pages[i]);
        bytes += pages[i].n;
    }
    xmlSetGenericErrorFunc(NULL, quiet);
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT;
    double rates[2][2];
    for (int mode = 0; mode < 2; mode++) {
        unsigned long done = 0, articles = 0;
        uint64_t b = 0;
        double t0 = now(), t;
        long r = 0;
        do {
            for (size_t i = 0; i < n; i++) {
                if (mode == 0) {
                    htmlDocPtr doc = htmlReadMemory(pages[i].p, (int)pages[i].n, NULL, "UTF-8", opts);
                    xmlFreeDoc(doc);
                } else {
                    sn_extracted *x;
                    sn_error err;
                    if (!sn_extract_html(pages[i].p, pages[i].n, NULL, NULL, &x, &err)) {
                        articles += x->text != NULL;
                        sn_extracted_free(x);
                    }
                }
                b += pages[i].n;
                done++;
            }
            t = now() - t0;
            r++;
        } while (rounds ? r < rounds : t < seconds);
        rates[mode][0] = (double)b / t / 1e6;
        rates[mode][1] = (double)done / t;
        printf("%-8s %8.1f MB/s %10.0f pages/s  (%lu pages%s)\n", mode ? "extract" : "raw", rates[mode][0],
               rates[mode][1], done, mode ? ", with articles counted below" : "");
        if (mode)
            printf("         %lu of %lu pages gave an article\n", articles, done);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("ratio    extract / raw parse = %.2f (target >= 0.50)\n", rates[1][0] / rates[0][0]);
    printf("pages    %zu pages, %zu bytes, mean %.1f KB\n", n, bytes, (double)bytes / (double)n / 1024);
    printf("peak RSS %.1f MB\n", (double)ru.ru_maxrss / 1024);
    return 0;
}
