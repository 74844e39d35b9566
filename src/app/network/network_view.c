/* Loading, analysing and drawing a programme's network survey for the CLI and the web. */
#include "app/network/network_view.h"

#include "io/export/network_export.h"

#include "io/render/net_svg.h"
#include "store/store_network_load.h"

#include <stdlib.h>
#include <string.h>

static long find_wave(const struct network_view *v, const char *name)
{
    for (size_t i = 0; i < v->wave_count; i++)
        if (name ? str_ieq(v->waves[i].name, name) : i + 1 == v->wave_count)
            return (long)i;
    return -1;
}

/* The ties of TIES named by someone in KEEP, into a new array (*OUT, caller frees). */
static int ties_among(const struct net_tie *ties, size_t count, const bool *keep,
                      struct net_tie **out, size_t *out_count)
{
    *out = malloc((count ? count : 1) * sizeof **out);
    *out_count = 0;
    if (!*out)
        return -1;
    for (size_t i = 0; i < count; i++)
        if (keep[ties[i].from])
            (*out)[(*out_count)++] = ties[i];
    return 0;
}

/* The comparison of OUT's two waves (BEFORE_ID, AFTER_ID) over the people who answered both:
 * only their nominations (of anyone) count in either wave, so that someone who skipped a wave
 * neither loses nor gains ties by it, and only their metric changes enter the means. Sets are
 * those of the plan in force when the later of the two waves began. */
static int compare_both(struct db *db, long long programme_id, long long before_id,
                        long long after_id, bool analyse, struct network_view *out, char **err)
{
    size_t n = out->data.cohort.count;
    bool *then_responded = calloc(n ? n : 1, sizeof *then_responded);
    bool *both = calloc(n ? n : 1, sizeof *both);
    struct net_tie *then_f = NULL, *now_f = NULL;
    size_t then_n = 0, now_n = 0;
    struct net_wave w_then = {0}, w_now = {0};
    char began_before[32] = "", began_after[32] = "";
    int rc = -1;
    if (!then_responded || !both) {
        *err = str_printf("out of memory comparing waves");
        goto out;
    }
    if (store_network_load_responded(db, &out->data, before_id, then_responded, err) != 0)
        goto out;
    for (size_t i = 0; i < n; i++) {
        both[i] = then_responded[i] && out->data.responded[i];
        if (both[i])
            out->compared++;
        else if (then_responded[i] || out->data.responded[i])
            out->one_wave_only++;
        else
            out->neither++;
    }
    if (store_network_wave_began(db, before_id, began_before, sizeof began_before) < 0 ||
        store_network_wave_began(db, after_id, began_after, sizeof began_after) < 0) {
        *err = str_printf("cannot read the waves: %s", db_errmsg(db));
        goto out;
    }
    /* The later of the two, whichever order they were named in. */
    str_copy(out->later_began, strcmp(began_before, began_after) > 0 ? began_before : began_after,
             sizeof out->later_began);
    if (store_network_sets_at(db, programme_id, out->later_began, &out->data, &out->plan_name,
                              err) != 0)
        goto out;
    if (!analyse) {
        rc = 0;
        goto out;
    }
    if (ties_among(out->then_ties, out->then_count, both, &then_f, &then_n) != 0 ||
        ties_among(out->data.ties, out->data.tie_count, both, &now_f, &now_n) != 0) {
        *err = str_printf("out of memory comparing waves");
        goto out;
    }
    struct net_people people = network_data_people(&out->data);
    people.included = both;
    if (net_analyse(&people, then_f, then_n, &w_then, err) != 0 ||
        net_analyse(&people, now_f, now_n, &w_now, err) != 0 ||
        net_compare(&people, then_f, then_n, &w_then, now_f, now_n, &w_now, &out->cmp, err) != 0)
        goto out;
    rc = 0;
out:
    net_wave_free(&w_then);
    net_wave_free(&w_now);
    free(then_f);
    free(now_f);
    free(then_responded);
    free(both);
    return rc;
}

