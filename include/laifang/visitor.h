/* The returning-visitor lookup (重复访): an ID number typed on the sheet
 * fills in what laifang knows of the person. Core module: the permission
 * (LF_PERM_LOOKUP_VISITOR) and the audit entry are here, so no face reads a
 * person's details from the store directly. */
#ifndef LAIFANG_VISITOR_H
#define LAIFANG_VISITOR_H

#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"

/* LF_STORE_OK with info filled (free with lf_visitor_info_free) when the
 * person is known; the lookup is then recorded in the audit log (action
 * "visitor.lookup": the masked ID number and the last case), and a lookup
 * that cannot be recorded shows nothing. The phone comes masked unless the
 * actor holds LF_PERM_VIEW_FULL_ID. LF_STORE_NOTFOUND when unknown (nothing
 * shown, nothing recorded); LF_STORE_DENIED with a translated sentence in
 * msg without the permission. */
lf_store_err lf_visitor_lookup(lf_store *st, const lf_user *actor, const char *id_number, lf_visitor_info *info,
                               char *msg, size_t len);

/* The same for a document of any type (doc_type NULL: 居民身份证; a
 * 15-digit ID number finds its 18-digit form's person). 无证件 is never
 * found: LF_STORE_NOTFOUND. */
lf_store_err lf_visitor_lookup_doc(lf_store *st, const lf_user *actor, const char *doc_type, const char *number,
                                   lf_visitor_info *info, char *msg, size_t len);

#endif
