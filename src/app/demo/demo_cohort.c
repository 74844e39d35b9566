/* The demo cohort generator. Organisations get skewed shares of people, each organisation a
 * director, department heads, team managers and staff, so that value counts are uneven the way
 * real cohorts are. */
#include "app/demo/demo_cohort.h"

#include "core/rng.h"
#include "core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct organisation_template {
    const char *name;
    const char *domain;
    double share;
    const char *departments[7];
    const char *locations[3];
};

static const struct organisation_template organisations[] = {
    {"Northbridge Health Trust",
     "northbridge-health.example",
     0.38,
     {"Nursing", "Surgery", "Finance", "Estates", "Digital", "People", "Pharmacy"},
     {"Leeds", "Bradford", "Wakefield"}},
    {"Riverside City Council",
     "riverside-council.example",
     0.27,
     {"Housing", "Planning", "Children's Services", "Finance", "Highways", "Libraries", NULL},
     {"Riverside", "Eastgate", NULL}},
    {"Harbourview Housing",
     "harbourview.example",
     0.2,
     {"Tenancy", "Repairs", "Finance", "Community", "Development", NULL, NULL},
     {"Hull", "Grimsby", NULL}},
    {"Kestrel University",
     "kestrel-uni.example",
     0.15,
     {"Research Office", "Student Services", "Library", "Estates", "Finance", NULL, NULL},
     {"Main Campus", "City Campus", "Online"}},
};
#define ORG_COUNT (sizeof organisations / sizeof organisations[0])

static const char *const first_names[] = {
    "Aisha",   "Ben",    "Chloe",    "Daniel", "Elena",   "Farid",  "Grace",  "Hamza",   "Isla",
    "Jack",    "Kavya",  "Liam",     "Maya",   "Noah",    "Olivia", "Priya",  "Quentin", "Rosa",
    "Samuel",  "Tara",   "Usman",    "Violet", "William", "Xin",    "Yusuf",  "Zara",    "Amir",
    "Bethany", "Callum", "Deepa",    "Ethan",  "Fatima",  "George", "Hannah", "Imran",   "Jade",
    "Kwame",   "Lucy",   "Mohammed", "Niamh",  "Oscar",   "Poppy",  "Rhys",   "Sophie",  "Tomasz",
    "Uma",     "Vikram", "Wendy",    "Yasmin", "Zoltan",
};
static const char *const last_names[] = {
    "Ahmed",  "Brown",     "Chen",    "Davies",  "Evans",    "Fischer", "Green",   "Hughes",
    "Iqbal",  "Jones",     "Khan",    "Lewis",   "Martin",   "Nowak",   "O'Brien", "Patel",
    "Quinn",  "Roberts",   "Singh",   "Taylor",  "Usher",    "Vaughan", "Walker",  "Xu",
    "Young",  "Zielinski", "Adeyemi", "Baker",   "Campbell", "Dubois",  "Edwards", "Fraser",
    "Gupta",  "Hall",      "Ivanova", "Johnson", "Kowalski", "Lopez",   "Murphy",  "Nguyen",
    "Okafor", "Price",     "Reid",    "Smith",   "Thomas",   "Wright",
};
static const char *const tenures[] = {"under 2 years", "2-5 years", "5-10 years", "over 10 years"};

/* A number in [0, N) from the demo's splitmix64 stream (its exact sequence makes the demo
 * cohort: many tests name its people). */
static size_t pick(uint64_t *state, size_t n)
{
    return (size_t)(rng_splitmix64(state) % n);
}

static size_t count_nonnull(const char *const *list, size_t max)
{
    size_t n = 0;
    while (n < max && list[n])
        n++;
    return n;
}

enum { A_ORG, A_DEPT, A_LOC, A_ROLE, A_GRADE, A_GENDER, A_TENURE, A_COUNT };

static int set_value(struct cohort_person *p, int attr, const char *value)
{
    p->values[attr] = strdup(value);
    return p->values[attr] ? 0 : -1;
}

