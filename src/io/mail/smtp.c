/* The SMTP client: libcurl's SMTP with the server's last reply kept for the record. */
#include "io/mail/smtp.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct mail_smtp {
    CURL *curl;
    char *url, *user, *password;
    char last_reply[512]; /* the server's last refusal, for the record */
    const char *data;
    size_t len, pos;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static char *dup_or_null(const char *s)
{
    return s && *s ? strdup(s) : NULL;
}

struct mail_smtp *mail_smtp_open(const char *url, const char *user, const char *password)
{
    pthread_once(&curl_once, curl_init_once);
    struct mail_smtp *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->url = strdup(url);
    s->user = dup_or_null(user);
    s->password = dup_or_null(password);
    s->curl = curl_easy_init();
    if (!s->url || !s->curl || (user && *user && !s->user) ||
        (password && *password && !s->password)) {
        mail_smtp_close(s);
        return NULL;
    }
    return s;
}

void mail_smtp_close(struct mail_smtp *s)
{
    if (!s)
        return;
    if (s->curl)
        curl_easy_cleanup(s->curl);
    free(s->url);
    free(s->user);
    if (s->password) {
        memset(s->password, 0, strlen(s->password));
        free(s->password);
    }
    free(s);
}

static size_t read_body(char *buf, size_t size, size_t nitems, void *arg)
{
    struct mail_smtp *s = arg;
    size_t room = size * nitems, left = s->len - s->pos;
    size_t n = left < room ? left : room;
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return n;
}

/* Keeps the server's last refusal (a 4xx or 5xx reply line): curl reports only the code, and
 * the last line of all is the answer to QUIT. */
static int on_debug(CURL *handle, curl_infotype type, char *data, size_t size, void *arg)
{
    (void)handle;
    struct mail_smtp *s = arg;
    if (type != CURLINFO_HEADER_IN || size == 0 || (data[0] != '4' && data[0] != '5'))
        return 0;
    while (size > 0 && (data[size - 1] == '\n' || data[size - 1] == '\r'))
        size--;
    if (size >= sizeof s->last_reply)
        size = sizeof s->last_reply - 1;
    memcpy(s->last_reply, data, size);
    s->last_reply[size] = '\0';
    return 0;
}

enum mail_send_result mail_smtp_send(struct mail_smtp *s, const char *from, const char *to,
                                     const char *message, size_t len, struct strbuf *answer)
{
    CURL *c = s->curl;
    struct curl_slist *rcpt = NULL;
    char from_arg[300], errbuf[CURL_ERROR_SIZE] = "";
    size_t fl = strlen(from);
    if (fl + 3 > sizeof from_arg) {
        sb_append(answer, "the sender's address is too long");
        return MAIL_PERMANENT;
    }
    from_arg[0] = '<';
    memcpy(from_arg + 1, from, fl);
    from_arg[fl + 1] = '>';
    from_arg[fl + 2] = '\0';
    struct strbuf to_arg = {0};
    sb_printf(&to_arg, "<%s>", to);
    rcpt = to_arg.failed ? NULL : curl_slist_append(NULL, to_arg.data);
    sb_free(&to_arg);
    if (!rcpt) {
        sb_append(answer, "out of memory");
        return MAIL_TEMPORARY;
    }
    s->data = message;
    s->len = len;
    s->pos = 0;
    s->last_reply[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, s->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    /* STARTTLS when the server offers it; smtps:// is TLS from the start. */
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    if (s->user)
        curl_easy_setopt(c, CURLOPT_USERNAME, s->user);
    if (s->password)
        curl_easy_setopt(c, CURLOPT_PASSWORD, s->password);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_arg);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
    curl_easy_setopt(c, CURLOPT_READDATA, s);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)MAIL_SMTP_CONNECT_SECONDS);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)MAIL_SMTP_SEND_SECONDS);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, s);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
    CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, NULL);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
    curl_slist_free_all(rcpt);
    if (rc == CURLE_OK)
        return MAIL_SENT;
    if (s->last_reply[0] && code >= 400)
        sb_append(answer, s->last_reply);
    else
        sb_append(answer, errbuf[0] ? errbuf : curl_easy_strerror(rc));
    /* Wrong credentials are the sender's fault, not the message's: keep it for later. */
    if (rc == CURLE_LOGIN_DENIED)
        return MAIL_UNREACHABLE;
    if (code >= 500 && code < 600)
        return MAIL_PERMANENT;
    if (code >= 400)
        return MAIL_TEMPORARY;
    return MAIL_UNREACHABLE;
}
