/* Who may see what of a challenge and of survey answers: every anonymity rule of setwork's shared
 * challenges lives here, so that the CLI, the web pages and the report apply the same ones.
 * Pure: callers pass in what they know about the viewer and the record. */
#ifndef SETWORK_ENGINE_THEMES_PRIVACY_H
#define SETWORK_ENGINE_THEMES_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

/* Who the author lets see a challenge. Stored as these names. */
enum challenge_visibility {
    CHALLENGE_ONLY_ME = 0, /* "only-me": the author alone */
    CHALLENGE_SET = 1,     /* "set": the author and their set (named) */
    CHALLENGE_COHORT = 2,  /* "cohort": also the cohort, anonymously, through themes */
};

/* How the viewer stands to the record's author. An admin (programme lead) is a cohort viewer
 * for content: they manage themes but see no names and no text without consent. */
enum privacy_viewer {
    VIEWER_SELF,
    VIEWER_SET_MATE, /* shares a set with the author in the programme's published plan */
    VIEWER_COHORT,   /* any other member of the programme, or its admin */
    VIEWER_OUTSIDE,  /* not in the programme */
};

enum privacy_access {
    ACCESS_NONE,
    ACCESS_EXCERPT, /* an anonymous excerpt, and only inside a theme that may be shown */
    ACCESS_FULL,    /* title, text and the author's name */
};

/* Default smallest number of people a theme needs before anyone is told about it. */
#define PRIVACY_DEFAULT_MIN_PEOPLE 3
/* The lowest that setting may go: with two people each would know who the other one is. */
#define PRIVACY_FLOOR_MIN_PEOPLE 3
/* Default smallest number of people with answers in both waves before a change is reported. */
#define PRIVACY_DEFAULT_MIN_PAIRED 5
/* Excerpts shown with one theme, and their length in bytes before "...". */
#define PRIVACY_MAX_EXCERPTS  5
#define PRIVACY_EXCERPT_BYTES 200

/* "only-me", "set", "cohort". */
const char *privacy_visibility_name(enum challenge_visibility v);
/* Parses those names (any case; also "only me", "me", "private"); 0 or -1. */
int privacy_visibility_parse(const char *s, enum challenge_visibility *out);

/* What VIEWER may see of a challenge with visibility V whose author did (CONSENT) or did not
 * agree to share excerpts. */
enum privacy_access privacy_challenge_access(enum challenge_visibility v, bool consent,
                                             enum privacy_viewer viewer);

/* True when a challenge with visibility V may be clustered into cohort themes at all. */
bool privacy_enters_themes(enum challenge_visibility v);

/* True when a theme holding PEOPLE distinct people may be shown (to participants, admins'
 * reports and sponsors): PEOPLE >= MIN_PEOPLE, and MIN_PEOPLE is never taken below
 * PRIVACY_FLOOR_MIN_PEOPLE (3): issue 8 says a theme of 2 is never shown, whatever the setting. */
bool privacy_theme_shown(size_t people, size_t min_people);

/* True when a connectedness change over PAIRED people may be reported. */
bool privacy_change_shown(size_t paired, size_t min_paired);

/* True when VIEWER may see individual survey answers of someone (only their own). */
bool privacy_answers_visible(enum privacy_viewer viewer);

/* One challenge in a theme, as the theme view needs it. */
struct privacy_member {
    long long person; /* the author; never shown */
    bool consent;     /* agreed to share an anonymous excerpt */
    const char *text; /* the challenge text */
};

/* What one participant is told about a theme their own challenge is in. */
struct privacy_theme_view {
    bool shown;    /* false: say nothing at all about this theme */
    size_t others; /* distinct people in the theme other than the viewer */
    size_t nexcerpts;
    char **excerpts; /* owned; at most PRIVACY_MAX_EXCERPTS, one per consenting other person */
};

/* Builds the view of a theme of N members for VIEWER (a person id; 0 for an admin or report, who
 * is in no theme) with threshold MIN_PEOPLE. Excerpts come from other people who consented, in
 * member order, one per person. Returns 0, or -1 when out of memory. */
int privacy_theme_view(const struct privacy_member *members, size_t n, long long viewer,
                       size_t min_people, struct privacy_theme_view *out);
void privacy_theme_view_free(struct privacy_theme_view *v);

/* Distinct people among the N members. */
size_t privacy_distinct_people(const struct privacy_member *members, size_t n);

/* A copy of TEXT cut to at most MAX bytes at a word boundary (never inside a UTF-8 sequence),
 * white space collapsed, with "..." when cut. NULL when out of memory. */
char *privacy_excerpt(const char *text, size_t max);

#endif
