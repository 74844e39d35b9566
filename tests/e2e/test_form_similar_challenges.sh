#!/usr/bin/env bash
# The weight "similar" puts people whose cohort-shared challenges fall in one theme into one set
# (issue 8); without it, themes play no part.
source "$(dirname "$0")/lib.sh"
db="$SCRATCH/t.db"
sw() { "$SETWORK" --db "$db" "$@"; }
cat > "$SCRATCH/cohort.csv" <<'CSV'
name,email,department
Ada,a@x.org,One
Ben,b@x.org,One
Cy,c@x.org,One
Di,d@x.org,One
Ed,e@x.org,One
Flo,f@x.org,One
CSV
cat > "$SCRATCH/challenges.csv" <<'CSV'
email,title,body,visibility,consent
a@x.org,Budget cuts,Our budget was cut and the cuts fall on front-line services,cohort,yes
c@x.org,Budget cuts again,The budget cuts fall on our front-line services this year,cohort,yes
e@x.org,Cutting services,Budget cuts mean front-line services are cut,cohort,yes
b@x.org,Hybrid teams,Remote and hybrid working leaves remote colleagues isolated,cohort,yes
d@x.org,Remote trust,Hybrid working makes remote colleagues feel isolated,cohort,yes
f@x.org,Isolated at home,Remote colleagues in hybrid teams feel isolated,cohort,yes
CSV
sw import "$SCRATCH/cohort.csv" --programme P > /dev/null
sw challenges import "$SCRATCH/challenges.csv" --programme P > /dev/null
sw challenges themes --programme P > /dev/null
sw form --programme P --sets 2 --weights department=0,new=0,similar=5 --seed 1 --json \
  > "$SCRATCH/plan.json"
sets=$(jq -r '[.sets[].members | sort | join("+")] | sort | join(" ")' "$SCRATCH/plan.json")
if [ "$sets" = "a@x.org+c@x.org+e@x.org b@x.org+d@x.org+f@x.org" ]; then pass; else
  fail "expected the two themes as the two sets, got: $sets"
fi
bound=$(jq '.upper_bound' "$SCRATCH/plan.json")
objective=$(jq '.objective' "$SCRATCH/plan.json")
expect_status "$bound" "$objective" "the bound counts the similar pairs and is reached"
finish
