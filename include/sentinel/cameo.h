/*
 * sentinel/cameo.h — the CAMEO event-code table: for each code its Goldstein
 * weight, quad class, PLOVER type and mode, and a short English label.
 *
 * The table is built into the library from data/events/cameo.txt (see that
 * file's header for the format and where its facts come from). It covers the
 * 20 roots ("01".."20") and every 3- and 4-digit code below them; codes are
 * strings with their leading zeros ("057", "0211").
 *
 * Ownership: every pointer returned here (rows and their strings) points to
 * static, read-only storage that lives as long as the program; never free or
 * modify it. The functions keep no state and are safe from any thread.
 */
#ifndef SENTINEL_CAMEO_H
#define SENTINEL_CAMEO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sn_cameo {
    const char *code;         /* "0211": 2-4 digits, leading zeros kept */
    const char *name;         /* short English label */
    const char *plover_type;  /* "AGREE", ...; "" when none (roots 01, 02) */
    const char *plover_mode;  /* "visit", ...; "" when none */
    double goldstein;         /* -10.0 .. 10.0 */
    int quad_class;           /* 1 verbal coop., 2 material coop., 3 verbal
                                 conflict, 4 material conflict */
} sn_cameo;

/* The row for code (exact match, e.g. "057"), or NULL when code is NULL or
 * not a CAMEO code. */
const sn_cameo *sn_cameo_find(const char *code);

/* Number of rows, and row i in code order (strcmp); NULL when i is out of
 * range. */
size_t sn_cameo_count(void);
const sn_cameo *sn_cameo_at(size_t i);

/* The helpers below only look at the shape of code, not at the table; they
 * write "" to out when code is NULL or not 2-4 ASCII digits. */

/* Root of code, its first two digits: "0211" -> "02", "057" -> "05". */
void sn_cameo_root(const char *code, char out[3]);

/* Base of code: its first three digits ("0211" -> "021"), or code itself
 * when it has 2 or 3 digits ("057" -> "057", "05" -> "05"). */
void sn_cameo_base(const char *code, char out[4]);

#ifdef __cplusplus
}
#endif

#endif
