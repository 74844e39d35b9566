/* Unit tests for app/settings: precedence, the config file parser, checks and masking. */
#include "test_support.h"

#include "app/settings/settings.h"
#include "store/db.h"

#include <sys/stat.h>

/* Writes TEXT to DIR/NAME and returns the path (static storage). */
static const char *write_file(const char *dir, const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Returns the one problem on LINE, failing when there is not exactly one. */
static const struct diag *problem_on(const struct diag_list *d, long line)
{
    const struct diag *found = NULL;
    for (size_t i = 0; i < d->count; i++) {
        if (d->items[i].line == line) {
            assert_null(found);
            found = &d->items[i];
        }
    }
    assert_non_null(found);
    return found;
}

static void defaults_are_valid_and_match_the_store(void **state)
{
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    for (int i = 0; i < SETTING_COUNT; i++) {
        const struct setting_def *def = settings_def(i);
        assert_int_equal(settings_find(def->name), i);
        assert_non_null(def->description);
        assert_string_equal(settings_get(&s, i), def->fallback);
        assert_int_equal(s.values[i].source, SETTINGS_DEFAULT);
        assert_int_equal(settings_set(&s, i, def->fallback, SETTINGS_FLAG, NULL, 0, &d), STATUS_OK);
    }
    assert_int_equal(d.count, 0);
    assert_string_equal(settings_get(&s, SETTING_DB), DB_DEFAULT_PATH);
    assert_int_equal(settings_get_long(&s, SETTING_SESSION_IDLE), 1800);
    assert_int_equal(settings_find("nope"), -1);
    settings_free(&s);
}

static void file_then_env_then_flag(void **state)
{
    const char *dir = test_tmpdir();
    assert_non_null(dir);
    const char *path = write_file(dir, "a.conf",
                                  "# comment\n"
                                  "\n"
                                  "db = file.db\n"
                                  "listen = 0.0.0.0:9000\n"
                                  "public_url = \"https://sets.example.org\"\n");
    char *env[] = {"SETWORK_LISTEN=127.0.0.1:7000", "SETWORK_DB=env.db", "SETWORK_SOURCE_DIR=/x",
                   "PATH=/bin", NULL};
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    assert_int_equal(settings_load(&s, path, env, &d), STATUS_OK);
    assert_int_equal(d.count, 0);
    assert_string_equal(s.config_file, path);
    /* The file beats the default; the environment beats the file. */
    assert_string_equal(settings_get(&s, SETTING_PUBLIC_URL), "https://sets.example.org");
    assert_int_equal(s.values[SETTING_PUBLIC_URL].source, SETTINGS_FILE);
    assert_int_equal(s.values[SETTING_PUBLIC_URL].line, 5);
    assert_string_equal(settings_get(&s, SETTING_LISTEN), "127.0.0.1:7000");
    assert_int_equal(s.values[SETTING_LISTEN].source, SETTINGS_ENV);
    assert_string_equal(settings_get(&s, SETTING_DB), "env.db");
    assert_string_equal(settings_get(&s, SETTING_SESSION_MAX), "43200");
    /* The flag beats them all. */
    assert_int_equal(settings_set(&s, SETTING_DB, "flag.db", SETTINGS_FLAG, "--db", 0, &d),
                     STATUS_OK);
    assert_string_equal(settings_get(&s, SETTING_DB), "flag.db");

    struct strbuf from = {0};
    settings_describe_source(&s, SETTING_DB, &from);
    assert_string_equal(from.data, "flag --db");
    sb_reset(&from);
    settings_describe_source(&s, SETTING_LISTEN, &from);
    assert_string_equal(from.data, "env SETWORK_LISTEN");
    sb_reset(&from);
    settings_describe_source(&s, SETTING_PUBLIC_URL, &from);
    char want[300];
    snprintf(want, sizeof want, "file %s:5", path);
    assert_string_equal(from.data, want);
    sb_reset(&from);
    settings_describe_source(&s, SETTING_MAIL_FROM, &from);
    assert_string_equal(from.data, "default");
    sb_free(&from);
    settings_free(&s);
    unlink(path);
    rmdir(dir);
}

static void every_problem_names_file_line_and_setting(void **state)
{
    const char *text = "db = ok.db\n"                          /* 1 */
                       "lisen = 127.0.0.1:80\n"                /* 2: unknown */
                       "listen = localhost:80\n"               /* 3: not IPv4 */
                       "just words\n"                          /* 4: no = */
                       "public_url = www.example.org\n"        /* 5: not absolute */
                       "smtp_url = \"smtps://m.example.org\n"  /* 6: unclosed quote */
                       "   # an indented comment\n"            /* 7 */
                       "session_idle = 12x\n"                  /* 8 */
                       "db = again.db\n"                       /* 9: twice */
                       " = value\n"                            /* 10: no name */
                       "smtp_url = smtp://m.example.org:25\n"; /* 11: fine */
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    assert_int_equal(settings_parse(&s, "t.conf", text, strlen(text), &d), STATUS_INVALID);
    assert_int_equal(d.count, 8);
    for (size_t i = 0; i < d.count; i++)
        assert_string_equal(d.items[i].file, "t.conf");
    assert_non_null(strstr(problem_on(&d, 2)->message, "unknown setting 'lisen'"));
    assert_non_null(strstr(problem_on(&d, 2)->message, "listen"));
    assert_non_null(strstr(problem_on(&d, 3)->message, "setting 'listen' is 'localhost:80'"));
    assert_non_null(strstr(problem_on(&d, 4)->message, "write name = value"));
    assert_non_null(strstr(problem_on(&d, 5)->message, "http:// or https://"));
    assert_non_null(strstr(problem_on(&d, 6)->message, "'smtp_url' has no closing double quote"));
    assert_non_null(strstr(problem_on(&d, 8)->message, "'session_idle'"));
    assert_non_null(strstr(problem_on(&d, 9)->message, "first on line 1"));
    assert_non_null(strstr(problem_on(&d, 10)->message, "no setting name"));
    /* Good lines still apply; bad ones leave the default. */
    assert_string_equal(settings_get(&s, SETTING_DB), "ok.db");
    assert_string_equal(settings_get(&s, SETTING_LISTEN), "127.0.0.1:8080");
    assert_string_equal(settings_get(&s, SETTING_SMTP_URL), "smtp://m.example.org:25");
    assert_int_equal(s.values[SETTING_SMTP_URL].line, 11);
    diag_list_free(&d);
    settings_free(&s);
}

static void quotes_crlf_and_bom(void **state)
{
    const char *text = "\xef\xbb\xbf"
                       "smtp_user = \"a \\\"b\\\" \\\\ c\"\r\n"
                       "mail_from=  Sets <sets@example.org>  \r\n"
                       "smtp_password = \"\"\n"
                       "smtp_password_file = \"x\" y\n";
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    assert_int_equal(settings_parse(&s, "q.conf", text, strlen(text), &d), STATUS_INVALID);
    assert_string_equal(settings_get(&s, SETTING_SMTP_USER), "a \"b\" \\ c");
    assert_string_equal(settings_get(&s, SETTING_MAIL_FROM), "Sets <sets@example.org>");
    assert_int_equal(s.values[SETTING_SMTP_PASSWORD].source, SETTINGS_FILE);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 4);
    assert_non_null(strstr(d.items[0].message, "text after the closing double quote"));
    diag_list_free(&d);
    settings_free(&s);
}

