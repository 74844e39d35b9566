/* Output of `setwork rounds`: plain text for screens and printers, CSV and JSON for tools. */
#include "cli/rounds_print.h"

#include <stdlib.h>
#include <string.h>

static void person(FILE *out, const struct cohort *c, int i)
{
    if (c)
        fputs(c->people[i].email, out);
    else
        fprintf(out, "%d", i);
}

void rounds_print_tables(FILE *out, const struct rounds_result *res, const struct cohort *cohort)
{
    int n = res->people;
    for (int r = 0; r < res->rounds; r++) {
        fprintf(out, "Round %d\n", r + 1);
        for (int t = 0; t < res->tables[r]; t++) {
            fprintf(out, "  Table %d:", t + 1);
            const char *sep = " ";
            for (int i = 0; i < n; i++)
                if (res->table[(size_t)r * n + i] == t) {
                    fputs(sep, out);
                    person(out, cohort, i);
                    sep = ", ";
                }
            fputc('\n', out);
        }
    }
}

void rounds_print_itinerary(FILE *out, const struct rounds_result *res, const struct cohort *cohort)
{
    int n = res->people;
    for (int i = 0; i < n; i++) {
        person(out, cohort, i);
        fputs(":", out);
        for (int r = 0; r < res->rounds; r++) {
            int t = res->table[(size_t)r * n + i];
            if (t < 0)
                fprintf(out, "%s round %d: absent", r ? "," : "", r + 1);
            else
                fprintf(out, "%s round %d: table %d", r ? "," : "", r + 1, t + 1);
        }
        fputc('\n', out);
    }
}

void rounds_print_cards(FILE *out, const struct rounds_result *res, const struct cohort *cohort)
{
    int n = res->people;
    for (int r = 0; r < res->rounds; r++)
        for (int t = 0; t < res->tables[r]; t++) {
            fprintf(out,
                    "+------------------------------------------+\n"
                    "|  Round %-3d            Table %-3d          |\n"
                    "+------------------------------------------+\n",
                    r + 1, t + 1);
            for (int i = 0; i < n; i++)
                if (res->table[(size_t)r * n + i] == t) {
                    fputs("   ", out);
                    if (cohort && cohort->people[i].name && cohort->people[i].name[0])
                        fprintf(out, "%s <%s>", cohort->people[i].name, cohort->people[i].email);
                    else
                        person(out, cohort, i);
                    fputc('\n', out);
                }
            fputs("\f\n", out); /* one card per page when printed */
        }
}

void rounds_print_summary(FILE *out, const struct rounds_result *res, const char *mix)
{
    if (mix)
        fprintf(out, "%ld meetings at a table between people with the same %s.\n", res->same_attr,
                mix);
    fprintf(out, "%d rounds; at most %d rounds can have no pair meeting twice.\n", res->rounds,
            res->bound);
    if (res->perfect) {
        fprintf(out, "Perfect: no pair meets more than once (%s).\n", res->method);
        return;
    }
    fprintf(out, "%ld pair%s meet more than once; the most meetings of one pair: %d (%s).",
            res->repeat_pairs, res->repeat_pairs == 1 ? "" : "s", res->max_meetings, res->method);
    if (res->optimal)
        fprintf(out,
                " Repeats are unavoidable for this request; this is the fewest possible "
                "(proven lower bound: %ld).\n",
                res->least_repeats);
    else if (res->least_repeats > 0)
        fprintf(out,
                " Repeats are unavoidable for this request: at least %ld (proven); a longer "
                "--seconds may find fewer.\n",
                res->least_repeats);
    else if (res->rounds > res->bound)
        fputs(" Repeats are unavoidable with this many rounds.\n", out);
    else
        fputs(" No proven lower bound above 0; a longer --seconds may find fewer.\n", out);
}

static void csv_field(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

int rounds_write_csv(const char *path, const struct rounds_result *res, const struct cohort *cohort)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    int n = res->people;
    fputs("email,name,round,table\n", fp);
    for (int i = 0; i < n; i++)
        for (int r = 0; r < res->rounds; r++) {
            if (cohort) {
                csv_field(fp, cohort->people[i].email);
                fputc(',', fp);
                csv_field(fp, cohort->people[i].name ? cohort->people[i].name : "");
            } else {
                fprintf(fp, "%d,", i);
            }
            int t = res->table[(size_t)r * n + i];
            if (t < 0)
                fprintf(fp, ",%d,\n", r + 1);
            else
                fprintf(fp, ",%d,%d\n", r + 1, t + 1);
        }
    return fclose(fp) == 0 ? 0 : -1;
}

json_t *rounds_to_json(const struct rounds_result *res, const struct cohort *cohort)
{
    int n = res->people;
    json_t *rounds = json_array();
    if (!rounds)
        return NULL;
    for (int r = 0; r < res->rounds; r++) {
        json_t *tables = json_array();
        for (int t = 0; t < res->tables[r]; t++) {
            json_t *members = json_array();
            for (int i = 0; i < n; i++)
                if (res->table[(size_t)r * n + i] == t)
                    json_array_append_new(members, cohort ? json_string(cohort->people[i].email)
                                                          : json_integer(i));
            json_array_append_new(tables, members);
        }
        json_array_append_new(rounds, tables);
    }
    return json_pack("{s:o, s:I, s:i, s:i, s:I, s:b, s:b, s:s}", "rounds", rounds, "repeat_pairs",
                     (json_int_t)res->repeat_pairs, "max_meetings", res->max_meetings, "bound",
                     res->bound, "least_repeats", (json_int_t)res->least_repeats, "perfect",
                     res->perfect, "optimal", res->optimal, "method", res->method);
}
