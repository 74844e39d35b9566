/* `setwork meetings demo`: the rounds of each demo set's first meeting. */
#ifndef SETWORK_CLI_MEETINGS_DEMO_H
#define SETWORK_CLI_MEETINGS_DEMO_H

struct cli_ctx;

/* Runs `meetings demo --programme NAME` (ARGV[0] is "demo"). Returns a CLI exit status. */
int meetings_demo_run(struct cli_ctx *ctx, int argc, char **argv);

#endif