/* network_view_load, with the metrics when ANALYSE. */
static int load_view(struct db *db, long long programme_id, const char *wave, const char *before,
                     const char *relation, bool analyse, struct network_view *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (store_network_waves(db, programme_id, &out->waves, &out->wave_count) != 0) {
        *err = str_printf("cannot read the waves: %s", db_errmsg(db));
        return -1;
    }
    if (out->wave_count == 0) {
        *err = str_printf("the programme has no network survey yet; add one with "
                          "'setwork network import FILE.csv --programme NAME --wave W'");
        network_view_free(out);
        return 1;
    }
    long w = find_wave(out, wave), b = before ? find_wave(out, before) : -1;
    if (w < 0 || (before && b < 0)) {
        *err = str_printf("the programme has no wave '%s'", w < 0 ? wave : before);
        network_view_free(out);
        return 1;
    }
    out->wave_name = strdup(out->waves[w].name);
    out->before_name = before ? strdup(out->waves[b].name) : NULL;
    if (!out->wave_name || (before && !out->before_name)) {
        *err = str_printf("out of memory");
        goto fail;
    }
    if (store_network_load(db, programme_id, out->waves[w].id, relation, &out->data, err) != 0)
        goto fail;
    if (network_relation_check(&out->data, relation, err) != 0) {
        network_view_free(out);
        return 1;
    }
    struct net_people people = network_data_people(&out->data);
    if (analyse && net_analyse(&people, out->data.ties, out->data.tie_count, &out->now, err) != 0)
        goto fail;
    if (before) {
        out->comparing = true;
        if (store_network_load_ties(db, &out->data, out->waves[b].id, relation, &out->then_ties,
                                    &out->then_count, err) != 0 ||
            (analyse &&
             net_analyse(&people, out->then_ties, out->then_count, &out->then, err) != 0) ||
            compare_both(db, programme_id, out->waves[b].id, out->waves[w].id, analyse, out, err) !=
                0)
            goto fail;
    }
    return 0;
fail:
    network_view_free(out);
    return -1;
}

int network_view_load(struct db *db, long long programme_id, const char *wave, const char *before,
                      const char *relation, struct network_view *out, char **err)
{
    return load_view(db, programme_id, wave, before, relation, true, out, err);
}

int network_view_load_plain(struct db *db, long long programme_id, const char *wave,
                            const char *before, const char *relation, struct network_view *out,
                            char **err)
{
    return load_view(db, programme_id, wave, before, relation, false, out, err);
}

int network_relation_check(const struct network_data *d, const char *relation, char **err)
{
    if (!relation)
        return 0;
    for (size_t i = 0; i < d->relation_count; i++)
        if (str_ieq(d->relation_names[i], relation))
            return 0;
    struct strbuf sb = {0};
    sb_printf(&sb, "the programme has no relation '%s'; ", relation);
    if (d->relation_count == 0)
        sb_append(&sb, "it has no survey answers yet");
    else
        sb_append(&sb, d->relation_count == 1 ? "its relation is " : "its relations are ");
    for (size_t i = 0; i < d->relation_count; i++)
        sb_printf(&sb, "%s'%s'",
                  i == 0                       ? ""
                  : i + 1 == d->relation_count ? " and "
                                               : ", ",
                  d->relation_names[i]);
    *err = sb.failed ? NULL : sb.data;
    if (!*err) {
        sb_free(&sb);
        *err = str_printf("out of memory");
    }
    return 1;
}

void network_view_free(struct network_view *v)
{
    network_data_free(&v->data);
    net_wave_free(&v->now);
    net_wave_free(&v->then);
    free(v->then_ties);
    net_comparison_free(&v->cmp);
    free(v->wave_name);
    free(v->before_name);
    free(v->plan_name);
    network_wave_rows_free(v->waves, v->wave_count);
    memset(v, 0, sizeof *v);
}

struct colours {
    const int *group;
    const char *const *names;
    size_t count;
    const char *title;
};

static struct colours colours_of(const struct network_view *v, enum network_colour c)
{
    const struct network_data *d = &v->data;
    if (c == NETWORK_BY_ORGANISATION)
        return (struct colours){d->organisation, (const char *const *)d->organisation_names,
                                d->organisation_count, "Organisation"};
    return (struct colours){d->department, (const char *const *)d->department_names,
                            d->department_count, "Department"};
}

/* The ties PERSON named (own answers only), copied into a new array. */
static struct net_tie *own_ties(const struct net_tie *ties, size_t count, int person,
                                size_t *out_count)
{
    struct net_tie *own = malloc((count ? count : 1) * sizeof *own);
    *out_count = 0;
    if (!own)
        return NULL;
    for (size_t i = 0; i < count; i++)
        if (ties[i].from == person)
            own[(*out_count)++] = ties[i];
    return own;
}