struct check_case {
    enum setting_id id;
    const char *value;
    bool ok;
};

static void each_kind_is_checked(void **state)
{
    static const struct check_case cases[] = {
        {SETTING_DB, "", false},
        {SETTING_DB, "/var/lib/setwork/setwork.db", true},
        {SETTING_LISTEN, "0.0.0.0:0", true},
        {SETTING_LISTEN, "127.0.0.1:65535", true},
        {SETTING_LISTEN, "127.0.0.1:65536", false},
        {SETTING_LISTEN, "127.0.0.1:", false},
        {SETTING_LISTEN, "127.0.0.1:-1", false},
        {SETTING_LISTEN, "8080", false},
        {SETTING_LISTEN, ":8080", false},
        {SETTING_PUBLIC_URL, "", true},
        {SETTING_PUBLIC_URL, "http://localhost:8080", true},
        {SETTING_PUBLIC_URL, "https://sets.example.org/base", true},
        {SETTING_PUBLIC_URL, "https://", false},
        {SETTING_PUBLIC_URL, "https://a b", false},
        {SETTING_PUBLIC_URL, "HTTPS", false},
        {SETTING_SMTP_URL, "smtps://mail.example.org:465", true},
        {SETTING_SMTP_URL, "http://mail.example.org", false},
        {SETTING_MAIL_FROM, "sets@example.org", true},
        {SETTING_MAIL_FROM, "sets", false},
        {SETTING_SESSION_MAX, "1", true},
        {SETTING_SESSION_MAX, "1073741824", true},
        {SETTING_SESSION_MAX, "1073741825", false},
        {SETTING_SESSION_MAX, "0", false},
        {SETTING_SESSION_MAX, "+5", false},
        {SETTING_SMTP_USER, "tab\there", false},
    };
    struct settings s;
    settings_init(&s);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct diag_list d = {0};
        enum status st =
            settings_set(&s, cases[i].id, cases[i].value, SETTINGS_ENV, "SETWORK_X", 0, &d);
        if (st != (cases[i].ok ? STATUS_OK : STATUS_INVALID))
            fail_msg("%s = '%s': expected %s", settings_def(cases[i].id)->name, cases[i].value,
                     cases[i].ok ? "ok" : "a problem");
        assert_int_equal(d.count, cases[i].ok ? 0 : 1);
        if (!cases[i].ok) {
            assert_non_null(strstr(d.items[0].message, "environment variable SETWORK_X"));
            assert_non_null(strstr(d.items[0].message, settings_def(cases[i].id)->name));
        }
        diag_list_free(&d);
    }
    settings_free(&s);
}

