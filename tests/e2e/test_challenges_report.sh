#!/usr/bin/env bash
# Shared challenges, themes, the connectedness survey and the impact report through the real
# binary, on the data files in tests/e2e/cases/challenges/: themes found, who sees what, the
# anonymity thresholds, admin operations, and the report in text, JSON and SVG.
source "$(dirname "$0")/lib.sh"
cases="$SETWORK_SOURCE_DIR/tests/e2e/cases/challenges"
db="$SCRATCH/t.db"
sw() { "$SETWORK" --db "$db" "$@"; }
status() { set +e; "$@" > "$SCRATCH/out" 2> "$SCRATCH/err"; s=$?; set -e; }

sw import "$cases/cohort.csv" --programme Pilot > /dev/null
sw challenges import "$cases/challenges.csv" --programme Pilot > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "36 challenges: 36 new, 0 updated" "challenges imported"
sw challenges import "$cases/challenges.csv" --programme Pilot > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "36 challenges: 0 new, 36 updated" "import is idempotent"

status sw challenges import "$cases/bad_challenges.csv" --programme Pilot
expect_status 1 $s "bad challenges file"
expect_contains "$SCRATCH/err" "bad_challenges.csv:2: column 'email': 'nobody@example.org' is not a member" "non-member named with its line"
expect_contains "$SCRATCH/err" "bad_challenges.csv:3: column 'title': the title is empty" "empty title"
expect_contains "$SCRATCH/err" "'everyone' is not a visibility" "bad visibility"
expect_contains "$SCRATCH/err" "'perhaps' is not yes or no" "bad consent"
expect_contains "$SCRATCH/err" "bad_challenges.csv:5: column 'title': this person already has a challenge titled 'Same title' on line 4" "same title twice"

# Themes: the four known groups of eight, and the mentoring pair, which is never shown.
sw challenges themes --programme Pilot > "$SCRATCH/themes"
expect_contains "$SCRATCH/themes" "5 themes" "five themes found"
n=$(grep -c "  8 people   8 challenges" "$SCRATCH/themes" || true)
if [ "$n" = 4 ]; then pass; else fail "expected 4 themes of 8 people, got $n"; cat "$SCRATCH/themes" >&2; fi
expect_contains "$SCRATCH/themes" "2 people   2 challenges  mentor" "pair found"
expect_contains "$SCRATCH/themes" "(not shown: too few people)" "pair not shown"
for text in example.org Testperson ZEBRAPRIVATE OTTERSET "coaching to grow" "work late most evenings"; do
  expect_not_contains "$SCRATCH/themes" "$text" "admin view hides '$text'"
done

# A participant: others in the theme, excerpts only from those who consented.
sw challenges list --programme Pilot --as p01@example.org > "$SCRATCH/p01"
expect_contains "$SCRATCH/p01" "7 others in this cohort are working on something close to this" "others count"
expect_contains "$SCRATCH/p01" "Managing my time when priorities pile up" "consented excerpt"
expect_not_contains "$SCRATCH/p01" "work late most evenings" "no excerpt without consent"
sw challenges list --programme Pilot --as p35@example.org > "$SCRATCH/p35"
expect_not_contains "$SCRATCH/p35" "others in this cohort" "a theme of two says nothing"
sw challenges list --programme Pilot --as p33@example.org > "$SCRATCH/p33"
expect_contains "$SCRATCH/p33" "Something private [only-me]" "the author sees a private challenge"

# Admin operations by number.
w=$(sw challenges list --programme Pilot --json | awk '/"id"/{id=$2} /"label": ".*workload/{gsub(",","",id); print id; exit}')
sw challenges rename --programme Pilot "$w" "Too much to do" > /dev/null
sw challenges themes --programme Pilot > "$SCRATCH/themes"
expect_contains "$SCRATCH/themes" "Too much to do" "an admin's label survives finding themes again"
w=$(sw challenges list --programme Pilot --json | awk '/"id"/{id=$2} /"label": "Too much to do"/{gsub(",","",id); print id; exit}')
m=$(sw challenges list --programme Pilot --json | awk '/"id"/{id=$2} /"label": "mentor/{gsub(",","",id); print id; exit}')
sw challenges merge --programme Pilot "$w" "$m" > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "Merged theme $m into $w" "merge"
sw challenges list --programme Pilot > "$SCRATCH/themes"
expect_contains "$SCRATCH/themes" " 10 people  10 challenges  Too much to do" "merged sizes"
sw challenges split --programme Pilot "$w" > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "Split theme $w into" "split"
sw challenges list --programme Pilot > "$SCRATCH/themes"
expect_contains "$SCRATCH/themes" "  8 people   8 challenges  workload" "split recovers the workload theme"
expect_contains "$SCRATCH/themes" "  2 people   2 challenges  mentor" "split recovers the pair"
status sw challenges split --programme Pilot 99999
expect_status 1 $s "split of an unknown theme"

# The threshold is a setting: at 9 people nothing is shown.
sw challenges themes --programme Pilot --min-people 9 > "$SCRATCH/themes"
n=$(grep -c "(not shown" "$SCRATCH/themes" || true)
if [ "$n" = 5 ]; then pass; else fail "with K=9 expected 5 hidden themes, got $n"; fi
sw challenges themes --programme Pilot --min-people 3 > /dev/null

