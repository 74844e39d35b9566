/* Manual pages in roff, written from the same help texts as `setwork help`, so that the two
 * never disagree. `setwork help --man [COMMAND]` prints them; the package build calls it. */
#ifndef SETWORK_CLI_MAN_H
#define SETWORK_CLI_MAN_H

#include <stdio.h>

struct command;

/* Writes setwork(1) to OUT: the synopsis, every command with its summary, the global options
 * and the exit statuses. Returns 0, or -1 when OUT failed. */
int cli_man_program(FILE *out);

/* Writes setwork-NAME(1) for CMD to OUT from CMD->summary and CMD->help: the usage lines
 * become the synopsis, indented paragraphs stay as written, the others are filled. Returns 0,
 * or -1 when OUT failed. */
int cli_man_command(FILE *out, const struct command *cmd);

#endif
