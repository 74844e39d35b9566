/* The parts of `setwork network` that are more than option parsing: the report (text, JSON,
 * pictures) and the export. Shared by cmd_network.c only. */
#ifndef SETWORK_CLI_NETWORK_CLI_H
#define SETWORK_CLI_NETWORK_CLI_H

#include "cli/cli.h"

#include <stdbool.h>

struct network_report_options {
    const char *programme;
    const char *wave;     /* NULL: the latest */
    const char *compare;  /* "W1,W2" or NULL */
    const char *relation; /* NULL: every relation */
    const char *svg;      /* file for the network picture, or NULL */
    const char *chart;    /* file for the change chart (needs compare), or NULL */
    const char *ego;      /* email: draw this person's ego network into svg instead */
    const char *colour;   /* "department" (default) or "organisation" */
    bool json;
    bool anonymise;
};

/* Runs `setwork network report`; returns a CLI status. */
int network_report_run(struct cli_ctx *ctx, const struct command *cmd,
                       const struct network_report_options *opt);

struct network_export_options {
    const char *programme;
    const char *wave;
    const char *relation;
    const char *format; /* "graphml" or "csv" */
    const char *output; /* file (graphml; default stdout) or prefix (csv: PREFIX-nodes.csv...) */
    bool anonymise;
};

/* Runs `setwork network export`; returns a CLI status. */
int network_export_run(struct cli_ctx *ctx, const struct command *cmd,
                       const struct network_export_options *opt);

#endif
