/* Unit tests for the request log line, the metrics text, who may read /metrics and /healthz
 * (web/http/request_log, web/http/metrics), the https headers' inputs (web/http/tls) and the
 * store's health check. */
#include "test_support.h"

#include "core/strbuf.h"
#include "store/db.h"
#include "store/store_health.h"
#include "web/http/metrics.h"
#include "web/http/request_log.h"
#include "web/http/tls.h"

#include <string.h>

static struct web_request_done done_at(const char *route, int status, double seconds)
{
    return (struct web_request_done){.method = "GET",
                                     .route = route,
                                     .status = status,
                                     .seconds = seconds,
                                     .bytes = 1234,
                                     .unix_time = 1796300000LL,
                                     .millis = 7};
}

static void test_log_line(void **state)
{
    (void)state;
    struct web_request_done d = done_at("/programmes/#", 200, 0.0123456);
    char line[WEB_LOG_LINE_MAX];
    size_t n = web_request_log_format(&d, line, sizeof line);
    assert_string_equal(line, "time=2026-12-03T12:13:20.007Z method=GET route=/programmes/# "
                              "status=200 duration_ms=12.346 bytes=1234\n");
    assert_int_equal(n, strlen(line));
}

static void test_describe_uses_pattern_and_fixed_method(void **state)
{
    (void)state;
    struct web_route route = {WEB_GET, "/people/#", 0, false, NULL};
    struct web_request r = {
        .path = "/people/42?email=ada@example.org", .route = &route, .status = 404};
    struct web_request_done d;
    web_request_describe(&r, "PROPFIND", 0.5, 10, &d);
    assert_string_equal(d.route, "/people/#");
    assert_string_equal(d.method, "OTHER"); /* the client's own word never reaches the log */
    assert_int_equal(d.status, 404);
    r.route = NULL;
    web_request_describe(&r, "POST", -1, 0, &d);
    assert_string_equal(d.route, "-");
    assert_string_equal(d.method, "POST");
    assert_true(d.seconds == 0);
}