/* Adds one person of organisation O at LEVEL (0 director, 1 head, 2 manager, 3 staff). */
static int add_person(struct cohort *c, uint64_t *rng, size_t o, size_t dept, long manager,
                      int level)
{
    static const char *const roles[] = {"Director", "Head of Department", "Team Manager", NULL};
    static const char *const staff_roles[] = {"Officer", "Specialist", "Analyst", "Coordinator",
                                              "Adviser"};
    static const int grade_base[] = {9, 8, 7, 4};
    const struct organisation_template *org = &organisations[o];
    struct cohort_person *p = &c->people[c->count];
    p->values = calloc(A_COUNT, sizeof *p->values);
    if (!p->values)
        return -1;
    c->count++;
    const char *first = first_names[pick(rng, sizeof first_names / sizeof first_names[0])];
    const char *last = last_names[pick(rng, sizeof last_names / sizeof last_names[0])];
    p->name = str_printf("%s %s", first, last);
    /* Emails are unique by construction: the running number disambiguates namesakes. */
    char *local = str_printf("%s.%s.%zu", first, last, c->count);
    if (!local)
        return -1;
    str_lower(local);
    for (char *q = local; *q; q++) {
        if (*q == '\'')
            *q = '-';
    }
    p->email = str_printf("%s@%s", local, org->domain);
    free(local);
    p->manager = manager;
    p->manager_email = manager >= 0 ? strdup(c->people[manager].email) : NULL;
    size_t locs = count_nonnull(org->locations, 3);
    const char *role = roles[level] ? roles[level] : staff_roles[pick(rng, 5)];
    int grade = grade_base[level] + (level == 3 ? (int)pick(rng, 3) : 0);
    char grade_text[16];
    snprintf(grade_text, sizeof grade_text, "Grade %d", grade);
    /* Gender split roughly as in UK public-sector workforces. */
    size_t g = pick(rng, 100);
    const char *gender = g < 56 ? "Female" : g < 97 ? "Male" : "Non-binary";
    /* Most people work at the organisation's main site. */
    size_t loc = pick(rng, 10) < 6 ? 0 : pick(rng, locs);
    if (!p->name || !p->email || (manager >= 0 && !p->manager_email) ||
        set_value(p, A_ORG, org->name) ||
        set_value(p, A_DEPT, level == 0 ? "Executive" : org->departments[dept]) ||
        set_value(p, A_LOC, org->locations[loc]) || set_value(p, A_ROLE, role) ||
        set_value(p, A_GRADE, grade_text) || set_value(p, A_GENDER, gender) ||
        set_value(p, A_TENURE, tenures[pick(rng, 4)]))
        return -1;
    return 0;
}

/* Generates one organisation's tree of N people. */
static int add_organisation(struct cohort *c, uint64_t *rng, size_t o, size_t n)
{
    const struct organisation_template *org = &organisations[o];
    size_t depts = count_nonnull(org->departments, 7);
    if (n == 0)
        return 0;
    long director = (long)c->count;
    if (add_person(c, rng, o, 0, -1, 0) != 0)
        return -1;
    size_t left = n - 1;
    for (size_t d = 0; d < depts && left > 0; d++) {
        /* Share the rest across departments, larger ones first (skewed counts). */
        size_t share = d + 1 == depts ? left : (left * (depts - d + 1)) / (depts * 2) + 1;
        if (share > left)
            share = left;
        left -= share;
        long head = (long)c->count;
        if (add_person(c, rng, o, d, director, 1) != 0)
            return -1;
        long manager = head;
        for (size_t k = 1; k < share; k++) {
            /* A team manager for every six or so staff. */
            int level = (k % 7 == 1) ? 2 : 3;
            long boss = level == 2 ? head : manager;
            long idx = (long)c->count;
            if (add_person(c, rng, o, d, boss, level) != 0)
                return -1;
            if (level == 2)
                manager = idx;
        }
    }
    return 0;
}

int demo_cohort(struct cohort *out, size_t people, uint64_t seed)
{
    memset(out, 0, sizeof *out);
    if (people < 1 || people > DEMO_MAX_PEOPLE)
        return -1;
    static const char *const attr_names[A_COUNT] = {
        "organisation", "department", "location", "role", "grade", "gender", "tenure"};
    out->attrs = calloc(A_COUNT, sizeof *out->attrs);
    out->people = calloc(people, sizeof *out->people);
    if (!out->attrs || !out->people)
        goto fail;
    out->attr_count = A_COUNT;
    out->has_manager_column = 1;
    for (int k = 0; k < A_COUNT; k++) {
        out->attrs[k] = strdup(attr_names[k]);
        if (!out->attrs[k])
            goto fail;
    }
    uint64_t rng = seed;
    size_t placed = 0;
    for (size_t o = 0; o < ORG_COUNT; o++) {
        size_t n = o + 1 == ORG_COUNT ? people - placed
                                      : (size_t)(organisations[o].share * (double)people + 0.5);
        if (n > people - placed)
            n = people - placed;
        if (add_organisation(out, &rng, o, n) != 0)
            goto fail;
        placed += n;
    }
    for (size_t i = 0; i < out->count; i++)
        out->people[i].line = (long)i + 2; /* as if read from a CSV file with a header */
    return 0;
fail:
    cohort_free(out);
    return -1;
}
