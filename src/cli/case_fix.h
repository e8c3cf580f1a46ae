/* Shared by case_correct.c, case_repeat.c and case_fix_main.c (issue 11).
 * Private to src/cli; the commands themselves are in laifang/cli.h. */
#ifndef LAIFANG_CLI_CASE_FIX_H
#define LAIFANG_CLI_CASE_FIX_H

#include <stdbool.h>
#include <stdio.h>

#include "laifang/cli.h"

/* Skip a global option at argv[*i] (and its value): true when it was one. */
bool cli_case_fix_global(int argc, char **argv, int *i);

#endif
