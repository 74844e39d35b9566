/* Unit tests for io/mail/mime: encoded words, the sender's address, refused headers, and the
 * shape of a message with an HTML and a calendar alternative. */
#include "test_support.h"

#include "io/mail/mime.h"

#include <string.h>

static char *header(const char *s)
{
    struct strbuf sb = {0};
    mail_encode_header(&sb, s);
    assert_false(sb.failed);
    return sb_take(&sb);
}

static void ascii_headers_stay_as_they_are(void **state)
{
    (void)state;
    char *s = header("Your invitation to setwork");
    assert_string_equal(s, "Your invitation to setwork");
    free(s);
}

static void utf8_headers_become_encoded_words(void **state)
{
    (void)state;
    char *s = header("Caf\xc3\xa9");
    assert_string_equal(s, "=?UTF-8?B?Q2Fmw6k=?=");
    free(s);
    /* A long subject folds into several words, none longer than 75 characters, and no word
     * splits a UTF-8 sequence (each decodes on its own). */
    s = header("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
               "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
               "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 x");
    assert_non_null(strstr(s, "\r\n =?UTF-8?B?"));
    for (char *w = s; (w = strstr(w, "=?UTF-8?B?")); w++) {
        char *end = strstr(w + 10, "?=");
        assert_non_null(end);
        assert_true(end + 2 - w <= 75);
    }
    /* The first word holds 22 é (44 bytes, base64 with one '=' of padding), not 45 bytes that
     * would end half-way through the 23rd. */
    char *end = strstr(s + 10, "?=");
    assert_int_equal(end - (s + 10), 60);
    assert_int_equal(end[-1], '=');
    assert_int_not_equal(end[-2], '=');
    free(s);
}

static void bare_address_of_a_sender(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(mail_bare_address("Sets <sets@example.org>", out, sizeof out), 0);
    assert_string_equal(out, "sets@example.org");
    assert_int_equal(mail_bare_address("sets@example.org", out, sizeof out), 0);
    assert_string_equal(out, "sets@example.org");
    assert_int_equal(mail_bare_address("Sets <nobody>", out, sizeof out), -1);
    assert_int_equal(mail_bare_address("Sets <a@b", out, sizeof out), -1);
}

static struct mail_message sample(void)
{
    return (struct mail_message){.from = "\xc3\x89quipe <sets@example.org>",
                                 .to = "ana@example.org",
                                 .subject = "Hello",
                                 .text = "Hi\n",
                                 .html = "<p>Hi</p>",
                                 .message_id = "abc123@example.org",
                                 .date = 0};
}

static void a_message_with_alternatives(void **state)
{
    (void)state;
    struct mail_message m = sample();
    m.calendar = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
    m.method = "REQUEST";
    m.list_unsubscribe = "https://sets.example.org/unsubscribe?t=x";
    struct strbuf sb = {0};
    const char *why = NULL;
    assert_int_equal(mail_mime_build(&m, &sb, &why), 0);
    assert_non_null(strstr(sb.data, "From: =?UTF-8?B?w4lxdWlwZQ==?= <sets@example.org>\r\n"));
    assert_non_null(strstr(sb.data, "To: ana@example.org\r\n"));
    assert_non_null(strstr(sb.data, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
    assert_non_null(strstr(sb.data, "Message-ID: <abc123@example.org>\r\n"));
    assert_non_null(
        strstr(sb.data, "List-Unsubscribe: <https://sets.example.org/unsubscribe?t=x>"));
    assert_non_null(strstr(sb.data, "Content-Type: multipart/alternative; boundary="));
    assert_non_null(strstr(sb.data, "Content-Type: text/plain; charset=UTF-8\r\n"));
    assert_non_null(strstr(sb.data, "Content-Type: text/html; charset=UTF-8\r\n"));
    assert_non_null(strstr(sb.data, "text/calendar; charset=UTF-8; method=REQUEST\r\n"));
    assert_non_null(strstr(sb.data, "\r\n\r\nSGkK\r\n")); /* "Hi\n" in base64 */
    /* Every line ends with CRLF and none is longer than 998 characters. */
    for (char *p = sb.data; *p;) {
        char *nl = strchr(p, '\n');
        assert_non_null(nl);
        assert_true(nl > p && nl[-1] == '\r');
        assert_true(nl - p <= 998);
        p = nl + 1;
    }
    sb_free(&sb);
}

static void refuses_header_injection_and_lists(void **state)
{
    (void)state;
    const char *why = NULL;
    struct strbuf sb = {0};
    struct mail_message m = sample();
    m.subject = "Hi\r\nBcc: everyone@example.org";
    assert_int_equal(mail_mime_build(&m, &sb, &why), -1);
    assert_non_null(why);
    m = sample();
    m.to = "ana@example.org, bo@example.org";
    assert_int_equal(mail_mime_build(&m, &sb, &why), -1);
    m = sample();
    m.to = "Ana <ana@example.org>";
    assert_int_equal(mail_mime_build(&m, &sb, &why), -1);
    m = sample();
    m.text = "bad \xff byte";
    assert_int_equal(mail_mime_build(&m, &sb, &why), -1);
    m = sample();
    m.calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    assert_int_equal(mail_mime_build(&m, &sb, &why), -1);
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ascii_headers_stay_as_they_are),
        cmocka_unit_test(utf8_headers_become_encoded_words),
        cmocka_unit_test(bare_address_of_a_sender),
        cmocka_unit_test(a_message_with_alternatives),
        cmocka_unit_test(refuses_header_injection_and_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
