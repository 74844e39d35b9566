/* Roff for the manual pages, from the command table's help texts (see man.h). */
#include "cli/man.h"

#include "cli/cli.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#ifndef SETWORK_VERSION
#define SETWORK_VERSION "dev"
#endif

/* Writes LEN bytes of TEXT escaped for roff: a backslash becomes \e, a hyphen \- (so that
 * options copy and paste as ASCII), and a line must not start with a control character. */
static void put_escaped(FILE *out, const char *text, size_t len, bool line_start)
{
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (line_start && (ch == '.' || ch == '\''))
            fputs("\\&", out);
        line_start = false;
        if (ch == '\\')
            fputs("\\e", out);
        else if (ch == '-')
            fputs("\\-", out);
        else
            fputc(ch, out);
    }
}

static void put_line(FILE *out, const char *line, size_t len)
{
    put_escaped(out, line, len, true);
    fputc('\n', out);
}

static void put_header(FILE *out, const char *title, const char *name, const char *summary)
{
    fprintf(out, ".TH \"%s\" \"1\" \"\" \"setwork %s\" \"setwork manual\"\n", title,
            SETWORK_VERSION);
    fputs(".SH NAME\n", out);
    put_escaped(out, name, strlen(name), true);
    fputs(" \\- ", out);
    put_escaped(out, summary, strlen(summary), false);
    fputc('\n', out);
}

/* The length of the paragraph at P: up to a blank line or the end. */
static size_t paragraph(const char *p)
{
    size_t n = 0;
    while (p[n]) {
        if (p[n] == '\n' && (p[n + 1] == '\n' || p[n + 1] == '\0'))
            return n + 1;
        n++;
    }
    return n;
}

/* Writes the usage lines without their leading "usage: " and indentation. */
static void put_synopsis(FILE *out, const char *p, size_t len)
{
    const char *end = p + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        if (n >= 7 && strncmp(line, "usage: ", 7) == 0) {
            line += 7;
            n -= 7;
        }
        while (n > 0 && *line == ' ') {
            line++;
            n--;
        }
        if (n > 0)
            put_line(out, line, n);
        p += (size_t)(line - p) + n + (nl ? 1 : 0);
    }
}

/* Writes a paragraph of the description: runs of indented lines (an option list, a column
 * list) stay as written, the other lines are filled. */
static void put_body(FILE *out, const char *p, size_t len)
{
    const char *end = p + len;
    bool nofill = false;
    fputs(".PP\n", out);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        bool indented = n > 0 && p[0] == ' ';
        if (indented != nofill)
            fputs(indented ? ".nf\n" : ".fi\n", out);
        nofill = indented;
        if (n > 0)
            put_line(out, p, n);
        p += n + (nl ? 1 : 0);
    }
    if (nofill)
        fputs(".fi\n", out);
}

int cli_man_command(FILE *out, const struct command *cmd)
{
    char title[64], name[64];
    snprintf(name, sizeof name, "setwork-%s", cmd->name);
    snprintf(title, sizeof title, "SETWORK-%s", cmd->name);
    for (char *t = title; *t; t++)
        *t = (char)toupper((unsigned char)*t);
    put_header(out, title, name, cmd->summary);
    const char *p = cmd->help;
    bool first = true;
    while (*p) {
        while (*p == '\n')
            p++;
        if (!*p)
            break;
        size_t len = paragraph(p);
        if (first) {
            fputs(".SH SYNOPSIS\n.nf\n", out);
            put_synopsis(out, p, len);
            fputs(".fi\n.SH DESCRIPTION\n", out);
        } else {
            put_body(out, p, len);
        }
        first = false;
        p += len;
    }
    fputs(".SH SEE ALSO\n.BR setwork (1)\n", out);
    return ferror(out) ? -1 : 0;
}

int cli_man_program(FILE *out)
{
    put_header(out, "SETWORK", "setwork",
               "form action learning sets and mixers, run their meetings, measure networks");
    fputs(".SH SYNOPSIS\n.B setwork\n[\\-\\-db PATH] [\\-\\-config FILE] COMMAND [ARGS]\n"
          ".SH DESCRIPTION\n"
          "setwork forms action learning sets and mixers that connect people across silos,\n"
          "runs their meetings and measures how networks grow. It is one program over one\n"
          "SQLite file, with a command line and a web application (\\fBsetwork serve\\fR).\n"
          ".SH COMMANDS\n",
          out);
    for (const struct command *const *c = cli_commands; *c; c++) {
        fprintf(out, ".TP\n.BR setwork\\-%s (1)\n", (*c)->name);
        put_line(out, (*c)->summary, strlen((*c)->summary));
    }
    fputs(".SH OPTIONS\n"
          "Every command takes these before or after its name.\n"
          ".TP\n.BI \\-\\-db \" PATH\"\n"
          "The database file (default ./setwork.db, or the db setting).\n"
          ".TP\n.BI \\-\\-config \" FILE\"\n"
          "The config file; without it, ./setwork.conf, else /etc/setwork/setwork.conf.\n"
          ".TP\n.B \\-\\-help\n"
          "The command's help, the same text as its manual page.\n"
          ".SH FILES\n"
          ".TP\n.I /etc/setwork/setwork.conf\n"
          "Settings as \\fIname = value\\fR lines; \\fBsetwork config show\\fR prints what is in "
          "effect.\n"
          ".TP\n.I /var/lib/setwork/setwork.db\n"
          "The database of the packaged service.\n"
          ".SH EXIT STATUS\n"
          "0 on success, 1 on bad input (every problem listed by file, line and field), 2 on\n"
          "wrong usage.\n"
          ".SH SEE ALSO\n",
          out);
    for (const struct command *const *c = cli_commands; *c; c++)
        fprintf(out, ".BR setwork\\-%s (1)%s\n", (*c)->name, c[1] ? "," : "");
    return ferror(out) ? -1 : 0;
}
