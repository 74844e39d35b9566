/* The report's headline figures in words: what a sponsor reads first. Each is made from the
 * report object itself (report.h), so the page, the API and `setwork report` say the same thing,
 * and each says how sure it is, or that it needs more data, instead of showing zeros. */
#include "app/report/report.h"

#include "core/strbuf.h"

#include <math.h>
#include <stdlib.h>

static double real_at(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* Appends {id, title, value, detail} to OUT, taking VALUE and DETAIL (both allocated). */
static void add(json_t *out, const char *id, const char *title, char *value, char *detail)
{
    json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s}", "id", id, "title", title, "value",
                                         value ? value : "", "detail", detail ? detail : ""));
    free(value);
    free(detail);
}

static void add_missing(json_t *out, const char *id, const char *title, const json_t *section)
{
    const char *note = json_string_value(json_object_get(section, "note"));
    add(out, id, title, str_printf("Not yet measured"),
        str_printf("%s", note ? note : "There is not enough data yet."));
}

/* "how sure": an interval that leaves out 0 is unlikely to be chance. */
static const char *sureness(double low, double high)
{
    if (!isfinite(low) || !isfinite(high))
        return "Too few people answered both waves to say how sure this is.";
    if (low > 0 || high < 0)
        return "The 95% interval leaves out no change, so a change like this is unlikely to be "
               "chance.";
    return "The 95% interval includes no change, so this may be chance.";
}

static void network_headlines(json_t *out, const json_t *net)
{
    if (!json_is_true(json_object_get(net, "available"))) {
        add_missing(out, "contacts", "Contacts per person", net);
        return;
    }
    const json_t *c = json_object_get(net, "contacts_per_person");
    double before = real_at(c, "before"), after = real_at(c, "after"), dz = real_at(c, "d_z");
    const json_t *ci = json_object_get(c, "d_z_ci95");
    double lo = json_number_value(json_array_get(ci, 0)),
           hi = json_number_value(json_array_get(ci, 1));
    json_int_t n = json_integer_value(json_object_get(c, "n"));
    if (isfinite(before) && isfinite(after))
        add(out, "contacts", "Contacts per person", str_printf("%.1f → %.1f", before, after),
            str_printf("On average each person named %.1f %s contacts in the last survey than in "
                       "the first (effect size d_z %.2f, 95%% interval %.2f to %.2f, over %lld "
                       "people who answered both). %s",
                       fabs(after - before), after >= before ? "more" : "fewer", dz, lo, hi,
                       (long long)n, sureness(lo, hi)));
    json_int_t beyond = json_integer_value(json_object_get(net, "new_ties_beyond_own_set"));
    json_int_t inside = json_integer_value(json_object_get(net, "new_ties_inside_own_set"));
    json_int_t people = json_integer_value(json_object_get(net, "people"));
    add(out, "beyond_sets", "New connections beyond people's own sets",
        people ? str_printf("%lld (%.1f per person)", (long long)beyond,
                            (double)beyond / (double)people)
               : str_printf("%lld", (long long)beyond),
        str_printf("Ties named in the last survey and not in the first, to someone outside "
                   "one's own set; %lld new ties were inside sets. Counted over %lld people.",
                   (long long)inside, (long long)people));
    static const struct {
        const char *id, *title, *key, *what;
    } shares[] = {
        {"cross_organisation", "Ties that cross organisations", "cross_organisation_tie_share",
         "organisations"},
        {"cross_department", "Ties that cross departments", "cross_department_tie_share",
         "departments"},
    };
    for (size_t i = 0; i < sizeof shares / sizeof shares[0]; i++) {
        const json_t *s = json_object_get(net, shares[i].key);
        double b = real_at(s, "before"), a = real_at(s, "after");
        if (!isfinite(b) || !isfinite(a))
            continue;
        add(out, shares[i].id, shares[i].title, str_printf("%.0f%% → %.0f%%", 100 * b, 100 * a),
            str_printf("Of all the ties people named, the share that link people from different "
                       "%s, in the first survey and in the last.",
                       shares[i].what));
    }
    const json_t *iso = json_object_get(net, "isolates");
    add(out, "isolated", "People who named no contact",
        str_printf("%lld → %lld", (long long)json_integer_value(json_object_get(iso, "before")),
                   (long long)json_integer_value(json_object_get(iso, "after"))),
        str_printf("People with no tie to anyone in the cohort, in the first survey and in the "
                   "last."));
}