static void test_metrics_text(void **state)
{
    (void)state;
    web_metrics_reset();
    struct web_request_done a = done_at("/login", 200, 0.002);
    struct web_request_done b = done_at("/login", 303, 0.2);
    web_metrics_observe(&a);
    web_metrics_observe(&a);
    web_metrics_observe(&b);
    struct strbuf out = {0};
    assert_int_equal(web_metrics_write(&out, 3, -1), 0);
    assert_non_null(
        strstr(out.data, "setwork_http_requests_total{route=\"/login\",status=\"200\"} 2\n"));
    assert_non_null(
        strstr(out.data, "setwork_http_requests_total{route=\"/login\",status=\"303\"} 1\n"));
    /* Cumulative buckets: 2 under 5 ms, 3 under 0.25 s, 3 in all. */
    assert_non_null(
        strstr(out.data, "setwork_http_request_duration_seconds_bucket{le=\"0.005\"} 2\n"));
    assert_non_null(
        strstr(out.data, "setwork_http_request_duration_seconds_bucket{le=\"0.25\"} 3\n"));
    assert_non_null(
        strstr(out.data, "setwork_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
    assert_non_null(strstr(out.data, "setwork_http_request_duration_seconds_count 3\n"));
    assert_non_null(strstr(out.data, "setwork_sessions 3\n"));
    assert_null(strstr(out.data, "outbox")); /* no outbox table: no outbox metric */
    sb_free(&out);
    assert_int_equal(web_metrics_write(&out, -1, 5), 0);
    assert_non_null(strstr(out.data, "setwork_outbox_length 5\n"));
    assert_null(strstr(out.data, "setwork_sessions"));
    sb_free(&out);
}

static void test_series_are_bounded(void **state)
{
    (void)state;
    web_metrics_reset();
    /* More distinct statuses than series: the rest count under "other". */
    for (int i = 0; i < WEB_METRICS_SERIES_MAX + 50; i++) {
        struct web_request_done d = done_at("/x", 1000 + i, 0.001);
        web_metrics_observe(&d);
    }
    struct strbuf out = {0};
    assert_int_equal(web_metrics_write(&out, -1, -1), 0);
    assert_non_null(strstr(out.data, "route=\"other\",status=\"0\"} 51\n"));
    assert_non_null(strstr(out.data, "setwork_http_request_duration_seconds_count 562\n"));
    sb_free(&out);
    web_metrics_reset();
}

static void test_who_may_read_metrics(void **state)
{
    (void)state;
    struct web_config config = {.metrics_token = "s3cret-token"};
    struct web_request r = {.config = &config, .address = "127.0.0.1"};
    assert_true(web_metrics_allowed(&r));
    r.address = "::1";
    assert_true(web_metrics_allowed(&r));
    r.address = "10.1.2.3";
    assert_false(web_metrics_allowed(&r));
    r.bearer = "wrong";
    assert_false(web_metrics_allowed(&r));
    r.bearer = "s3cret-token";
    assert_true(web_metrics_allowed(&r));
    config.metrics_token = ""; /* no token set: an empty Bearer must not pass */
    r.bearer = "";
    assert_false(web_metrics_allowed(&r));
}

static void test_public_origin(void **state)
{
    (void)state;
    struct web_config config = {.public_url = "https://sets.example.org/base/"};
    assert_true(web_origin_is_public(&config, "https://sets.example.org"));
    assert_false(web_origin_is_public(&config, "https://sets.example.org.evil.example"));
    assert_false(web_origin_is_public(&config, "http://sets.example.org"));
    assert_false(web_origin_is_public(&config, "https://sets.example"));
    config.public_url = "";
    assert_false(web_origin_is_public(&config, "https://sets.example.org"));
}

static void test_tls_files(void **state)
{
    (void)state;
    char cert[160], key[160];
    snprintf(cert, sizeof cert, "%s/cert.pem", test_tmpdir());
    snprintf(key, sizeof key, "%s/key.txt", test_tmpdir());
    FILE *f = fopen(cert, "w");
    fputs("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", f);
    fclose(f);
    f = fopen(key, "w");
    fputs("not a key\n", f);
    fclose(f);
    struct web_config config = {.tls_cert = cert, .tls_key = key};
    struct web_tls tls;
    char *err = NULL;
    assert_true(web_tls_wanted(&config));
    assert_int_equal(web_tls_load(&config, &tls, &err), -1);
    assert_non_null(strstr(err, "tls_key"));
    assert_non_null(strstr(err, "not a PEM file"));
    free(err);
    err = NULL;
    config.tls_key = "";
    assert_int_equal(web_tls_load(&config, &tls, &err), -1);
    assert_non_null(strstr(err, "both tls_cert and tls_key"));
    free(err);
    err = NULL;
    config.tls_key = cert; /* readable PEM: loads (MHD checks that it is a key) */
    assert_int_equal(web_tls_load(&config, &tls, &err), 0);
    struct MHD_OptionItem options[WEB_TLS_OPTIONS];
    web_tls_options(&tls, options);
    assert_int_equal(options[2].option, MHD_OPTION_HTTPS_PRIORITIES);
    assert_string_equal(options[2].ptr_value, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2");
    assert_int_equal(options[3].option, MHD_OPTION_END);
    web_tls_free(&tls);
    web_tls_options(NULL, options);
    assert_int_equal(options[0].option, MHD_OPTION_END);
}

static void test_store_health(void **state)
{
    (void)state;
    char path[160];
    snprintf(path, sizeof path, "%s/health.db", test_tmpdir());
    struct db *db = NULL;
    char *err = NULL;
    assert_int_equal(db_open(path, &db, &err), 0);
    struct store_health h;
    assert_int_equal(store_health_check(path, &h, &err), 0);
    assert_true(h.schema_current);
    assert_true(h.schema_known > 0);
    assert_int_equal(h.schema_applied, h.schema_known);
    assert_int_equal(store_health_sessions(db, 2000000000LL, 1800, 43200), 0);
    assert_int_equal(store_health_outbox(db), 0); /* the outbox is empty */
    db_close(db);
    char gone[180];
    snprintf(gone, sizeof gone, "%s.gone", path);
    assert_int_equal(store_health_check(gone, &h, &err), -1);
    assert_non_null(strstr(err, "cannot open the database"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_line),
        cmocka_unit_test(test_describe_uses_pattern_and_fixed_method),
        cmocka_unit_test(test_metrics_text),
        cmocka_unit_test(test_series_are_bounded),
        cmocka_unit_test(test_who_may_read_metrics),
        cmocka_unit_test(test_public_origin),
        cmocka_unit_test(test_tls_files),
        cmocka_unit_test(test_store_health),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
