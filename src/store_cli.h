/*
 * src/store_cli.h — what the store commands share (src/cmd_store.c,
 * src/store_ingest.c and the --db hook of src/cmd_ingest.c): where the
 * default store is, opening it with a clear message, and the ingest sink
 * that codes, geolocates and stores each article record `ingest` makes.
 */
#ifndef SN_STORE_CLI_H
#define SN_STORE_CLI_H

#include <stddef.h>
#include "sentinel/sentinel.h"

/* --db, else $SENTINEL_HOME/sentinel.db, else ./sentinel.db. */
const char *store_cli_path(const char *db, char *buf, size_t cap);
/* The store at path; NULL with the error printed. A store that does not
 * exist is an error, unless create (ingest makes it). */
sn_store *store_cli_open(const char *db);
sn_store *store_cli_open_mode(const char *db, int create);
/* The version string of the dictionary in use: "builtin:VERSION" or "file:PATH:SIZE:MTIME". */
void store_cli_dict_version(const char *dict_path, char *out, size_t cap);

typedef struct store_sink store_sink;
/* A sink storing into db (echo: also write each record to stdout);
 * NULL with the error printed. */
store_sink *store_sink_new(const char *db, int echo);
/* One JSON Lines article record from the ingestor; 0, or -1 when the
 * store failed (the error is printed; the run should stop). */
int store_sink_write(store_sink *k, const char *p, size_t n);
/* Commit what is left and print the summary; returns 0 or -1. */
int store_sink_free(store_sink *k);

#endif
