/* Administering people: the first administrator, users and units, each
 * checked against the actor's roles (LF_PERM_ADMINISTER) before the store
 * is called, and each input checked with a translated message naming the
 * field. Core module. */
#ifndef LAIFANG_PEOPLE_H
#define LAIFANG_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"

/* A login: 2-32 characters of a-z, 0-9, '.', '_', '-', starting with a
 * letter. False with a reason otherwise. */
bool lf_login_acceptable(const char *login, char *why, size_t len);

/* The first administrator of a new database: refused (LF_STORE_CONFLICT)
 * once any user exists, so it needs no login. Roles: admin. */
lf_store_err lf_people_init_admin(lf_store *st, const char *login, const char *name, const char *password,
                                  char *msg, size_t len);

/* Add a user. unit is a unit's name or id, or NULL. roles must not be 0.
 * LF_STORE_DENIED, LF_STORE_INVALID (msg names the field), LF_STORE_CONFLICT
 * (the login is taken). */
lf_store_err lf_people_add_user(lf_store *st, const lf_user *actor, const char *login, const char *name,
                                const char *title, const char *unit, unsigned roles, const char *password,
                                char *msg, size_t len);

/* Change name, title, unit (name or id; "" clears), roles (not 0): NULL
 * leaves a field as it is. An administrator cannot take the admin role from
 * or deactivate the last active administrator. */
lf_store_err lf_people_update_user(lf_store *st, const lf_user *actor, const char *login, const char *name,
                                   const char *title, const char *unit, const unsigned *roles, char *msg,
                                   size_t len);

/* Deactivate (never delete) or reactivate. */
lf_store_err lf_people_set_active(lf_store *st, const lf_user *actor, const char *login, bool active,
                                  char *msg, size_t len);

/* A new password: an administrator for anyone (also lifts a lock), or a
 * user for themselves. */
lf_store_err lf_people_set_password(lf_store *st, const lf_user *actor, const char *login,
                                    const char *password, char *msg, size_t len);

/* Lift a lock-out. */
/* A leader's 分管工作, published with their reception days (issue 15);
 * "" clears it. Administrators. */
lf_store_err lf_people_set_portfolio(lf_store *st, const lf_user *actor, const char *login, const char *portfolio,
                                    char *msg, size_t len);
lf_store_err lf_people_unlock(lf_store *st, const lf_user *actor, const char *login, char *msg, size_t len);

/* Add a unit; kind as in lf_unit ("department", "peer", "lower",
 * "discipline"). */
lf_store_err lf_people_add_unit(lf_store *st, const lf_user *actor, const char *name, const char *kind,
                                char *msg, size_t len);

/* The users, for an administrator (LF_PERM_ADMINISTER) or a reader of the
 * audit log (LF_PERM_VIEW_AUDIT), and the units,
 * for any logged-in user (pickers when routing a case): the store's lists
 * behind the permission check. */
lf_store_err lf_people_each_user(lf_store *st, const lf_user *actor, lf_user_fn fn, void *ud, char *msg,
                                 size_t len);
lf_store_err lf_people_each_unit(lf_store *st, const lf_user *actor, lf_unit_fn fn, void *ud, char *msg,
                                 size_t len);

/* One user by login or id (no password hash), for whoever may list users
 * (lf_people_each_user) and for the actor themself; one unit by name or
 * id, for any logged-in user (as lf_people_each_unit). LF_STORE_NOTFOUND
 * with msg when there is none; free out with lf_user_free / lf_unit_free. */
lf_store_err lf_people_get_user(lf_store *st, const lf_user *actor, const char *login_or_id, lf_user *out,
                                char *msg, size_t len);
lf_store_err lf_people_get_unit(lf_store *st, const lf_user *actor, const char *name_or_id, lf_unit *out,
                                char *msg, size_t len);

/* The translated label of a unit kind (本局处室, 同级机关, 下级机关, 纪检监察), or
 * NULL for an unknown kind. */
const char *lf_unit_kind_label(const char *kind);

#endif
