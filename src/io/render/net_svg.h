/* Server-side SVG pictures of survey networks: the whole network of a wave (optionally with
 * an earlier wave's ties so that new ties stand out), two waves side by side with the same
 * positions, one person's ego network and how it grew, and small charts of metric change.
 * No JavaScript; every piece of text is XML-escaped. Pure: they append to a strbuf. */
#ifndef SETWORK_IO_RENDER_NET_SVG_H
#define SETWORK_IO_RENDER_NET_SVG_H

#include "core/strbuf.h"
#include "engine/network/network.h"

/* Above this many people, nodes carry no name labels (they would be unreadable). */
#define NET_SVG_LABEL_MAX 60
/* Past this many sets the hulls overlap into a grey wash; the legend says why they are not
 * drawn. */
#define NET_SVG_HULL_MAX 30
/* Distinct colours; groups beyond share them and the legend says so. */
#define NET_SVG_PALETTE 24

/* One wave's picture. Arrays have `count` entries unless said otherwise; pointers are
 * borrowed. */
struct net_svg_network {
    size_t count;
    const double *x, *y;            /* positions in [0,1]^2, e.g. from net_layout */
    const int *group;               /* colour group per person (-1: unknown, grey); may be NULL */
    const char *const *group_names; /* group_count entries, for the legend */
    size_t group_count;
    const char *group_title;      /* legend heading, e.g. "Department" */
    const int *set;               /* set per person (-1: none), drawn as hulls; may be NULL */
    const char *const *set_names; /* set_count entries; NULL: sets unlabelled */
    size_t set_count;
    const char *const *labels; /* name per person; NULL for no labels (anonymised) */
    /* The people in the order they are drawn, and ties by it (NULL: index order). The index
     * order is the order of emails, so a picture with pseudonyms must be drawn in theirs. */
    const size_t *order;
    const struct net_tie *ties;
    size_t tie_count;
    const struct net_tie *before; /* an earlier wave: ties not in it are drawn as new; NULL */
    size_t before_count;
    const char *title;
};

/* Appends a complete SVG document of one wave to OUT. Returns 0, or -1 when out of memory or
 * the input is inconsistent (a tie index out of range). */
int net_svg_network(const struct net_svg_network *in, struct strbuf *out);

/* Appends one SVG document with two panels, LEFT and RIGHT (same positions expected: lay out
 * the union of both waves' ties). Returns 0 or -1. */
int net_svg_side_by_side(const struct net_svg_network *left, const struct net_svg_network *right,
                         struct strbuf *out);

/* One person's contacts. Positions are computed here: EGO in the middle, contacts on a circle
 * grouped by colour; ties among contacts are drawn too. With BEFORE, contacts gained since are
 * highlighted and contacts lost are drawn dashed. */
struct net_svg_ego {
    size_t count;
    int ego;
    const int *group;
    const char *const *group_names;
    size_t group_count;
    const char *group_title;
    const char *const *labels; /* NULL: contacts unnamed (the ego is labelled "You" if NULL) */
    const struct net_tie *ties;
    size_t tie_count;
    const struct net_tie *before; /* NULL: no comparison */
    size_t before_count;
    const char *title;
};
int net_svg_ego_network(const struct net_svg_ego *in, struct strbuf *out);

/* Small charts of a comparison: ties gained and lost inside and beyond sets, and each metric's
 * mean before and after with Cohen's d_z. BEFORE_NAME and AFTER_NAME name the waves. */
int net_svg_change_chart(const struct net_comparison *c, const char *before_name,
                         const char *after_name, struct strbuf *out);

struct svg;
/* Writes the legend of group colours at height Y of the current <g>: TITLE (may be NULL), the
 * first NET_SVG_PALETTE of NAMES with their colours, then how many more are grey. Returns
 * the height below it, for what the legend shows next. Both pictures use it. */
double net_svg_group_legend(struct svg *o, const char *title, const char *const *names,
                            size_t count, double y);

/* The colour of group G ("#rrggbb"): its own for the first NET_SVG_PALETTE groups, then one
 * grey for the rest, and a lighter grey for -1 (no group). */
const char *net_svg_colour(int g);

#endif