static void env_uses_known_names_only(void **state)
{
    char *env[] = {"SETWORK_DB=first.db", "SETWORK_NOPE=x",        "SETWORK_DB=last.db",
                   "SETWORK_DBX=y",       "SETWORK_SMTP_URL=nope", NULL};
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    assert_int_equal(settings_load_env(&s, env, &d), STATUS_INVALID);
    assert_string_equal(settings_get(&s, SETTING_DB), "last.db");
    assert_int_equal(d.count, 1);
    assert_null(d.items[0].file);
    assert_non_null(strstr(d.items[0].message, "SETWORK_SMTP_URL"));
    diag_list_free(&d);
    settings_free(&s);
}

static void secrets_are_masked(void **state)
{
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    assert_true(settings_def(SETTING_SMTP_PASSWORD)->secret);
    assert_false(settings_def(SETTING_SMTP_USER)->secret);
    assert_string_equal(settings_shown(&s, SETTING_SMTP_PASSWORD), "");
    settings_set(&s, SETTING_SMTP_PASSWORD, "hunter2", SETTINGS_FILE, "f", 1, &d);
    settings_set(&s, SETTING_SMTP_USER, "sets", SETTINGS_FILE, "f", 2, &d);
    assert_string_equal(settings_get(&s, SETTING_SMTP_PASSWORD), "hunter2");
    assert_string_equal(settings_shown(&s, SETTING_SMTP_PASSWORD), "********");
    assert_string_equal(settings_shown(&s, SETTING_SMTP_USER), "sets");
    /* A wrong secret is not echoed in the message either. */
    assert_int_equal(
        settings_set(&s, SETTING_SMTP_PASSWORD, "hunter\x01", SETTINGS_FILE, "f", 3, &d),
        STATUS_INVALID);
    assert_int_equal(d.count, 1);
    assert_null(strstr(d.items[0].message, "hunter"));
    assert_string_equal(settings_get(&s, SETTING_SMTP_PASSWORD), "hunter2");
    diag_list_free(&d);
    settings_free(&s);
}

