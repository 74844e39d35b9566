/* Repaired designs (issue 17), as data: each tests/unit/cases/rounds_repair/NAME.case is a request
 * (people, table sizes, rounds, leavers, late arrivals, absences, keep-apart pairs, history,
 * departments, rounds locked from a plan) with the repeats expected at most and, for some, the
 * proven bound expected at least. Every schedule goes through the independent checker (locked
 * rounds unchanged, keep-apart never broken, sizes, absences); the proven bound is never above
 * what is found; removing people never adds a repeat to the plan without them; a fixed seed and
 * move budget give one plan. */
#include "test_support.h"

#include "engine/rounds/rounds.h"

#include <dirent.h>

#define CASE_MAX_PAIRS 64

struct repair_case {
    char name[128];
    struct rounds_request req;
    int apart[2 * CASE_MAX_PAIRS], history[2 * CASE_MAX_PAIRS], together[2 * CASE_MAX_PAIRS];
    unsigned char *absent;
    int *attr, *locked;
    int lock_plan, lock_same, lock_shuffled;
    long expect_repeats, expect_same, expect_bound;
};

static void case_free(struct repair_case *c)
{
    free(c->absent);
    free(c->attr);
    free(c->locked);
}

/* Reads the integers of LINE after its keyword into V (at most MAX); '-' separates too. */
static int ints(const char *line, long *v, int max)
{
    int k = 0;
    const char *s = line;
    while (*s && *s != ' ')
        s++;
    while (*s && k < max) {
        char *end;
        long x = strtol(s, &end, 10);
        if (end == s) {
            s++;
            continue;
        }
        v[k++] = x < 0 ? -x : x; /* "4-5" reads as 4 and 5 */
        s = end;
    }
    return k;
}

static unsigned char *absent_table(struct repair_case *c)
{
    if (!c->absent)
        c->absent = calloc((size_t)c->req.people * c->req.rounds, 1);
    assert_non_null(c->absent);
    return c->absent;
}

static void load_case(const char *path, struct repair_case *c)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    memset(c, 0, sizeof *c);
    c->expect_repeats = -1;
    c->expect_same = -1;
    c->expect_bound = -1;
    c->req.seed = 1;
    c->req.seconds = 120; /* the move budget decides, never the clock */
    c->req.max_iterations = 2000;
    char line[256];
    while (fgets(line, sizeof line, fp)) {
        long v[4];
        int k = ints(line, v, 4);
        if (line[0] == '#' || line[0] == '\n')
            continue;
        struct rounds_request *r = &c->req;
        if (strncmp(line, "people ", 7) == 0) {
            r->people = (int)v[0];
        } else if (strncmp(line, "size ", 5) == 0) {
            r->group_size = (int)v[k - 1];
            r->min_group_size = k == 2 ? (int)v[0] : 0;
        } else if (strncmp(line, "rounds ", 7) == 0) {
            r->rounds = (int)v[0];
        } else if (strncmp(line, "leave ", 6) == 0) { /* person, last round played */
            for (int t = (int)v[1]; t < r->rounds; t++)
                absent_table(c)[(size_t)t * r->people + v[0]] = 1;
        } else if (strncmp(line, "late ", 5) == 0) { /* person, first round played */
            for (int t = 0; t < v[1] - 1; t++)
                absent_table(c)[(size_t)t * r->people + v[0]] = 1;
        } else if (strncmp(line, "absent ", 7) == 0) { /* person, round */
            absent_table(c)[(size_t)(v[1] - 1) * r->people + v[0]] = 1;
        } else if (strncmp(line, "apart ", 6) == 0 && r->apart_count < CASE_MAX_PAIRS) {
            c->apart[2 * r->apart_count] = (int)v[0];
            c->apart[2 * r->apart_count++ + 1] = (int)v[1];
        } else if (strncmp(line, "together ", 9) == 0 && r->together_count < CASE_MAX_PAIRS) {
            c->together[2 * r->together_count] = (int)v[0];
            c->together[2 * r->together_count++ + 1] = (int)v[1];
        } else if (strncmp(line, "history ", 8) == 0 && r->history_count < CASE_MAX_PAIRS) {
            c->history[2 * r->history_count] = (int)v[0];
            c->history[2 * r->history_count++ + 1] = (int)v[1];
        } else if (strncmp(line, "departments ", 12) == 0) {
            c->attr = malloc((size_t)r->people * sizeof *c->attr);
            assert_non_null(c->attr);
            for (int i = 0; i < r->people; i++)
                c->attr[i] = i % (int)v[0];
            r->mix_weight = 1;
        } else if (strncmp(line, "lock-plan ", 10) == 0) {
            c->lock_plan = (int)v[0];
        } else if (strncmp(line, "moves ", 6) == 0) { /* the search's move budget */
            r->max_iterations = v[0];
        } else if (strncmp(line, "lock-same ", 10) == 0) {
            c->lock_same = (int)v[0];
        } else if (strncmp(line, "lock-shuffled ", 14) == 0) {
            c->lock_shuffled = (int)v[0];
        } else if (strncmp(line, "expect-bound ", 13) == 0) {
            c->expect_bound = v[0];
        } else if (strncmp(line, "expect-repeats ", 15) == 0) {
            c->expect_repeats = v[0];
        } else if (strncmp(line, "expect-same ", 12) == 0) {
            c->expect_same = v[0];
        } else {
            fail_msg("%s: unknown line %s", path, line);
        }
    }
    fclose(fp);
    c->req.apart = c->apart;
    c->req.history = c->history;
    c->req.together = c->together;
    c->req.absent = c->absent;
    c->req.attr = c->attr;
}

