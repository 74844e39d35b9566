/* The network pictures: escaping, labels only where readable, no names when anonymised, new
 * ties and sets drawn, and well-formed XML (checked with xmllint when it is installed). */
#include "test_support.h"

#include "io/render/net_svg.h"

#include <math.h>

static struct net_tie T(int a, int b) {
    return (struct net_tie){.from = a, .to = b, .relation = 0, .strength = NAN};
}

static int
count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Writes S to a file and runs xmllint on it; skipped (true) when xmllint is not installed. */
static bool well_formed(const char *s)
{
    if (system("command -v xmllint >/dev/null 2>&1") != 0)
        return true;
    char path[] = "/tmp/setwork-svg-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(s, f);
    fclose(f);
    char *cmd = NULL;
    assert_non_null(cmd = malloc(strlen(path) + 64));
    snprintf(cmd, strlen(path) + 64, "xmllint --noout %s", path);
    int rc = system(cmd);
    free(cmd);
    unlink(path);
    return rc == 0;
}

/* Six people in two sets, one hostile name; a before wave so one tie is new. */
static void test_network_picture(void **state)
{
    double x[] = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9}, y[] = {0.1, 0.5, 0.2, 0.6, 0.9, 0.7};
    int group[] = {0, 0, 1, 1, -1, 2};
    int set[] = {0, 0, 0, 1, 1, -1};
    const char *groups[] = {"Finance & Ops", "Housing", "<Nursing>"};
    const char *sets[] = {"Set A", "Set B"};
    const char *labels[] = {"Ada", "Bob <b>", "Cy", "Di \"D\"", "Ed", "Flo & Co"};
    struct net_tie now[] = {T(0, 1), T(1, 2), T(3, 4), T(2, 3)};
    struct net_tie before[] = {T(0, 1), T(2, 1), T(3, 4)};
    struct net_svg_network in = {
        .count = 6,
        .x = x,
        .y = y,
        .group = group,
        .group_names = groups,
        .group_count = 3,
        .group_title = "Department",
        .set = set,
        .set_names = sets,
        .set_count = 2,
        .labels = labels,
        .ties = now,
        .tie_count = 4,
        .before = before,
        .before_count = 3,
        .title = "final & <b>",
    };
    struct strbuf sb = {0};
    assert_int_equal(net_svg_network(&in, &sb), 0);
    assert_true(well_formed(sb.data));
    assert_null(strstr(sb.data, "Bob <b>"));
    assert_non_null(strstr(sb.data, "Bob &lt;b&gt;"));
    assert_non_null(strstr(sb.data, "Finance &amp; Ops"));
    assert_int_equal(count(sb.data, "<circle cx"), 6 + 4); /* people + legend (3 + unknown) */
    /* One new tie (2-3) in the highlighted group; three kept ties in the plain one. */
    const char *fresh = strstr(sb.data, "class=\"new-ties\"");
    assert_non_null(fresh);
    assert_int_equal(count(fresh, "<line x1") - 1 /* legend sample */, 1);
    assert_int_equal(count(sb.data, "<path stroke-width"), 2); /* one hull per set */
    assert_int_equal(count(sb.data, "<text x=") -
                         count(strstr(sb.data, "class=\"legend\""), "<text x="),
                     6 + 1); /* name labels and the panel title */
    sb_free(&sb);

    /* Anonymised: no labels at all, and no new-tie layer without a before wave. */
    in.labels = NULL;
    in.before = NULL;
    assert_int_equal(net_svg_network(&in, &sb), 0);
    assert_true(well_formed(sb.data));
    assert_null(strstr(sb.data, "Ada"));
    assert_null(strstr(sb.data, "new-ties"));
    sb_free(&sb);

    /* Side by side: two panels, both titles. */
    struct net_svg_network left = in;
    left.title = "baseline";
    in.before = before;
    in.before_count = 3;
    assert_int_equal(net_svg_side_by_side(&left, &in, &sb), 0);
    assert_true(well_formed(sb.data));
    assert_non_null(strstr(sb.data, ">baseline<"));
    assert_int_equal(count(sb.data, "class=\"people\""), 2);
    sb_free(&sb);
}

/* Colours never repeat: the first NET_SVG_PALETTE groups have a colour each, the rest share
 * one grey that no group has, and the legend says how many are grey. */