static void limits_are_enforced(void **state)
{
    struct strbuf text = {0};
    sb_append(&text, "db = a.db\nsmtp_user = ");
    for (int i = 0; i < SETTINGS_LINE_MAX; i++)
        sb_append_char(&text, 'x');
    sb_append(&text, "\nlisten = 127.0.0.1:1\n");
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    assert_int_equal(settings_parse(&s, "l.conf", text.data, text.len, &d), STATUS_INVALID);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_non_null(strstr(d.items[0].message, "longer than 4096 bytes"));
    assert_string_equal(settings_get(&s, SETTING_LISTEN), "127.0.0.1:1");
    diag_list_free(&d);

    /* A file past SETTINGS_FILE_MAX is refused whole, naming the file. */
    const char *dir = test_tmpdir();
    assert_non_null(dir);
    sb_reset(&text);
    while (text.len <= SETTINGS_FILE_MAX)
        sb_append(&text, "# padding padding padding padding padding padding padding\n");
    const char *path = write_file(dir, "big.conf", text.data);
    assert_int_equal(settings_load_file(&s, path, &d), STATUS_INVALID);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].file, path);
    assert_non_null(strstr(d.items[0].message, "larger than"));
    diag_list_free(&d);
    unlink(path);

    /* A config file named that does not exist is a problem naming it. */
    char missing[300];
    snprintf(missing, sizeof missing, "%s/missing.conf", dir);
    assert_int_equal(settings_load(&s, missing, NULL, &d), STATUS_INVALID);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].file, missing);
    assert_non_null(strstr(d.items[0].message, "cannot read the config file"));
    assert_null(s.config_file);
    diag_list_free(&d);
    rmdir(dir);
    sb_free(&text);
    settings_free(&s);
}

static void finds_the_local_config_file(void **state)
{
    const char *dir = test_tmpdir();
    assert_non_null(dir);
    char old[4096];
    assert_non_null(getcwd(old, sizeof old));
    assert_int_equal(chdir(dir), 0);
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    if (access(SETTINGS_SYSTEM_CONFIG, F_OK) != 0) {
        assert_int_equal(settings_load(&s, NULL, NULL, &d), STATUS_OK);
        assert_null(s.config_file);
    }
    write_file(".", "setwork.conf", "db = local.db\n");
    assert_int_equal(settings_load(&s, NULL, NULL, &d), STATUS_OK);
    assert_string_equal(s.config_file, SETTINGS_LOCAL_CONFIG);
    assert_string_equal(settings_get(&s, SETTING_DB), "local.db");
    unlink("setwork.conf");
    assert_int_equal(chdir(old), 0);
    rmdir(dir);
    settings_free(&s);
}

/* The example file, its settings uncommented, reads back as the defaults. */
static void example_reads_back_as_the_defaults(void **state)
{
    struct strbuf ex = {0};
    assert_int_equal(settings_write_example(&ex), 0);
    struct strbuf on = {0};
    int seen = 0;
    for (char *line = ex.data; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (line[0] == '#' && line[1] >= 'a' && line[1] <= 'z') {
            sb_append_len(&on, line + 1, n - 1);
            seen++;
        } else {
            sb_append_len(&on, line, n);
        }
        sb_append_char(&on, '\n');
        line += n + (nl ? 1 : 0);
    }
    assert_int_equal(seen, SETTING_COUNT);
    struct settings s;
    settings_init(&s);
    struct diag_list d = {0};
    assert_int_equal(settings_parse(&s, "example", on.data, on.len, &d), STATUS_OK);
    for (int i = 0; i < SETTING_COUNT; i++) {
        assert_int_equal(s.values[i].source, SETTINGS_FILE);
        assert_string_equal(settings_get(&s, i), settings_def(i)->fallback);
        assert_non_null(strstr(ex.data, settings_def(i)->description));
    }
    settings_free(&s);
    sb_free(&on);
    sb_free(&ex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_valid_and_match_the_store),
        cmocka_unit_test(file_then_env_then_flag),
        cmocka_unit_test(every_problem_names_file_line_and_setting),
        cmocka_unit_test(quotes_crlf_and_bom),
        cmocka_unit_test(each_kind_is_checked),
        cmocka_unit_test(env_uses_known_names_only),
        cmocka_unit_test(secrets_are_masked),
        cmocka_unit_test(limits_are_enforced),
        cmocka_unit_test(finds_the_local_config_file),
        cmocka_unit_test(example_reads_back_as_the_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