static void solve_checked(const struct rounds_request *req, struct rounds_result *res,
                          const char *name)
{
    char err[256] = "";
    if (rounds_solve(req, res, err, sizeof err) != 0)
        fail_msg("%s: rounds_solve: %s", name, err);
    long rep = -1;
    int most = -1;
    if (rounds_check(req, res->table, &rep, &most, err, sizeof err) != 0)
        fail_msg("%s: checker: %s", name, err);
    assert_int_equal(rep, res->repeat_pairs);
    assert_int_equal(most, res->max_meetings);
    /* The bound is proven: nothing found is below it unless a pair meets three times. */
    if (res->max_meetings <= 2 && res->repeat_pairs < res->least_repeats)
        fail_msg("%s: %ld repeats below the proven bound %ld", name, res->repeat_pairs,
                 res->least_repeats);
    if (res->optimal)
        assert_true(res->perfect || res->repeat_pairs == res->least_repeats);
}

static void run_case(const char *path)
{
    struct repair_case c;
    load_case(path, &c);
    const char *name = strrchr(path, '/') + 1;
    struct rounds_result res;
    int lock = c.lock_plan + c.lock_same + c.lock_shuffled, n = c.req.people;
    if (lock > 0) {
        /* Lock the first rounds as a plan made them: the plan for the same request without
         * steering (lock-plan), the plan for the same request with its absences, keep-apart
         * pairs and history (lock-same: its people named onto a design's points), or the plan
         * without steering with its people renamed by a fixed shuffle (lock-shuffled: rounds
         * of a design under a naming that is not the identity). */
        struct rounds_request from = c.req;
        from.attr = NULL;
        from.mix_weight = 0;
        if (!c.lock_same) {
            from.absent = NULL;
            from.history_count = 0;
            from.apart_count = 0;
            from.together_count = 0;
        }
        solve_checked(&from, &res, name);
        int *rename = malloc((size_t)n * sizeof *rename);
        c.locked = malloc((size_t)lock * n * sizeof *c.locked);
        assert_non_null(rename);
        assert_non_null(c.locked);
        for (int i = 0; i < n; i++)
            rename[i] = i;
        for (int i = n - 1; i > 0 && c.lock_shuffled; i--) {
            int j = (int)((unsigned)(i * 7919 + 13) % (unsigned)(i + 1)), t = rename[i];
            rename[i] = rename[j];
            rename[j] = t;
        }
        for (int r = 0; r < lock; r++)
            for (int i = 0; i < n; i++)
                c.locked[(size_t)r * n + rename[i]] = res.table[(size_t)r * n + i];
        free(rename);
        rounds_result_free(&res);
        c.req.locked = c.locked;
        c.req.locked_rounds = lock;
    }
    solve_checked(&c.req, &res, name);
    if (c.expect_repeats >= 0 && res.repeat_pairs > c.expect_repeats)
        fail_msg("%s: %ld repeats, expected at most %ld (%s)", name, res.repeat_pairs,
                 c.expect_repeats, res.method);
    if (c.expect_same >= 0 && res.same_attr > c.expect_same)
        fail_msg("%s: %ld same-department meetings, expected at most %ld", name, res.same_attr,
                 c.expect_same);
    if (c.expect_repeats == 0)
        assert_true(res.perfect && res.optimal);
    /* A proven bound that a weaker argument would miss: it must not slip back. */
    if (c.expect_bound >= 0 && res.least_repeats < c.expect_bound)
        fail_msg("%s: proven bound %ld, expected at least %ld", name, res.least_repeats,
                 c.expect_bound);
    if (c.expect_bound >= 0 && res.repeat_pairs == c.expect_bound)
        assert_true(res.optimal);
    /* The same seed and move budget give the same plan. */
    struct rounds_result again;
    solve_checked(&c.req, &again, name);
    assert_memory_equal(res.table, again.table,
                        sizeof(int) * (size_t)c.req.people * (size_t)c.req.rounds);
    rounds_result_free(&again);
    /* Removing people never adds a repeat: without the absences, the plan has at least as many
     * (both schedules come from the same engine; a perfect plan stays perfect when thinned).
     * Not with keep-together pairs: the naming does not place them, so both plans are the
     * local search's and comparing them compares two searches, not the repair. */
    if (c.absent && !c.locked && c.req.together_count == 0) {
        struct rounds_request all = c.req;
        all.absent = NULL;
        solve_checked(&all, &again, name);
        if (res.repeat_pairs > again.repeat_pairs)
            fail_msg("%s: %ld repeats with people removed, %ld with everyone", name,
                     res.repeat_pairs, again.repeat_pairs);
        rounds_result_free(&again);
    }
    rounds_result_free(&res);
    case_free(&c);
}

