/* Storage of the exchange between offices (issue 14, db/026): the office's
 * signing key pair, the offices it trusts (and where the ones on the same
 * server keep their database), and the packages sent and received with
 * their documents. Part of the store module; office/exchange*.c checks the
 * rules and the signatures, then calls these. Every write is one
 * transaction (or joins lf_store_begin's) with its audit entry. */
#ifndef LAIFANG_STORE_EXCHANGE_H
#define LAIFANG_STORE_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* The office's Ed25519 key pair, derived from its office key (the key that
 * seals the audit log, kept outside the database): the same for as long as
 * the office keeps its key, and never stored. */
lf_store_err lf_store_exchange_keypair(lf_store *st, unsigned char pk[32], unsigned char sk[64]);

/* Trust an office: its name and public key (64 hex digits), replacing the
 * key of one trusted already (its database stays). Audited exchange.trust. */
lf_store_err lf_store_exchange_trust(lf_store *st, const char *name, const char *public_key);
/* Where a trusted office keeps its database on the same server ("" or
 * NULL: by file only). LF_STORE_NOTFOUND when the office is not trusted.
 * Audited exchange.peer. */
lf_store_err lf_store_exchange_peer_db(lf_store *st, const char *name, const char *db);

/* The trusted offices by name (name NULL: all; else that one only, and
 * LF_STORE_NOTFOUND when it is not trusted). Strings valid during the call;
 * db NULL when none. */
typedef int (*lf_exchange_peer_fn)(const char *name, const char *public_key, const char *db,
                                   const char *added_at, void *ud);
lf_store_err lf_store_exchange_peers(lf_store *st, const char *name, lf_exchange_peer_fn fn, void *ud);

/* A document of a package, its file already in the attachment folder. */
typedef struct lf_exchange_doc {
	const char *name, *sha256, *type;
	long long size;
} lf_exchange_doc;

/* One package, sent (direction "out") or received ("in"). */
typedef struct lf_exchange_rec {
	const char *id;        /* the package's id (the sender's uuid) */
	const char *direction; /* "out" or "in" */
	const char *kind;      /* transfer, assign, accepted, returned, result */
	const char *case_id;   /* this office's case (id or number) */
	const char *peer, *peer_key, *peer_case_id, *peer_case_no;
	const char *sha256;    /* of the signed body */
	const lf_exchange_doc *docs;
	size_t n_docs;
	/* Issue 13: a 复查 case received from a lower office (kind "review",
	 * recorded by hand: review_origin.h) keeps the original written answer
	 * among its facts (case_intake from_answer); NULL: none. */
	const char *origin_answer;
} lf_exchange_rec;

/* Record a package. An incoming transfer, assignment or review (复查 from
 * a lower office) also writes its origin into the case's facts
 * (case_intake: from_office, from_case_no, and from_answer for a review).
 * LF_STORE_CONFLICT when a package of that id is recorded already. Audited
 * exchange.out / exchange.in. */
lf_store_err lf_store_exchange_record(lf_store *st, const lf_exchange_rec *r);

/* The packages of a case (case_key NULL: every case's), or the one of an
 * id (id NULL: any), oldest first. Strings valid during the call. */
typedef struct lf_exchange_row {
	const char *id, *direction, *kind, *case_id, *case_no, *peer, *peer_key, *peer_case_id, *peer_case_no, *at,
		*sha256;
} lf_exchange_row;
typedef int (*lf_exchange_row_fn)(const lf_exchange_row *r, void *ud);
lf_store_err lf_store_exchange_packages(lf_store *st, const char *case_key, const char *id, lf_exchange_row_fn fn,
                                        void *ud);

/* The stored files of a case: the documents packages brought and the
 * agencies' scanned replies, by name. */
typedef int (*lf_exchange_doc_fn)(const lf_exchange_doc *d, void *ud);
lf_store_err lf_store_exchange_case_files(lf_store *st, const char *case_key, lf_exchange_doc_fn fn, void *ud);

#endif
