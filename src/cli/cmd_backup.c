/* `setwork backup FILE`: a consistent copy of the database, safe while the web app runs. */
#include "cli/cli.h"

#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>

static int run_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error(&command_backup, "give the file to write the backup to");
    struct db *db = cli_open_db(&command_backup, ctx);
    if (!db)
        return CLI_USER;
    char *err = NULL;
    int status = CLI_OK;
    if (db_backup(db, argv[1], &err) != 0)
        status = cli_user_error(&command_backup, "%s", err);
    else
        printf("Backed up %s to %s.\n", ctx->db_path, argv[1]);
    free(err);
    db_close(db);
    return status;
}

const struct command command_backup = {
    .name = "backup",
    .summary = "Copy the database safely, even while it is in use",
    .help = "usage: setwork backup FILE\n\n"
            "Writes a consistent copy of the database to FILE using SQLite's online backup, so\n"
            "it is safe while 'setwork serve' runs. FILE is replaced only once the copy is\n"
            "complete. To restore, stop setwork and use FILE as --db.\n",
    .run = run_backup,
};
