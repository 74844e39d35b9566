/* `setwork config show`: every setting in effect, its value and where it came from. */
#include "cli/cli.h"

#include "app/settings/settings.h"
#include "core/strbuf.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns {"config_file": PATH or null, "settings": {NAME: {value, source, origin, secret}}}
 * (caller owns it), or NULL when out of memory. */
static json_t *settings_json(const struct settings *s)
{
    json_t *all = json_object();
    json_t *root = json_pack("{s:s?, s:o}", "config_file", s->config_file, "settings", all);
    if (!root)
        return NULL;
    for (int i = 0; i < SETTING_COUNT; i++) {
        const struct setting_value *v = &s->values[i];
        struct strbuf origin = {0};
        if (v->origin)
            sb_printf(&origin, v->line > 0 ? "%s:%ld" : "%s", v->origin, v->line);
        json_t *one = json_pack("{s:s, s:s, s:s?, s:b}", "value", settings_shown(s, i), "source",
                                settings_source_name(v->source), "origin", origin.data, "secret",
                                settings_def(i)->secret);
        sb_free(&origin);
        if (!one || json_object_set_new(all, settings_def(i)->name, one) != 0) {
            json_decref(root);
            return NULL;
        }
    }
    return root;
}

static int show_text(const struct settings *s)
{
    if (s->config_file)
        printf("Config file: %s\n\n", s->config_file);
    else
        puts("Config file: none (none named with --config; no " SETTINGS_LOCAL_CONFIG
             " or " SETTINGS_SYSTEM_CONFIG ")\n");
    printf("%-20s %-30s %s\n", "SETTING", "VALUE", "FROM");
    struct strbuf from = {0};
    for (int i = 0; i < SETTING_COUNT; i++) {
        const char *value = settings_shown(s, i);
        sb_reset(&from);
        if (settings_describe_source(s, i, &from) != 0)
            break;
        printf("%-20s %-30s %s\n", settings_def(i)->name, *value ? value : "(not set)", from.data);
    }
    bool failed = from.failed;
    sb_free(&from);
    return failed ? cli_user_error(&command_config, "out of memory") : CLI_OK;
}

static int run_config(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option options[] = {
        {"json", no_argument, NULL, 'j'},
        {"example", no_argument, NULL, 'e'},
        {0, 0, 0, 0},
    };
    bool json = false, example = false;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (c == 'j')
            json = true;
        else if (c == 'e')
            example = true;
        else
            return cli_usage_error(&command_config, "unknown option");
    }
    if (optind + 1 != argc || strcmp(argv[optind], "show") != 0)
        return cli_usage_error(&command_config, "the only subcommand is 'show'");
    if (json && example)
        return cli_usage_error(&command_config, "--json and --example do not go together");
    if (example) {
        struct strbuf out = {0};
        if (settings_write_example(&out) != 0) {
            sb_free(&out);
            return cli_user_error(&command_config, "out of memory");
        }
        fputs(out.data, stdout);
        sb_free(&out);
        return CLI_OK;
    }
    if (json) {
        json_t *root = settings_json(ctx->settings);
        if (!root)
            return cli_user_error(&command_config, "out of memory");
        cli_print_json(root);
        return CLI_OK;
    }
    return show_text(ctx->settings);
}

const struct command command_config = {
    .name = "config",
    .summary = "Show the settings in effect and where each comes from",
    .help = "usage: setwork config show [--json | --example]\n\n"
            "Prints every setting, its value and where the value came from: 'default',\n"
            "'file PATH:LINE', 'env SETWORK_NAME' or 'flag --db'. Secrets show as ********\n"
            "when set. --json prints the same as JSON; --example prints a config file that\n"
            "lists every setting at its default with what it is for (a copy is in\n"
            "docs/setwork.conf.example).\n\n"
            "Where settings come from, each overriding the one before:\n"
            "  1. the built-in defaults;\n"
            "  2. the config file named by --config FILE (any command takes it), else\n"
            "     " SETTINGS_LOCAL_CONFIG " if it exists, else " SETTINGS_SYSTEM_CONFIG
            " if it exists;\n"
            "  3. environment variables SETWORK_<NAME>, such as SETWORK_DB or SETWORK_LISTEN;\n"
            "  4. command-line flags: --db PATH on any command, --listen, --session-idle and\n"
            "     --session-max on 'setwork serve'.\n\n"
            "A config file holds 'name = value' lines; a value may be in double quotes, with\n"
            "\\\" and \\\\ inside them. Lines that start with # are comments. An unknown\n"
            "name or a bad value stops every command (except help) with the file and line\n"
            "to fix.\n",
    .run = run_config,
};
