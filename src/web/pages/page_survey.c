/* The pulse survey for a participant (issue 8): GET /my/survey?wave=start|end shows the
 * programme's instrument as labelled radio groups with its source named; POST stores the answers
 * through survey_submit and shows back the person's own answers, never anyone else's. */
#include "web/http/web.h"

#include "app/surveys/survey.h"
#include "app/surveys/survey_window.h"
#include "store/store_challenges.h"
#include "store/store_surveys.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

/* The first programme the viewer is a member of: 0 and *ID, 1 when none, -1 on error. */
static int my_programme(struct web_request *r, long long *id)
{
    json_t *all = view_programmes(r->db, &r->user);
    if (!all)
        return -1;
    size_t i;
    json_t *p;
    int rc = 1;
    json_array_foreach(all, i, p)
    {
        long long pid = json_integer_value(json_object_get(p, "id"));
        if (rc == 1 && r->user.person_id && store_is_member(r->db, pid, r->user.person_id) == 1) {
            *id = pid;
            rc = 0;
        }
    }
    json_decref(all);
    return rc;
}

static const char *wave_of(const char *w)
{
    return w && strcmp(w, "end") == 0 ? "end" : "start";
}

/* The instrument of WAVE: the wave's own once opened, else setwork's default. 0 or -1. */
static int wave_instrument(struct web_request *r, long long programme, const char *wave,
                           long long *instrument)
{
    long long wave_id;
    int rc = store_wave_find(r->db, programme, wave, &wave_id, instrument);
    if (rc == 1)
        rc = store_instrument_id(r->db, SURVEY_DEFAULT_INSTRUMENT, instrument);
    return rc == 0 ? 0 : -1;
}

/* The answer of wave WAVE to item CODE among MINE, or NULL. */
static json_t *answer_of(json_t *mine, const char *wave, const char *code)
{
    size_t i;
    json_t *a;
    json_array_foreach(mine, i, a)
    {
        const char *w = json_string_value(json_object_get(a, "wave"));
        const char *c = json_string_value(json_object_get(a, "item"));
        if (w && c && code && strcmp(w, wave) == 0 && strcmp(c, code) == 0)
            return a;
    }
    return NULL;
}

/* One cell of the answers table: the answer's label (its number when it has none), or a dash. */
static void answer_cell(struct html *page, json_t *a)
{
    H(page, "<td>");
    const char *label = a ? json_string_value(json_object_get(a, "label")) : NULL;
    if (label)
        html_text(page, label);
    else if (a)
        html_int(page, json_integer_value(json_object_get(a, "value")));
    else
        H(page, "<span class=\"meta\">not answered</span>");
    H(page, "</td>");
}

/* The person's own answers, one row a question with the start and the end side by side, so
 * that they see their own change. */
