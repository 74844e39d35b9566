#!/usr/bin/env bash
# Upgrades: a database made by the previous release's schema (every migration but the newest,
# applied with sqlite3 as that release did) is listed by `migrate --dry-run` without a change,
# then migrated with its backup written first; `serve` takes the same backup; a migration that
# fails leaves the database as it was, and nothing runs when the backup cannot be written.
source "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
migrations=("$SETWORK_SOURCE_DIR"/src/store/migrations/[0-9]*.sql)
newest=$(basename "${migrations[-1]}")
previous=("${migrations[@]:0:${#migrations[@]}-1}")

# old_db FILE: the previous release's schema, with one programme and one person in it.
old_db() {
  for f in "${previous[@]}"; do sqlite3 "$1" < "$f"; done
  sqlite3 "$1" "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,
    name TEXT NOT NULL, applied_at TEXT NOT NULL)"
  for f in "${previous[@]}"; do
    n=$(basename "$f")
    sqlite3 "$1" "INSERT INTO schema_migrations VALUES (${n:0:4} + 0, '$n', '2026-01-01T00:00:00Z')"
  done
  sqlite3 "$1" "INSERT INTO programmes(name) VALUES ('Pilot');
    INSERT INTO people(email, name) VALUES ('ada@example.org', 'Ada');
    INSERT INTO programme_members(programme_id, person_id) VALUES (1, 1);"
}
old_db old.db
sum_before=$(sha256sum < old.db)

# --dry-run lists the newest migration and changes nothing.
"$SETWORK" --db old.db migrate --dry-run > dry.txt
expect_contains dry.txt "Would apply 1 migration to old.db:" "dry run counts"
expect_contains dry.txt "  $newest" "dry run names the migration"
expect_status "$sum_before" "$(sha256sum < old.db)" "dry run leaves the file as it was"
[ ! -e backups ] && pass || fail "dry run writes no backup"
"$SETWORK" --db old.db migrate --dry-run --json > dry.json
expect_contains <(jq -r '.pending[0]' dry.json) "$newest" "dry run as JSON"

# migrate: the backup first (the old schema, the old data), then the migration.
"$SETWORK" --db old.db migrate > run.txt
expect_status 0 $? "migrate"
backup=$(ls backups/setwork-before-migrate-*.db 2>/dev/null || true)
[ -n "$backup" ] && pass || fail "a backup was written"
expect_contains run.txt "backed up old.db to $backup before applying 1 migration" "says so"
expect_contains <(sqlite3 "$backup" "SELECT count(*) FROM schema_migrations") \
  "$((${#migrations[@]} - 1))" "the backup has the old schema"
expect_contains <(sqlite3 "$backup" "SELECT name FROM people") "Ada" "the backup has the data"
expect_contains <(sqlite3 old.db "SELECT count(*) FROM schema_migrations") "${#migrations[@]}" \
  "the database has every migration"
expect_contains <(sqlite3 old.db "SELECT name FROM people") "Ada" "the data survived"
"$SETWORK" --db old.db migrate > again.txt
expect_contains again.txt "up to date" "a second run has nothing to do"
expect_status 1 "$(ls backups | wc -l)" "and writes no second backup"

# serve migrates too, with the same backup first.
old_db served.db
printf 'backup_dir = serve-backups\n' > s.conf
"$SETWORK" --db served.db --config s.conf serve --listen 127.0.0.1:0 --quiet > serve.out 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "serving" serve.out && break; sleep 0.1; done
kill -TERM $pid
wait $pid || true
expect_contains serve.out "backed up served.db to serve-backups/setwork-before-migrate-" \
  "serve backs up before migrating"
expect_contains <(sqlite3 served.db "SELECT count(*) FROM schema_migrations") \
  "${#migrations[@]}" "serve migrated"

# A migration that fails (its change is already there by other means) leaves the file as it
# was: the failed migration is rolled back, and the backup is there.
old_db broken.db
sqlite3 broken.db < "${migrations[-1]}" # the newest change, made outside setwork's migrations
sum_broken=$(sqlite3 broken.db .dump | sha256sum)
set +e
"$SETWORK" --db broken.db --config /dev/null migrate > broken.out 2> broken.err
status=$?
set -e
expect_status 1 "$status" "a failing migration is an error"
expect_contains broken.err "migration $newest failed" "names the migration"
expect_status "$sum_broken" "$(sqlite3 broken.db .dump | sha256sum)" "the database is as it was"
expect_contains broken.out "backed up broken.db" "the backup was written first"

# Two pending, the second failing: the first is not left applied either (one transaction).
previous=("${migrations[@]:0:${#migrations[@]}-2}")
old_db twofold.db
previous=("${migrations[@]:0:${#migrations[@]}-1}")
sqlite3 twofold.db < "${migrations[-1]}"
sum_two=$(sqlite3 twofold.db .dump | sha256sum)
set +e
"$SETWORK" --db twofold.db --config /dev/null migrate > two.out 2> two.err
status=$?
set -e
expect_status 1 "$status" "the second of two pending migrations fails"
expect_contains two.err "migration $newest failed (nothing was changed)" "says nothing changed"
expect_status "$sum_two" "$(sqlite3 twofold.db .dump | sha256sum)" "the first one is not applied either"
expect_status "$((${#migrations[@]} - 2))" "$(sqlite3 twofold.db "SELECT count(*) FROM schema_migrations")" \
  "no migration recorded"

# No backup, no migration.
old_db nobackup.db
sum_nb=$(sha256sum < nobackup.db)
printf 'backup_dir = missing/deeper\n' > nb.conf
set +e
"$SETWORK" --db nobackup.db --config nb.conf migrate > nb.out 2> nb.err
status=$?
set -e
expect_status 1 "$status" "an unwritable backup folder stops the upgrade"
expect_contains nb.err "cannot make the backup folder missing/deeper" "says why"
expect_status "$sum_nb" "$(sha256sum < nobackup.db)" "nothing was migrated"
finish
