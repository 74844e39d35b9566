/* The anonymity rules for challenges, themes and survey answers. */
#include "engine/themes/privacy.h"

#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

const char *privacy_visibility_name(enum challenge_visibility v)
{
    switch (v) {
    case CHALLENGE_ONLY_ME: return "only-me";
    case CHALLENGE_SET: return "set";
    case CHALLENGE_COHORT: return "cohort";
    }
    return "only-me";
}

int privacy_visibility_parse(const char *s, enum challenge_visibility *out)
{
    if (str_ieq(s, "only-me") || str_ieq(s, "only me") || str_ieq(s, "me") ||
        str_ieq(s, "private") || str_ieq(s, "only_me"))
        *out = CHALLENGE_ONLY_ME;
    else if (str_ieq(s, "set") || str_ieq(s, "my set"))
        *out = CHALLENGE_SET;
    else if (str_ieq(s, "cohort"))
        *out = CHALLENGE_COHORT;
    else
        return -1;
    return 0;
}

enum privacy_access privacy_challenge_access(enum challenge_visibility v, bool consent,
                                             enum privacy_viewer viewer)
{
    switch (viewer) {
    case VIEWER_SELF: return ACCESS_FULL;
    case VIEWER_SET_MATE: return v == CHALLENGE_ONLY_ME ? ACCESS_NONE : ACCESS_FULL;
    case VIEWER_COHORT: return v == CHALLENGE_COHORT && consent ? ACCESS_EXCERPT : ACCESS_NONE;
    case VIEWER_OUTSIDE: return ACCESS_NONE;
    }
    return ACCESS_NONE;
}

bool privacy_enters_themes(enum challenge_visibility v)
{
    return v == CHALLENGE_COHORT;
}

bool privacy_theme_shown(size_t people, size_t min_people)
{
    /* A "theme" of one or two people would point straight at them, whatever the setting says. */
    if (min_people < PRIVACY_FLOOR_MIN_PEOPLE)
        min_people = PRIVACY_FLOOR_MIN_PEOPLE;
    return people >= min_people;
}

bool privacy_change_shown(size_t paired, size_t min_paired)
{
    if (min_paired < 2) /* a standard deviation needs two */
        min_paired = 2;
    return paired >= min_paired;
}

bool privacy_answers_visible(enum privacy_viewer viewer)
{
    return viewer == VIEWER_SELF;
}

static int compare_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

size_t privacy_distinct_people(const struct privacy_member *members, size_t n)
{
    if (n == 0)
        return 0;
    long long *ids = malloc(n * sizeof *ids);
    if (!ids)
        return n; /* over-counting cannot happen below; fall back to at most n */
    for (size_t i = 0; i < n; i++)
        ids[i] = members[i].person;
    qsort(ids, n, sizeof *ids, compare_ll);
    size_t distinct = 1;
    for (size_t i = 1; i < n; i++)
        distinct += ids[i] != ids[i - 1];
    free(ids);
    return distinct;
}

char *privacy_excerpt(const char *text, size_t max)
{
    struct strbuf sb = {0};
    sb_append(&sb, "");
    const char *p = text ? text : "";
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    size_t last_space = 0;
    bool cut = false;
    while (*p) {
        bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
        if (space) {
            while (p[1] == ' ' || p[1] == '\t' || p[1] == '\n' || p[1] == '\r')
                p++;
            if (!p[1])
                break;
        }
        /* A whole UTF-8 sequence or nothing. */
        size_t len = 1;
        while (!space && (p[len] & 0xC0) == 0x80)
            len++;
        if (sb.len + len > max) {
            cut = true;
            break;
        }
        if (space) {
            last_space = sb.len;
            sb_append_char(&sb, ' ');
        } else {
            sb_append_len(&sb, p, len);
        }
        p += len;
    }
    if (cut) {
        if (last_space > 0) {
            sb.len = last_space;
            sb.data[sb.len] = '\0';
        }
        sb_append(&sb, "...");
    }
    return sb_take(&sb);
}

int privacy_theme_view(const struct privacy_member *members, size_t n, long long viewer,
                       size_t min_people, struct privacy_theme_view *out)
{
    memset(out, 0, sizeof *out);
    size_t people = privacy_distinct_people(members, n);
    if (!privacy_theme_shown(people, min_people))
        return 0;
    bool viewer_in = false;
    for (size_t i = 0; i < n; i++)
        viewer_in |= members[i].person == viewer;
    out->shown = true;
    out->others = people - (viewer_in ? 1 : 0);
    out->excerpts = calloc(PRIVACY_MAX_EXCERPTS, sizeof *out->excerpts);
    if (!out->excerpts)
        return -1;
    for (size_t i = 0; i < n && out->nexcerpts < PRIVACY_MAX_EXCERPTS; i++) {
        const struct privacy_member *m = &members[i];
        if (m->person == viewer || !m->consent)
            continue;
        bool seen = false; /* one excerpt per person, so nobody dominates a theme */
        for (size_t j = 0; j < i; j++)
            seen |= members[j].person == m->person && members[j].consent;
        if (seen)
            continue;
        char *e = privacy_excerpt(m->text, PRIVACY_EXCERPT_BYTES);
        if (!e) {
            privacy_theme_view_free(out);
            return -1;
        }
        out->excerpts[out->nexcerpts++] = e;
    }
    return 0;
}

void privacy_theme_view_free(struct privacy_theme_view *v)
{
    for (size_t i = 0; i < v->nexcerpts; i++)
        free(v->excerpts[i]);
    free(v->excerpts);
    memset(v, 0, sizeof *v);
}
