/* Where laifang keeps its files, after the XDG base directory rules. */
#ifndef LAIFANG_PATHS_H
#define LAIFANG_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* The database to open: the argument if given, else $LAIFANG_DB, else
 * $XDG_DATA_HOME/laifang/laifang.db, else ~/.local/share/laifang/laifang.db.
 * malloc'd; NULL only when none can be formed (no HOME). */
char *lf_path_database(const char *arg);
/* Whether a database named by --db, LAIFANG_DB or the default is on a
 * server (postgresql://..., postgres://..., postgresql:...) rather than a
 * SQLite file. */
bool lf_path_is_server_db(const char *db);
/* db as a message may show it: a password in a connection string (URI
 * user:password@, password=...) replaced by ***. */
void lf_path_redact(const char *db, char *out, size_t len);

/* $XDG_STATE_HOME/laifang (else ~/.local/state/laifang); $LAIFANG_STATE_DIR
 * overrides. malloc'd; NULL when none can be formed (no HOME). */
char *lf_path_state_dir(void);

/* $XDG_CONFIG_HOME/laifang (else ~/.config/laifang); $LAIFANG_CONFIG_DIR
 * overrides. Where each database's office key lives. malloc'd or NULL. */
char *lf_path_config_dir(void);

/* mkdir -p with the given mode for each directory created. 0 or -1 (errno). */
int lf_path_mkdirs(const char *dir, unsigned mode);

/* The login name of the person at the terminal (getpwuid, else $USER), static. */
const char *lf_os_user(void);

#endif
