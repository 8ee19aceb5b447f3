/*
 * src/cmd_version.c — `sentinel version`: prints the library version.
 */
#include <string.h>
#include "cli.h"

void cmd_version_usage(FILE *f)
{
    fprintf(f, "usage: sentinel version\n\nPrints the version of Sentinel.\n");
}

int cmd_version(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        cmd_version_usage(stdout);
        return EXIT_OK;
    }
    printf("sentinel %s\n", sn_version());
    return EXIT_OK;
}
