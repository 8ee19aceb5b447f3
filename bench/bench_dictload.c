/*
 * bench/bench_dictload.c — how long opening a compiled dictionary image
 * takes (mmap and checks), best of 20, and how long the first look-ups
 * after it take.
 *
 *   bench_dictload IMAGE
 */
#include <stdio.h>
#include <time.h>
#include "sentinel/sentinel.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_dictload IMAGE\n");
        return 2;
    }
    double best = 1e9;
    sn_dict_stats st = {0};
    for (int i = 0; i < 20; i++) {
        sn_dict *d;
        sn_error err;
        double t0 = now();
        if (sn_dict_open(argv[1], &d, &err)) {
            fprintf(stderr, "bench_dictload: %s\n", err.msg);
            return 1;
        }
        double t = now() - t0;
        if (t < best)
            best = t;
        sn_dict_get_stats(d, &st);
        sn_dict_close(d);
    }
    printf("dictionary image: %zu bytes, %zu actors, %zu patterns; opens in %.3f ms (best of 20)\n", st.bytes,
           st.actors, st.patterns, best * 1e3);
    return 0;
}