static void test_cases(void **state)
{
    (void)state;
    const char *src = getenv("SETWORK_SOURCE_DIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/unit/cases/rounds_repair", src ? src : ".");
    DIR *d = opendir(dir);
    assert_non_null(d);
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".case") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        run_case(path);
        count++;
    }
    closedir(d);
    assert_true(count >= 10);
}

static void test_bound_counts_locks_and_absences(void **state)
{
    (void)state;
    /* 9 people at tables of 3 for 4 rounds is the affine plane AG(2,3): perfect. Lock its
     * first round and add a fifth: each person has 2 more seats and no one left to meet. */
    struct rounds_request req = {.people = 9, .group_size = 3, .rounds = 4, .seed = 1};
    struct rounds_result res;
    solve_checked(&req, &res, "9-3-4");
    assert_true(res.perfect);
    int locked[9 * 4];
    memcpy(locked, res.table, sizeof locked);
    rounds_result_free(&res);
    struct rounds_request more = {.people = 9,
                                  .group_size = 3,
                                  .rounds = 5,
                                  .locked = locked,
                                  .locked_rounds = 4,
                                  .seed = 1,
                                  .max_iterations = 2000};
    solve_checked(&more, &res, "9-3-5 locked");
    assert_int_equal(res.least_repeats, 9); /* 9 people x 2 seats / 2 */
    assert_int_equal(res.repeat_pairs, 9);
    assert_true(res.optimal);
    assert_false(res.perfect);
    rounds_result_free(&res);
    /* Person 8 away in round 5: 8 people at tables of 3 and 3 and 2 still repeat. */
    unsigned char absent[9 * 5] = {0};
    absent[4 * 9 + 8] = 1;
    more.absent = absent;
    solve_checked(&more, &res, "9-3-5 locked, one away");
    assert_true(res.least_repeats >= 5);
    assert_true(res.repeat_pairs >= res.least_repeats);
    rounds_result_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_bound_counts_locks_and_absences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
