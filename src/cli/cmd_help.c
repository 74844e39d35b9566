/* `setwork help [CMD]`: the list of subcommands, or one subcommand's full text. */
#include "cli/cli.h"

#include "cli/man.h"

#include <stdio.h>
#include <string.h>

/* `help --man [CMD]` (a manual page) and `help --commands` (the names, one a line, for the
 * shell completion): the package is built from these, so pages and completion follow the
 * table. */
static int run_machine(int argc, char **argv)
{
    if (strcmp(argv[1], "--commands") == 0 && argc == 2) {
        for (const struct command *const *c = cli_commands; *c; c++)
            puts((*c)->name);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--man") != 0 || argc > 3)
        return cli_usage_error(&command_help, "takes COMMAND, --man [COMMAND] or --commands");
    if (argc == 2)
        return cli_man_program(stdout) == 0 ? CLI_OK : CLI_USER;
    const struct command *cmd = cli_find(argv[2]);
    if (!cmd) {
        fprintf(stderr, "setwork help: '%s' is not a setwork command. See 'setwork help'.\n",
                argv[2]);
        return CLI_USAGE;
    }
    return cli_man_command(stdout, cmd) == 0 ? CLI_OK : CLI_USER;
}

static int run_help(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 2 && argv[1][0] == '-')
        return run_machine(argc, argv);
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
    .help = "usage: setwork help [COMMAND]\n"
            "       setwork help --man [COMMAND]\n"
            "       setwork help --commands\n\n"
            "Without COMMAND, lists every command. With it, shows that command's options.\n"
            "--man prints the same text as a manual page in roff (setwork(1) without COMMAND);\n"
            "--commands prints the command names, one a line, for shell completion.\n",
    .run = run_help,
};
