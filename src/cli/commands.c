/* The table of subcommands, in the order `setwork help` lists them. */
#include "cli/cli.h"

#include <stddef.h>

/* One per line, so that adding a command is adding a line (clang-format would pack them). */
/* clang-format off */
const struct command *const cli_commands[] = {
    &command_import,
    &command_export,
    &command_programmes,
    &command_people,
    &command_rounds,
    &command_network,
    &command_meetings,
    &command_ics,
    &command_demo,
    &command_backup,
    &command_migrate,
    &command_challenges,
    &command_survey,
    &command_report,
    &command_serve,
    &command_users,
    &command_notify,
    &command_config,
    &command_form,
    &command_bench,
    &command_help,
    NULL,
};
/* clang-format on */