static void own_answers(struct html *page, json_t *mine)
{
    size_t i;
    json_t *a;
    H(page, "<h2>Your answers</h2>\n<p class=\"hint\">Only you see these; the programme sees "
            "only totals over at least five people.</p>\n");
    if (json_array_size(mine) == 0) {
        H(page, "<p>You have not answered yet.</p>\n");
        return;
    }
    html_scroll_begin(page, "Your answers");
    H(page, "<table class=\"answers\"><thead><tr><th scope=\"col\">Question</th>"
            "<th scope=\"col\">Start</th><th scope=\"col\">End</th><th scope=\"col\">Change"
            "</th></tr></thead><tbody>\n");
    json_array_foreach(mine, i, a)
    {
        const char *code = json_string_value(json_object_get(a, "item"));
        size_t k;
        json_t *b;
        bool seen = false; /* one row a question, where it first appears */
        json_array_foreach(mine, k, b)
        {
            if (k >= i)
                break;
            const char *c = json_string_value(json_object_get(b, "item"));
            seen = seen || (c && code && strcmp(c, code) == 0);
        }
        if (seen)
            continue;
        json_t *start = answer_of(mine, "start", code), *end = answer_of(mine, "end", code);
        H(page, "<tr><th scope=\"row\">");
        html_text(page, json_string_value(json_object_get(a, "text")));
        H(page, "</th>");
        answer_cell(page, start);
        answer_cell(page, end);
        H(page, "<td>");
        if (start && end) {
            long long d = json_integer_value(json_object_get(end, "value")) -
                          json_integer_value(json_object_get(start, "value"));
            if (d == 0)
                H(page, "same");
            else if (d > 0)
                H(page, "+");
            else
                H(page, "−");
            if (d != 0) {
                html_int(page, d > 0 ? d : -d);
                if (d == 1 || d == -1)
                    H(page, " point");
                else
                    H(page, " points");
            }
        }
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
    html_scroll_end(page);
}

/* PERSON's earlier answer to item CODE in WAVE among MINE (their own answers), or
 * INSTRUMENT_NO_ANSWER, so that answering again starts from what they said. */
static long long earlier(json_t *mine, const char *wave, const char *code)
{
    size_t i;
    json_t *a;
    json_array_foreach(mine, i, a)
    {
        const char *w = json_string_value(json_object_get(a, "wave"));
        const char *c = json_string_value(json_object_get(a, "item"));
        if (w && c && code && strcmp(w, wave) == 0 && strcmp(c, code) == 0)
            return json_integer_value(json_object_get(a, "value"));
    }
    return INSTRUMENT_NO_ANSWER;
}

/* What was sent and not saved, shown again as it was chosen: ANSWERS (COUNT of them, or NULL),
 * and whether the person has been told that some are missing (the next save keeps the gaps). */
struct survey_draft {
    const int *answers;
    size_t count;
    bool partial_ok;
};

static void form(struct web_request *r, struct html *page, json_t *ins, const char *wave,
                 json_t *mine, const struct survey_draft *draft)
{
    size_t i, k;
    json_t *item, *pt;
    H(page, "<p class=\"source\">Source: ");
    html_text(page, json_string_value(json_object_get(ins, "source")));
    H(page, "</p>\n<form method=\"post\" action=\"/my/survey\">\n");
    html_csrf(page, r->csrf);
    H(page, "<input type=\"hidden\" name=\"wave\" value=\"");
    html_text(page, wave);
    H(page, "\">\n");
    if (draft && draft->partial_ok)
        H(page, "<input type=\"hidden\" name=\"partial_ok\" value=\"1\">\n");
    json_array_foreach(json_object_get(ins, "items"), i, item)
    {
        H(page, "<fieldset><legend>");
        html_int(page, (long long)i + 1);
        H(page, ". ");
        html_text(page, json_string_value(json_object_get(item, "text")));
        H(page, "</legend>\n");
        long long before =
            draft && draft->answers && i < draft->count
                ? draft->answers[i]
                : earlier(mine, wave, json_string_value(json_object_get(item, "code")));
        json_array_foreach(json_object_get(ins, "points"), k, pt)
        {
            long long value = json_integer_value(json_object_get(pt, "value"));
            H(page, "<input type=\"radio\" id=\"q");
            html_int(page, (long long)i);
            H(page, "-");
            html_int(page, value);
            H(page, "\" name=\"q");
            html_int(page, (long long)i);
            H(page, "\" value=\"");
            html_int(page, value);
            if (value == before)
                H(page, "\" checked><label for=\"q");
            else
                H(page, "\"><label for=\"q");
            html_int(page, (long long)i);
            H(page, "-");
            html_int(page, value);
            H(page, "\">");
            html_text(page, json_string_value(json_object_get(pt, "label")));
            H(page, "</label>\n");
        }
        H(page, "</fieldset>\n");
    }
    H(page, "<button type=\"submit\">Save my answers</button>\n</form>\n");
}

/* Renders the survey page for WAVE with NOTICE (error when ERROR) above it. */
static void show(struct web_request *r, int status, const char *wave, const char *notice,
                 bool error, const struct survey_draft *draft)
{
    long long programme, instrument;
    int rc = my_programme(r, &programme);
    if (rc < 0) {
        web_error(r, 500, "Your programmes could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page,
                    strcmp(wave, "end") == 0 ? "Survey: end of the programme"
                                             : "Survey: start of the programme",
                    &v);
    if (notice)
        html_notice(&page, error, notice);
    H(&page, "<p class=\"actions\"><a href=\"/my/survey?wave=start\">Start of the programme</a> "
             "<a href=\"/my/survey?wave=end\">End of the programme</a></p>\n");
    struct instrument ins = {0};
    long long *items = NULL;
    if (rc == 1) {
        H(&page, "<p>You are not a member of a programme.</p>\n");
    } else if (wave_instrument(r, programme, wave, &instrument) != 0 ||
               store_instrument_load(r->db, instrument, &ins, &items) != 0) {
        H(&page, "<p>The survey could not be found.</p>\n");
    } else {
        json_t *j = survey_instrument_json(&ins);
        json_t *mine = view_survey_answers(r->db, programme, r->user.person_id);
        struct survey_window win;
        if (survey_wave_window(r->db, programme, wave, r->now, &win) != STATUS_OK)
            win.open = true;
        if (!win.open) {
            /* Outside its window the wave takes no answers; the person's own stay visible. */
            H(&page, "<p class=\"info\">");
            html_text(&page, win.message);
            H(&page, "</p>\n");
        } else if (j)
            form(r, &page, j, wave, mine, draft);
        own_answers(&page, mine);
        json_decref(j);
        json_decref(mine);
    }
    instrument_free(&ins);
    free(items);
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

void page_my_survey(struct web_request *r)
{
    show(r, 200, wave_of(formdata_get(&r->query, "wave")), NULL, false, NULL);
}

void page_survey_submit(struct web_request *r)
{
    const char *wave = wave_of(formdata_get(&r->form, "wave"));
    long long programme, instrument;
    if (!r->user.person_id || my_programme(r, &programme) != 0) {
        web_error(r, 422, "Your account is not a participant in a programme.");
        return;
    }
    struct survey_window win;
    if (survey_wave_window(r->db, programme, wave, r->now, &win) == STATUS_OK && !win.open) {
        web_error(r, 409, win.message);
        return;
    }
    struct instrument ins = {0};
    long long *items = NULL;
    if (wave_instrument(r, programme, wave, &instrument) != 0 ||
        store_instrument_load(r->db, instrument, &ins, &items) != 0) {
        web_error(r, 500, "The survey could not be found.");
        return;
    }
    int *answers = calloc(ins.nitems + 1, sizeof *answers);
    size_t given = 0;
    for (size_t i = 0; answers && i < ins.nitems; i++) {
        struct strbuf sb = {0};
        sb_printf(&sb, "q%zu", i);
        const char *s = formdata_get(&r->form, sb.data ? sb.data : "");
        char *end = NULL;
        long val = s && *s ? strtol(s, &end, 10) : 0;
        answers[i] = s && *s && !*end ? (int)val : INSTRUMENT_NO_ANSWER;
        given += answers[i] != INSTRUMENT_NO_ANSWER;
        sb_free(&sb);
    }
    size_t n = ins.nitems;
    instrument_free(&ins);
    free(items);
    const char *ok = formdata_get(&r->form, "partial_ok");
    if (answers && given > 0 && given < n && !(ok && strcmp(ok, "1") == 0)) {
        /* Some questions were missed: say which before saving, keeping what was chosen. */
        struct strbuf msg = {0};
        sb_append(&msg, "Nothing was saved yet: you have not answered question");
        sb_append(&msg, n - given == 1 ? " " : "s ");
        size_t told = 0;
        for (size_t i = 0; i < n; i++) {
            if (answers[i] != INSTRUMENT_NO_ANSWER)
                continue;
            told++;
            sb_printf(&msg, "%s%zu", told == 1 ? "" : told == n - given ? " and " : ", ", i + 1);
        }
        sb_append(&msg, ". Answer them, or press Save my answers again to save what you have.");
        struct survey_draft d = {answers, n, true};
        show(r, 422, wave, msg.data, true, &d);
        sb_free(&msg);
        free(answers);
        return;
    }
    char *err = NULL;
    int rc = -1;
    if (answers && given == 0)
        rc = 2;
    else if (answers)
        rc = survey_submit(r->db, programme, r->user.person_id, wave, instrument, answers, n, &err);
    free(answers);
    if (rc == 0) {
        show(r, 200, wave, "Thank you: your answers are saved.", false, NULL);
    } else if (rc == 2) {
        show(r, 400, wave, "Nothing was saved: answer at least one question.", true, NULL);
    } else if (rc == 1) {
        char *msg = str_printf("Nothing was saved: %s.", err ? err : "the answers are not valid");
        show(r, 422, wave, msg, true, NULL);
        free(msg);
    } else {
        web_error(r, 500, "The answers could not be saved.");
    }
    free(err);
}