static void test_colours_never_repeat(void **state)
{
    (void)state;
    for (int a = 0; a < NET_SVG_PALETTE; a++) {
        assert_string_not_equal(net_svg_colour(a), net_svg_colour(-1));
        assert_string_not_equal(net_svg_colour(a), net_svg_colour(NET_SVG_PALETTE));
        for (int b = a + 1; b < NET_SVG_PALETTE; b++)
            assert_string_not_equal(net_svg_colour(a), net_svg_colour(b));
    }
    assert_string_equal(net_svg_colour(NET_SVG_PALETTE), net_svg_colour(NET_SVG_PALETTE + 5));

    enum { N = NET_SVG_PALETTE + 6 };
    double x[N], y[N];
    int group[N];
    char names[N][16];
    const char *groups[N];
    for (int i = 0; i < N; i++) {
        x[i] = (i % 6) / 6.0;
        y[i] = (i / 6) / 6.0;
        group[i] = i;
        snprintf(names[i], sizeof names[i], "Dept %d", i);
        groups[i] = names[i];
    }
    struct net_svg_network in = {
        .count = N,
        .x = x,
        .y = y,
        .group = group,
        .group_names = groups,
        .group_count = N,
        .group_title = "Department",
        .title = "many departments",
    };
    struct strbuf sb = {0};
    assert_int_equal(net_svg_network(&in, &sb), 0);
    assert_true(well_formed(sb.data));
    assert_non_null(strstr(sb.data, ">the other 6, in grey<"));
    assert_null(strstr(sb.data, "repeat"));
    sb_free(&sb);
}

/* Past NET_SVG_LABEL_MAX people the names move into tooltips only. */
static void test_no_labels_when_large(void **state)
{
    enum { N = NET_SVG_LABEL_MAX + 1 };
    double x[N], y[N];
    const char *labels[N];
    for (int i = 0; i < N; i++) {
        x[i] = (double)i / N;
        y[i] = 0.5;
        labels[i] = "Person";
    }
    struct net_svg_network in = {.count = N, .x = x, .y = y, .labels = labels};
    struct strbuf sb = {0};
    assert_int_equal(net_svg_network(&in, &sb), 0);
    assert_null(strstr(sb.data, "class=\"labels\""));
    assert_int_equal(count(sb.data, "<title>Person</title>"), N);
    sb_free(&sb);
    /* Too many sets to outline: no hulls, and the legend says so. */
    int set[N];
    for (int i = 0; i < N; i++)
        set[i] = i / 2;
    in.set = set;
    in.set_count = (N + 1) / 2;
    assert_true(in.set_count > NET_SVG_HULL_MAX);
    assert_int_equal(net_svg_network(&in, &sb), 0);
    assert_null(strstr(sb.data, "class=\"sets\""));
    assert_non_null(strstr(sb.data, "too many to outline"));
    sb_free(&sb);
}

static void test_ego_picture(void **state)
{
    int group[] = {0, 1, 1, 0, 2};
    const char *labels[] = {"Ada", "Bob", "Cy & Co", "Di", "Ed"};
    const char *groups[] = {"A", "B", "C"};
    struct net_tie now[] = {T(0, 1), T(2, 0), T(1, 2), T(3, 4)};
    struct net_tie before[] = {T(0, 1), T(0, 3)};
    struct net_svg_ego in = {
        .count = 5,
        .ego = 0,
        .group = group,
        .group_names = groups,
        .group_count = 3,
        .labels = labels,
        .ties = now,
        .tie_count = 4,
        .before = before,
        .before_count = 2,
        .title = "Contacts of Ada",
    };
    struct strbuf sb = {0};
    assert_int_equal(net_svg_ego_network(&in, &sb), 0);
    assert_true(well_formed(sb.data));
    assert_non_null(strstr(sb.data, "2 contacts"));
    assert_non_null(strstr(sb.data, "1 new"));
    assert_non_null(strstr(sb.data, "1 no longer named"));
    assert_non_null(strstr(sb.data, "Cy &amp; Co"));
    assert_null(strstr(sb.data, ">Ed<")); /* not a contact of Ada */
    sb_free(&sb);
    in.labels = NULL;
    assert_int_equal(net_svg_ego_network(&in, &sb), 0);
    assert_non_null(strstr(sb.data, ">You<"));
    assert_null(strstr(sb.data, "Bob"));
    sb_free(&sb);
    in.ego = 5;
    assert_int_equal(net_svg_ego_network(&in, &sb), -1);
    sb_free(&sb);
}

static void test_change_chart(void **state)
{
    struct net_comparison c = {.gained_inside = 3, .gained_beyond = 7, .lost_beyond = 1};
    for (int m = 0; m < NET_METRIC_COUNT; m++)
        c.metric[m] = (struct net_metric_change){.metric = m,
                                                 .pairs = 10,
                                                 .mean_before = -0.5,
                                                 .mean_after = 0.25,
                                                 .mean_diff = 0.75,
                                                 .sd_diff = 0.5,
                                                 .d_z = 1.5};
    c.metric[NET_M_BETWEENNESS].pairs = 0;
    struct strbuf sb = {0};
    assert_int_equal(net_svg_change_chart(&c, "base<line>", "final", &sb), 0);
    assert_true(well_formed(sb.data));
    assert_non_null(strstr(sb.data, "base&lt;line&gt;"));
    assert_non_null(strstr(sb.data, "d_z = 1.50"));
    assert_non_null(strstr(sb.data, "no data"));
    assert_null(strstr(sb.data, "nan"));
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_network_picture),      cmocka_unit_test(test_colours_never_repeat),
        cmocka_unit_test(test_no_labels_when_large), cmocka_unit_test(test_ego_picture),
        cmocka_unit_test(test_change_chart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
