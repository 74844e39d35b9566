/* Readers for the rounds steering files (see rounds_files.h): a tiny line-and-comma format, so
 * that people can write them by hand; every problem is reported with its line. */
#include "io/import/rounds_files.h"

#include "core/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct line_fields {
    char *f[ROUNDS_FILE_MAX_FIELDS];
    int n;
};

static char *slurp(const char *path, struct diag_list *diags, int *rc)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        *rc = diag_add(diags, path, 0, NULL, "cannot open the file: %s", strerror(errno)) ? -1 : 1;
        return NULL;
    }
    struct strbuf sb = {0};
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (sb.len + got > ROUNDS_FILE_MAX_BYTES) {
            fclose(fp);
            sb_free(&sb);
            *rc = diag_add(diags, path, 0, NULL, "the file is larger than %d bytes",
                           ROUNDS_FILE_MAX_BYTES)
                      ? -1
                      : 1;
            return NULL;
        }
        sb_append_len(&sb, buf, got);
    }
    fclose(fp);
    char *data = sb_take(&sb);
    *rc = data ? 0 : -1;
    return data;
}

/* Splits LINE in place at commas, trimming spaces and one pair of surrounding quotes. */
static int split(char *line, struct line_fields *lf)
{
    lf->n = 0;
    char *s = line;
    for (;;) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        if (lf->n == ROUNDS_FILE_MAX_FIELDS)
            return -1;
        char *t = str_trim(s);
        size_t len = strlen(t);
        if (len >= 2 && t[0] == '"' && t[len - 1] == '"') {
            t[len - 1] = '\0';
            t = str_trim(t + 1);
        }
        lf->f[lf->n++] = t;
        if (!comma)
            return 0;
        s = comma + 1;
    }
}

/* Index of the person named TOKEN, or -1 after reporting it. */
static int resolve(const struct rounds_names *names, const char *token, const char *path, long line,
                   struct diag_list *diags)
{
    if (names->cohort) {
        long i = cohort_find_email(names->cohort, token);
        if (i < 0)
            diag_add(diags, path, line, NULL, "'%s' is not one of the people", token);
        return (int)i;
    }
    char *end;
    errno = 0;
    long v = strtol(token, &end, 10);
    if (!token[0] || *end || errno || v < 0 || v >= names->people) {
        diag_add(diags, path, line, NULL, "'%s' is not a person number from 0 to %d", token,
                 names->people - 1);
        return -1;
    }
    return (int)v;
}