static void connectedness_headlines(json_t *out, const json_t *con)
{
    if (!json_is_true(json_object_get(con, "available"))) {
        add_missing(out, "connectedness", "Connectedness", con);
        return;
    }
    size_t i;
    json_t *s;
    bool any = false;
    json_array_foreach(json_object_get(con, "scales"), i, s)
    {
        if (!json_is_true(json_object_get(s, "shown")))
            continue;
        any = true;
        const json_t *ci = json_object_get(s, "change_ci95");
        const json_t *dci = json_object_get(s, "d_z_ci95");
        double change = real_at(s, "mean_change");
        bool better = json_is_true(json_object_get(s, "higher_is_better"));
        char *id = str_printf("connectedness_%s", json_string_value(json_object_get(s, "scale")));
        add(out, id ? id : "connectedness", json_string_value(json_object_get(s, "title")),
            str_printf("%.2f → %.2f", real_at(s, "start_mean"), real_at(s, "end_mean")),
            str_printf("The mean score (%lld to %lld, %s is better) changed by %+.2f (95%% "
                       "interval %+.2f to %+.2f; d_z %.2f, %.2f to %.2f) over %lld people who "
                       "answered both surveys. %s",
                       (long long)json_integer_value(json_object_get(s, "score_min")),
                       (long long)json_integer_value(json_object_get(s, "score_max")),
                       better ? "higher" : "lower", change,
                       json_number_value(json_array_get(ci, 0)),
                       json_number_value(json_array_get(ci, 1)), real_at(s, "d_z"),
                       json_number_value(json_array_get(dci, 0)),
                       json_number_value(json_array_get(dci, 1)),
                       (long long)json_integer_value(json_object_get(s, "paired")),
                       sureness(json_number_value(json_array_get(ci, 0)),
                                json_number_value(json_array_get(ci, 1)))));
        free(id);
    }
    if (!any)
        add(out, "connectedness", "Connectedness", str_printf("Not yet measured"),
            str_printf("Fewer than %lld people answered both the start and the end survey, so "
                       "no change is shown.",
                       (long long)json_integer_value(json_object_get(con, "min_paired"))));
}

static void attendance_headline(json_t *out, const json_t *att)
{
    if (!json_is_true(json_object_get(att, "available"))) {
        add_missing(out, "attendance", "Attendance", att);
        return;
    }
    json_int_t held = json_integer_value(json_object_get(att, "meetings_held"));
    json_int_t unrecorded = json_integer_value(json_object_get(att, "meetings_unrecorded"));
    json_int_t planned = json_integer_value(json_object_get(att, "meetings_planned"));
    double rate = real_at(att, "attendance_rate");
    char *unrec = unrecorded ? str_printf(" %lld past meeting%s with no attendance recorded %s "
                                          "not counted.",
                                          (long long)unrecorded, unrecorded == 1 ? "" : "s",
                                          unrecorded == 1 ? "is" : "are")
                             : NULL;
    if (held == 0 || !isfinite(rate))
        add(out, "attendance", "Attendance", str_printf("Not yet measured"),
            str_printf("No attendance has been recorded at a past meeting yet (%lld meetings "
                       "planned).%s",
                       (long long)planned, unrec ? unrec : ""));
    else
        add(out, "attendance", "Attendance", str_printf("%.0f%%", 100 * rate),
            str_printf("Of the places recorded at the %lld meeting%s held so far, the share "
                       "where the person came (apologies and absences are the rest).%s",
                       (long long)held, held == 1 ? "" : "s", unrec ? unrec : ""));
    free(unrec);
}

static void themes_headline(json_t *out, const json_t *themes, long min_people)
{
    const json_t *shown = json_object_get(themes, "shown");
    size_t n = json_array_size(shown);
    if (n == 0) {
        add(out, "themes", "Challenges people share", str_printf("None shown yet"),
            str_printf("A theme is shown once at least %ld people's challenges share it.",
                       min_people));
        return;
    }
    struct strbuf sb = {0};
    for (size_t i = 0; i < n && i < 3; i++) {
        const json_t *t = json_array_get(shown, i);
        sb_printf(&sb, "%s%s (%lld people)", i ? "; " : "",
                  json_string_value(json_object_get(t, "label")),
                  (long long)json_integer_value(json_object_get(t, "people")));
    }
    add(out, "themes", "Challenges people share", str_printf("%zu theme%s", n, n == 1 ? "" : "s"),
        str_printf("People found they were not alone: %s.", sb.data ? sb.data : ""));
    sb_free(&sb);
}

json_t *report_headlines(const json_t *report)
{
    json_t *out = json_array();
    if (!out)
        return NULL;
    network_headlines(out, json_object_get(report, "network"));
    connectedness_headlines(out, json_object_get(report, "connectedness"));
    attendance_headline(out,
                        json_object_get(json_object_get(report, "participation"), "attendance"));
    themes_headline(out, json_object_get(report, "themes"),
                    (long)json_integer_value(
                        json_object_get(json_object_get(report, "settings"), "min_people")));
    return out;
}