int network_view_ego_svg(const struct network_view *v, size_t person, enum network_viewer viewer,
                         char *const *labels, enum network_colour colour, struct strbuf *out)
{
    if (person >= v->data.cohort.count)
        return -1;
    struct colours c = colours_of(v, colour);
    const struct net_tie *ties = v->data.ties, *before = v->comparing ? v->then_ties : NULL;
    size_t tie_count = v->data.tie_count, before_count = v->then_count;
    struct net_tie *own_now = NULL, *own_then = NULL;
    if (viewer == NETWORK_VIEWER_SELF) {
        own_now = own_ties(ties, tie_count, (int)person, &tie_count);
        own_then = before ? own_ties(before, before_count, (int)person, &before_count) : NULL;
        if (!own_now || (before && !own_then)) {
            free(own_now);
            free(own_then);
            return -1;
        }
        ties = own_now;
        before = own_then;
    }
    char *title =
        v->comparing
            ? str_printf("Contacts of %s: %s and %s", labels ? labels[person] : "you",
                         v->before_name, v->wave_name)
            : str_printf("Contacts of %s, %s", labels ? labels[person] : "you", v->wave_name);
    struct net_svg_ego e = {
        .count = v->data.cohort.count,
        .ego = (int)person,
        .group = c.group,
        .group_names = c.names,
        .group_count = c.count,
        .group_title = c.title,
        .labels = (const char *const *)labels,
        .ties = ties,
        .tie_count = tie_count,
        .before = before,
        .before_count = before_count,
        .title = title,
    };
    int rc = title ? net_svg_ego_network(&e, out) : -1;
    free(title);
    free(own_now);
    free(own_then);
    return rc;
}

int network_view_layout(const struct network_view *v, struct net_layout *out, char **err)
{
    const struct network_data *d = &v->data;
    /* Both waves share one layout so that the eye sees ties change, not people move. */
    size_t all = d->tie_count + (v->comparing ? v->then_count : 0);
    struct net_tie *union_ties = malloc((all ? all : 1) * sizeof *union_ties);
    if (!union_ties) {
        *err = str_printf("out of memory");
        return -1;
    }
    if (d->tie_count)
        memcpy(union_ties, d->ties, d->tie_count * sizeof *union_ties);
    if (v->comparing && v->then_count)
        memcpy(union_ties + d->tie_count, v->then_ties, v->then_count * sizeof *union_ties);
    int rc = net_layout(d->cohort.count, union_ties, all, 1, out, err);
    free(union_ties);
    return rc == 0 ? 0 : -1;
}

int network_view_network_svg(const struct network_view *v, char *const *labels,
                             enum network_colour colour, struct strbuf *out, char **err)
{
    const struct network_data *d = &v->data;
    struct colours c = colours_of(v, colour);
    struct net_layout layout;
    int rc = network_view_layout(v, &layout, err);
    if (rc != 0)
        return -1;
    /* Drawn in label order: with pseudonyms, the index order (by email) would name them. */
    size_t *order = labels ? network_label_order(d, labels, true) : NULL;
    if (labels && !order) {
        net_layout_free(&layout);
        *err = str_printf("out of memory");
        return -1;
    }
    struct net_svg_network after = {
        .count = d->cohort.count,
        .order = order,
        .x = layout.x,
        .y = layout.y,
        .group = c.group,
        .group_names = c.names,
        .group_count = c.count,
        .group_title = c.title,
        .set = d->set,
        .set_names = (const char *const *)d->set_names,
        .set_count = d->set_count,
        .labels = (const char *const *)labels,
        .ties = d->ties,
        .tie_count = d->tie_count,
        .title = v->wave_name,
    };
    if (v->comparing) {
        struct net_svg_network earlier = after;
        earlier.ties = v->then_ties;
        earlier.tie_count = v->then_count;
        earlier.title = v->before_name;
        after.before = v->then_ties;
        after.before_count = v->then_count;
        rc = net_svg_side_by_side(&earlier, &after, out);
    } else {
        rc = net_svg_network(&after, out);
    }
    free(order);
    net_layout_free(&layout);
    if (rc != 0)
        *err = str_printf("out of memory drawing the network");
    return rc;
}

int network_view_chart_svg(const struct network_view *v, struct strbuf *out)
{
    if (!v->comparing)
        return -1;
    return net_svg_change_chart(&v->cmp, v->before_name, v->wave_name, out);
}