static int parse_number(const char *token, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(token, &end, 10);
    if (!token[0] || *end || errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

typedef int (*line_fn)(void *ctx, const struct line_fields *lf, const char *path, long line,
                       struct diag_list *diags);

/* Calls FN for every record line of PATH. Returns 0, 1 (problems in DIAGS) or -1. */
static int each_line(const char *path, line_fn fn, void *ctx, struct diag_list *diags)
{
    int rc;
    char *data = slurp(path, diags, &rc);
    if (!data)
        return rc;
    size_t before = diags->count + diags->dropped;
    long line = 0;
    int seen = 0;
    rc = 0;
    for (char *s = data; s && *s;) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        line++;
        size_t len = strlen(s);
        if (len > 0 && s[len - 1] == '\r')
            s[len - 1] = '\0';
        char *t = str_trim(s);
        if (t[0] && t[0] != '#') {
            struct line_fields lf;
            if (split(t, &lf) != 0)
                diag_add(diags, path, line, NULL, "more than %d fields on one line",
                         ROUNDS_FILE_MAX_FIELDS);
            else if (!(seen == 0 && str_ieq(lf.f[0], "email")) &&
                     fn(ctx, &lf, path, line, diags) < 0) {
                rc = -1;
                break;
            }
            seen++;
        }
        s = nl ? nl + 1 : NULL;
    }
    free(data);
    if (rc == 0 && diags->count + diags->dropped > before)
        rc = 1;
    return rc;
}

struct pair_ctx {
    const struct rounds_names *names;
    int *pairs;
    size_t count, cap;
    int groups; /* 1: any number >= 2 of people per line */
};

static int push_pair(struct pair_ctx *pc, int a, int b)
{
    if (pc->count == pc->cap) {
        size_t cap = pc->cap ? 2 * pc->cap : 64;
        int *p = realloc(pc->pairs, cap * 2 * sizeof *p);
        if (!p)
            return -1;
        pc->pairs = p;
        pc->cap = cap;
    }
    pc->pairs[2 * pc->count] = a;
    pc->pairs[2 * pc->count + 1] = b;
    pc->count++;
    return 0;
}

static int pair_line(void *ctx, const struct line_fields *lf, const char *path, long line,
                     struct diag_list *diags)
{
    struct pair_ctx *pc = ctx;
    if (pc->groups ? lf->n < 2 : lf->n != 2) {
        diag_add(diags, path, line, NULL,
                 pc->groups ? "a group needs at least two people, separated by commas"
                            : "give exactly two people, separated by a comma");
        return 0;
    }
    int who[ROUNDS_FILE_MAX_FIELDS];
    for (int k = 0; k < lf->n; k++) {
        who[k] = resolve(pc->names, lf->f[k], path, line, diags);
        if (who[k] < 0)
            return 0;
        for (int j = 0; j < k; j++)
            if (who[j] == who[k]) {
                diag_add(diags, path, line, NULL, "'%s' appears twice on the line", lf->f[k]);
                return 0;
            }
    }
    for (int k = 0; k < lf->n; k++)
        for (int j = k + 1; j < lf->n; j++)
            if (push_pair(pc, who[k], who[j]) != 0)
                return -1;
    return 0;
}

static int read_pairs(const char *path, const struct rounds_names *names, int groups, int **pairs,
                      size_t *count, struct diag_list *diags)
{
    struct pair_ctx pc = {.names = names, .groups = groups};
    int rc = each_line(path, pair_line, &pc, diags);
    if (rc != 0) {
        free(pc.pairs);
        return rc;
    }
    *pairs = pc.pairs;
    *count = pc.count;
    return 0;
}

int rounds_read_pairs(const char *path, const struct rounds_names *names, int **pairs,
                      size_t *count, struct diag_list *diags)
{
    return read_pairs(path, names, 0, pairs, count, diags);
}

int rounds_read_history(const char *path, const struct rounds_names *names, int **pairs,
                        size_t *count, struct diag_list *diags)
{
    return read_pairs(path, names, 1, pairs, count, diags);
}

struct absent_ctx {
    const struct rounds_names *names;
    int rounds, people;
    unsigned char *absent;
};

static int absent_line(void *ctx, const struct line_fields *lf, const char *path, long line,
                       struct diag_list *diags)
{
    struct absent_ctx *ac = ctx;
    long r;
    if (lf->n != 2) {
        diag_add(diags, path, line, NULL, "give a person and a round number: email,round");
        return 0;
    }
    int who = resolve(ac->names, lf->f[0], path, line, diags);
    if (parse_number(lf->f[1], 1, ac->rounds, &r) != 0) {
        diag_add(diags, path, line, "round", "'%s' is not a round from 1 to %d", lf->f[1],
                 ac->rounds);
        return 0;
    }
    if (who >= 0)
        ac->absent[(size_t)(r - 1) * ac->people + who] = 1;
    return 0;
}

static int people_of(const struct rounds_names *names)
{
    return names->cohort ? (int)names->cohort->count : names->people;
}

int rounds_read_absent(const char *path, const struct rounds_names *names, int rounds,
                       unsigned char *absent, struct diag_list *diags)
{
    struct absent_ctx ac = {names, rounds, people_of(names), absent};
    return each_line(path, absent_line, &ac, diags);
}

struct lock_ctx {
    const struct rounds_names *names;
    int rounds, people, top;
    int *locked; /* rounds*people, -1 */
};

static int lock_line(void *ctx, const struct line_fields *lf, const char *path, long line,
                     struct diag_list *diags)
{
    struct lock_ctx *lc = ctx;
    long r, t = 0;
    if (lf->n != 4) {
        diag_add(diags, path, line, NULL, "expected email,name,round,table (the --csv output)");
        return 0;
    }
    int who = resolve(lc->names, lf->f[0], path, line, diags);
    if (parse_number(lf->f[2], 1, lc->rounds, &r) != 0) {
        diag_add(diags, path, line, "round", "'%s' is not a round from 1 to %d", lf->f[2],
                 lc->rounds);
        return 0;
    }
    int absent = lf->f[3][0] == '\0' || str_ieq(lf->f[3], "absent");
    if (!absent && parse_number(lf->f[3], 1, lc->people, &t) != 0) {
        diag_add(diags, path, line, "table", "'%s' is not a table number", lf->f[3]);
        return 0;
    }
    if (who < 0)
        return 0;
    lc->locked[(size_t)(r - 1) * lc->people + who] = absent ? -1 : (int)t - 1;
    if (r > lc->top)
        lc->top = (int)r;
    return 0;
}

int rounds_read_locked(const char *path, const struct rounds_names *names, int rounds, int **locked,
                       int *locked_rounds, struct diag_list *diags)
{
    struct lock_ctx lc = {names, rounds, people_of(names), 0, NULL};
    lc.locked = malloc((size_t)rounds * lc.people * sizeof *lc.locked + 1);
    if (!lc.locked)
        return -1;
    for (size_t k = 0; k < (size_t)rounds * lc.people; k++)
        lc.locked[k] = -1;
    int rc = each_line(path, lock_line, &lc, diags);
    if (rc != 0) {
        free(lc.locked);
        return rc;
    }
    *locked = lc.locked;
    *locked_rounds = lc.top;
    return 0;
}
