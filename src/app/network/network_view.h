/* A programme's network survey ready to show: one wave analysed (and optionally compared with
 * an earlier one), and its pictures with the privacy rules applied. The CLI report and the web
 * pages both start here, so that what a participant may see is decided in one place. */
#ifndef SETWORK_APP_NETWORK_NETWORK_VIEW_H
#define SETWORK_APP_NETWORK_NETWORK_VIEW_H

#include "core/strbuf.h"
#include "engine/network/network.h"
#include "store/db.h"
#include "store/store_network.h"

#include <stdbool.h>

struct network_view {
    struct network_data data; /* people, groups, sets and the wave's ties */
    struct net_wave now;      /* the wave's metrics */
    bool comparing;           /* an earlier wave was loaded */
    struct net_tie *then_ties;
    size_t then_count;
    struct net_wave then;
    struct net_comparison cmp;
    char *wave_name;                /* as stored */
    char *before_name;              /* NULL when not comparing */
    struct network_wave_row *waves; /* every wave of the programme with response counts */
    size_t wave_count;
    /* When comparing: the comparison (cmp) is over the people who answered both waves and the
     * ties they named, so that someone who skipped a wave does not lose every tie;
     * "inside a set" is judged by the plan in force when the later wave began. */
    size_t compared;      /* people who answered both waves */
    size_t one_wave_only; /* left out: answered one of the two */
    size_t neither;       /* left out: answered neither */
    char later_began[32]; /* when the later wave began (its first answer) */
    char *plan_name;      /* the plan in force then; NULL when there was none */
};

/* Loads and analyses wave WAVE of the programme (NULL: the latest) and, when BEFORE is given,
 * the earlier wave BEFORE with the comparison (see the fields above: only people who answered
 * both, sets of the plan in force when the later wave began: published at or before then, else
 * the newest saved at or before then); RELATION limits ties to one relation (NULL: all).
 * Returns 0 and fills OUT (free with network_view_free); 1 when the programme has no such wave
 * (or no survey at all) with a message for the user in *ERR; -1 on other errors with *ERR.
 * *ERR is the caller's to free. */
int network_view_load(struct db *db, long long programme_id, const char *wave, const char *before,
                      const char *relation, struct network_view *out, char **err);
/* The same people, sets, ties and comparison counts as network_view_load, without the metrics
 * (now, then and cmp stay zeroed): what the whole-network pictures need, at a fraction of the
 * time at 2,000 people (betweenness dominates the metrics). Same returns. */
int network_view_load_plain(struct db *db, long long programme_id, const char *wave,
                            const char *before, const char *relation, struct network_view *out,
                            char **err);
void network_view_free(struct network_view *v);

/* Whether RELATION (NULL: all relations, always fine) is one of the programme's relations in D
 * (compared without case, as the store does). Returns 0, or 1 with a message naming the
 * relations there are in *ERR (caller frees): an unknown relation would give an empty network
 * that looks like a real answer. */
int network_relation_check(const struct network_data *d, const char *relation, char **err);

/* Which colours the pictures use. */
enum network_colour { NETWORK_BY_DEPARTMENT, NETWORK_BY_ORGANISATION };

/* Who is looking at an ego network. An admin sees every tie of the person, named. The person
 * themselves sees only what they answered (ties they named, in both waves): who named them and
 * how their contacts answered are other people's answers. */
enum network_viewer { NETWORK_VIEWER_ADMIN, NETWORK_VIEWER_SELF };

/* Appends the SVG of person PERSON's (index into v->data.cohort) contacts, and how they grew
 * when v is comparing. LABELS names people (NULL: unnamed). Returns 0, or -1 when PERSON is out
 * of range or out of memory. The caller checks that a participant asks for themselves only. */
int network_view_ego_svg(const struct network_view *v, size_t person, enum network_viewer viewer,
                         char *const *labels, enum network_colour colour, struct strbuf *out);

/* The positions of V's people in [0,1]^2 that the whole-network pictures use: one layout of
 * both waves' ties when comparing, from a fixed seed, so the SVG and the interactive view agree.
 * 0 and *OUT (free with net_layout_free), or -1 with *ERR (caller frees). */
int network_view_layout(const struct network_view *v, struct net_layout *out, char **err);

/* Appends the SVG of the whole network (two waves side by side when comparing, new ties
 * highlighted, sets as hulls), laid out once for both waves. LABELS as above; pass NULL or
 * anonymised labels (network_labels) for anything shown beyond admins. 0, or -1 with *ERR. */
int network_view_network_svg(const struct network_view *v, char *const *labels,
                             enum network_colour colour, struct strbuf *out, char **err);

/* Appends the change charts (v must be comparing). 0 or -1. */
int network_view_chart_svg(const struct network_view *v, struct strbuf *out);

#endif
