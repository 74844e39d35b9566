#!/usr/bin/env bash
# An admin's themes on the web (issue 16): the list with sizes, rename, merge and split with a
# confirmation first and errors next to the form; and what an admin did survives the server's
# background refresh (a rename keeps its label, a merge stays together, a split stays apart).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
db="$SCRATCH/db"
demo_db "$db"
"$SETWORK" --db "$db" challenges demo --programme Demo >/dev/null
sql() { sqlite3 "$db" "$1"; }
# A cohort challenge whose author did not agree to an excerpt, in a theme, carries a marker.
sql "UPDATE challenges SET body = body || ' MKNOCONSENT' WHERE id = (SELECT min(c.id) FROM challenges c
     JOIN theme_members tm ON tm.challenge_id = c.id WHERE c.visibility = 'cohort' AND c.consent = 0)"
SETWORK_THEMES_REFRESH=1 start_server "$db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
admin="$SCRATCH/jar.admin"
login "$admin" admin@demo.example >/dev/null
tidy_ok() { tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "$1 not valid HTML: $(cat "$SCRATCH/tidy.txt")"; }

# Themes are found again in the background; this waits until the pass after a change is done.
refresh() {
  sql "INSERT INTO theme_refresh(programme_id, changed_at) VALUES (1, 0)
       ON CONFLICT(programme_id) DO UPDATE SET changed_at = 0"
  for _ in $(seq 1 100); do
    [ "$(sql "SELECT COUNT(*) FROM theme_refresh")" = 0 ] && return 0
    sleep 0.1
  done
  fail "the background refresh did not run"
}

expect_status 200 "$(status "$admin" GET /programmes/1)" "the programme page"
expect_contains "$SCRATCH/last.body" 'href="/programmes/1/themes"' "the programme links to its themes"
expect_status 200 "$(status "$admin" GET /programmes/1/themes)" "the themes page"
tidy_ok "the themes page"
cp "$SCRATCH/last.body" "$SCRATCH/themes.html"
expect_contains "$SCRATCH/themes.html" "<th scope=\"col\" class=\"num\">People</th>" "sizes are listed"
# Nothing the admin may not read: no author's name or email, no words of a non-consenting author.
[ "$(sql "SELECT COUNT(*) FROM challenges WHERE body LIKE '%MKNOCONSENT'")" = 1 ] && pass || fail "planted"
expect_not_contains "$SCRATCH/themes.html" "MKNOCONSENT" "no text without consent"
expect_contains "$SCRATCH/themes.html" "<q>" "excerpts of consenting authors"
expect_not_contains "$SCRATCH/themes.html" "@demo.example</" "no email"

T1=$(sql "SELECT id FROM themes ORDER BY id LIMIT 1")
T2=$(sql "SELECT id FROM themes ORDER BY id LIMIT 1 OFFSET 1")
T3=$(sql "SELECT id FROM themes ORDER BY id LIMIT 1 OFFSET 2")
[ -n "$T3" ] && pass || fail "the demo has at least three themes"

# Rename: an empty name is refused next to its field; a name is kept through a refresh.
expect_status 422 "$(post "$admin" /programmes/1/themes/rename --data "theme=$T1" --data-urlencode "label=")" \
  "an empty name is refused"
expect_contains "$SCRATCH/last.body" "Give the theme a name." "the error says what to do"
tidy_ok "the themes page with an error"
expect_contains "$SCRATCH/last.body" "aria-describedby=\"label-$T1-error\"" "next to the field"
expect_status 303 "$(post "$admin" /programmes/1/themes/rename --data "theme=$T1" \
  --data-urlencode "label=Workload & <time>")" "a rename"
[ "$(sql "SELECT label || '|' || renamed FROM themes WHERE id = $T1")" = "Workload & <time>|1" ] && pass ||
  fail "the new name is stored"
