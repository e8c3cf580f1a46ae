/* Shared by the exchange's files in office/ (exchange.c, exchange_send.c,
 * exchange_import.c, exchange_files.c). */
#ifndef LAIFANG_OFFICE_EXCHANGE_INTERNAL_H
#define LAIFANG_OFFICE_EXCHANGE_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "laifang/exchange.h"
#include "laifang/store_exchange.h"

/* The largest package read, and the largest document carried. */
#define XCH_PACKAGE_MAX (64ll * 1024 * 1024)

/* Append the file at path to the array docs ({name, type, size, sha256,
 * data: base64}); refused (message naming the path) when it is not an
 * ordinary readable file or exceeds the office's attachment_max_bytes. */
lf_store_err xch_doc_file(lf_store *st, json_t *docs, const char *path, char *msg, size_t len);
/* Append a file stored in the attachment folder under its SHA-256. */
lf_store_err xch_doc_stored(lf_store *st, json_t *docs, const lf_exchange_doc *d, char *msg, size_t len);
/* Decode the documents of a package, check each digest, store the files
 * in the attachment folder; *out (malloc'd, strings pointing into docs)
 * and *n for lf_exchange_rec. */
lf_store_err xch_docs_store(lf_store *st, json_t *docs, lf_exchange_doc **out, size_t *n, char *msg, size_t len);

/* A new package id (uuid v4 text). */
void xch_uuid(char out[37]);
/* Hex SHA-256 of text. */
void xch_sha256(const char *text, char out[65]);
/* The office's name (setting office_name). */
void xch_office_name(lf_store *st, char *buf, size_t len);

#endif
