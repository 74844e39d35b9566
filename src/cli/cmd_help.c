/* `setwork help [CMD]`: the list of subcommands, or one subcommand's full text. */
#include "cli/cli.h"

#include <stdio.h>

static int run_help(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 2) {
        const struct command *cmd = cli_find(argv[1]);
        if (!cmd) {
            fprintf(stderr, "setwork help: '%s' is not a setwork command. See 'setwork help'.\n",
                    argv[1]);
            return CLI_USAGE;
        }
        fputs(cmd->help, stdout);
        return CLI_OK;
    }
    FILE *out = stdout;
    fputs("usage: setwork [--db PATH] COMMAND [ARGS]\n\n"
          "setwork forms action learning sets and mixers that connect people across silos,\n"
          "runs their meetings and measures how networks grow.\n\n"
          "Commands:\n",
          out);
    for (const struct command *const *c = cli_commands; *c; c++)
        fprintf(out, "  %-12s %s\n", (*c)->name, (*c)->summary);
    fputs("\nEvery command takes --db PATH (default ./setwork.db), --config FILE and --help;\n"
          "'setwork help config' says where settings come from.\n"
          "Exit status: 0 success, 1 bad input, 2 wrong usage.\n"
          "See 'setwork help COMMAND' for one command.\n",
          out);
    (void)ctx;
    return CLI_OK;
}

const struct command command_help = {
    .name = "help",
    .summary = "Show the commands, or one command's help",
    .help = "usage: setwork help [COMMAND]\n\n"
            "Without COMMAND, lists every command. With it, shows that command's options.\n",
    .run = run_help,
};