# Surveys and the report.
sw survey import "$cases/survey_start.csv" --programme Pilot --wave start > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "wave 'start': 13 people" "start wave"
sw survey import "$cases/survey_end.csv" --programme Pilot --wave end > /dev/null
status sw survey import "$cases/challenges.csv" --programme Pilot --wave end
expect_status 1 $s "a challenges file is not a survey"
expect_contains "$SCRATCH/err" "'title' is not an item" "unknown columns named"
printf 'email,ucla_left_out\np01@example.org,2\np01@example.org,often\n' > "$SCRATCH/dup.csv"
status sw survey import "$SCRATCH/dup.csv" --programme Pilot --wave meeting-1
expect_status 1 $s "two rows for one person"
expect_contains "$SCRATCH/err" "dup.csv:3: column 'email': this person already answered on line 2" "duplicate named"
printf 'email,ucla_left_out\n"  ",2\n' > "$SCRATCH/noemail.csv"
status sw survey import "$SCRATCH/noemail.csv" --programme Pilot --wave meeting-1
expect_status 1 $s "a row without an email"
expect_contains "$SCRATCH/err" "noemail.csv:2: column 'email': the email is empty" "empty email named"
status sw survey import "$SCRATCH/dup.csv" --programme Pilot --wave middle
expect_status 2 $s "unknown wave name"
sw survey mine --programme Pilot --as p01@example.org > "$SCRATCH/out"
n=$(wc -l < "$SCRATCH/out")
if [ "$n" = 14 ]; then pass; else fail "p01 should see 14 own answers, saw $n"; fi

mkdir -p "$SCRATCH/svg"
sw report --programme Pilot --svg "$SCRATCH/svg" > "$SCRATCH/report"
expect_contains "$SCRATCH/report" "36 members" "members"
expect_contains "$SCRATCH/report" "Loneliness (UCLA 3-item, 3 to 9): 12 people answered both" "paired count excludes incomplete answers"
expect_contains "$SCRATCH/report" "effect size d_z" "effect size"
expect_contains "$SCRATCH/report" "Network growth is not yet measured" "network hook"
expect_contains "$SCRATCH/report" "(1 smaller themes with 2 challenges are not shown)" "small theme hidden"
for text in example.org Testperson ZEBRAPRIVATE OTTERSET "work late most evenings" mentoring; do
  expect_not_contains "$SCRATCH/report" "$text" "report hides '$text'"
done
sw report --programme Pilot --json > "$SCRATCH/report.json"
expect_contains "$SCRATCH/report.json" '"d_z_ci95"' "JSON carries the d_z interval"
expect_contains "$SCRATCH/report.json" '"source": "Hughes et al. 2004"' "item sources named"
if command -v xmllint > /dev/null; then
  if xmllint --noout "$SCRATCH/svg/themes.svg" "$SCRATCH/svg/connectedness.svg"; then pass; else fail "SVG not well formed"; fi
fi
expect_contains "$SCRATCH/svg/themes.svg" "8 people" "theme chart"

# A configurable instrument: items, points, reversed items, sources.
printf 'code,text,scale,reversed,source\nbelong,I feel I belong here,belonging,no,\nalone,I work alone,belonging,yes,Own item\n' > "$SCRATCH/ins.csv"
sw survey instrument "$SCRATCH/ins.csv" --name mini --source "Test source" --points "disagree,neutral,agree" --point-min 0 > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "Created instrument 'mini'" "instrument created"
sw survey items --instrument mini > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "Answers: 0 disagree, 1 neutral, 2 agree" "points"
expect_contains "$SCRATCH/out" "I work alone (reversed) [Own item]" "reversed item with its source"
expect_contains "$SCRATCH/out" "I feel I belong here [Test source]" "item falls back to the instrument's source"
status sw survey instrument "$SCRATCH/ins.csv" --name mini --source x --points "a,b"
expect_status 1 $s "instrument names are unique"
printf 'email,belong,alone\np01@example.org,agree,0\n' > "$SCRATCH/mini.csv"
status sw survey import "$SCRATCH/mini.csv" --programme Pilot --wave start --instrument mini
expect_status 1 $s "a wave keeps its instrument"
expect_contains "$SCRATCH/err" "already holds answers on another instrument" "instrument mismatch named"
sw survey import "$SCRATCH/mini.csv" --programme Pilot --wave meeting-2 --instrument mini > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "wave 'meeting-2': 1 people, 2 answers" "a meeting wave on another instrument"

# With M = 13 the change over 12 people is withheld.
sw challenges themes --programme Pilot --min-paired 13 > /dev/null
sw report --programme Pilot > "$SCRATCH/report"
expect_contains "$SCRATCH/report" "Fewer than 13 people answered both" "change withheld below M"
expect_not_contains "$SCRATCH/report" "effect size" "no effect size below M"

# Demonstration data on a generated cohort: themes and a connectedness change to show.
demo_db="$SCRATCH/demo.db"
"$SETWORK" --db "$demo_db" demo --people 80 --seed 5 > /dev/null
"$SETWORK" --db "$demo_db" challenges demo --programme Demo --seed 5 > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "start and end surveys for 'Demo'; themes found" "demo data"
"$SETWORK" --db "$demo_db" challenges demo --programme Demo > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "already has challenges; nothing generated" "demo data only once"
"$SETWORK" --db "$demo_db" report --programme Demo > "$SCRATCH/report"
expect_contains "$SCRATCH/report" "effect size d_z" "demo report has a connectedness change"
n=$(sed -n '/Shared themes/,/In participants/p' "$SCRATCH/report" | grep -c " people  " || true)
if [ "$n" -ge 4 ]; then pass; else fail "demo report shows $n themes, expected at least 4"; fi
finish