status "$admin" GET /programmes/1/themes >/dev/null
expect_contains "$SCRATCH/last.body" "Workload &amp; &lt;time&gt;" "the name is shown, escaped"

# Merge: asked first, nothing changes until confirmed; then the two are one, also after a refresh.
MEMBERS=$(sql "SELECT group_concat(challenge_id) FROM (SELECT challenge_id FROM theme_members
               WHERE theme_id IN ($T2, $T3) ORDER BY challenge_id)")
expect_status 422 "$(post "$admin" /programmes/1/themes/merge --data "into=$T2")" "a merge of one theme"
expect_contains "$SCRATCH/last.body" "Tick at least one theme" "says what is missing"
expect_status 200 "$(post "$admin" /programmes/1/themes/merge --data "into=$T2" --data "from=$T3")" \
  "a merge asks first"
expect_contains "$SCRATCH/last.body" "Yes, merge" "the confirmation"
tidy_ok "the merge confirmation"
[ "$(sql "SELECT COUNT(*) FROM themes WHERE id = $T3")" = 1 ] && pass || fail "nothing merged before yes"
expect_status 303 "$(post "$admin" /programmes/1/themes/merge --data "into=$T2" --data "from=$T3" \
  --data confirm=yes)" "the merge confirmed"
[ "$(sql "SELECT COUNT(*) FROM themes WHERE id = $T3")" = 0 ] && pass || fail "the merged theme is gone"
together() { sql "SELECT COUNT(DISTINCT theme_id) || ':' || COUNT(*) FROM theme_members WHERE challenge_id IN ($MEMBERS)"; }
NM=$(echo "$MEMBERS" | tr ',' '\n' | wc -l)
[ "$(together)" = "1:$NM" ] && pass || fail "the merged challenges are in one theme: $(together)"
refresh
[ "$(together)" = "1:$NM" ] && pass || fail "still one theme after the background refresh: $(together)"
[ "$(sql "SELECT COUNT(*) FROM themes WHERE label = 'Workload & <time>' AND renamed = 1")" = 1 ] && pass ||
  fail "the rename survives the refresh"

# Split: choose one challenge of the merged theme; it stays apart through a refresh.
MOVE=$(sql "SELECT min(challenge_id) FROM theme_members WHERE theme_id = $T2")
expect_status 422 "$(post "$admin" /programmes/1/themes/split --data "theme=$T2")" "a split with nothing ticked"
expect_contains "$SCRATCH/last.body" "Tick the challenges that go to the new theme." "says what is missing"
expect_contains "$SCRATCH/last.body" "<details open>" "the split form is open at its error"
tidy_ok "the split error"
expect_status 200 "$(post "$admin" /programmes/1/themes/split --data "theme=$T2" --data "move=$MOVE")" \
  "a split asks first"
expect_contains "$SCRATCH/last.body" "Yes, split" "the confirmation"
expect_status 303 "$(post "$admin" /programmes/1/themes/split --data "theme=$T2" --data "move=$MOVE" \
  --data confirm=yes)" "the split confirmed"
apart() { sql "SELECT (SELECT theme_id FROM theme_members WHERE challenge_id = $MOVE) <>
                      (SELECT theme_id FROM theme_members WHERE challenge_id =
                        (SELECT max(challenge_id) FROM theme_members WHERE theme_id = $T2))"; }
[ "$(apart)" = 1 ] && pass || fail "the chosen challenge is in a theme of its own"
refresh
[ "$(apart)" = 1 ] && pass || fail "still apart after the background refresh"
# Everything but one ticked is refused: a theme is never emptied by a split.
ALL=$(sql "SELECT group_concat('move=' || challenge_id, '&') FROM theme_members WHERE theme_id = $T2")
expect_status 422 "$(post "$admin" /programmes/1/themes/split --data "theme=$T2" --data "$ALL")" \
  "a split that takes every challenge"
expect_contains "$SCRATCH/last.body" "Leave at least one challenge" "says why"
finish
