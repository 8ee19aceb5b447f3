/*
 * lib/util/version.c — the library's version string, set by the build.
 */
#include "sentinel/sentinel.h"

#ifndef SN_VERSION
#define SN_VERSION "0.0.0"
#endif

const char *sn_version(void)
{
    return SN_VERSION;
}
