#!/usr/bin/env bash
# `setwork backup --rotate` (what the package's daily timer runs): a dated, consistent copy in
# backup_dir, then only the last backup_keep dated copies stay; other files are never touched.
source "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
"$SETWORK" --db live.db demo --people 12 > /dev/null

# Three old copies, and files that only look alike: they must survive.
mkdir -p saved
for stamp in 20200101-000000 20210101-000000 20220101-000000; do
  cp live.db "saved/setwork-$stamp.db"
done
echo keep > saved/notes.txt
echo keep > saved/setwork-latest.db

"$SETWORK" --db live.db backup --rotate --dir saved --keep 2 > out.txt
expect_status 0 $? "rotate"
ls saved > left.txt
expect_contains out.txt "Removed the old backup saved/setwork-20200101-000000.db." "oldest removed"
expect_contains out.txt "Removed the old backup saved/setwork-20210101-000000.db." "next removed"
expect_not_contains left.txt "setwork-2020" "the oldest is gone"
expect_not_contains left.txt "setwork-2021" "the next is gone"
expect_contains left.txt "setwork-20220101-000000.db" "the newest old copy stays"
expect_contains left.txt "notes.txt" "other files stay"
expect_contains left.txt "setwork-latest.db" "look-alike names stay"
new=$(ls saved | grep -E '^setwork-[0-9]{8}-[0-9]{6}\.db$' | grep -v 2022)
[ -n "$new" ] && pass || fail "a new dated copy was written"
people=$(sqlite3 "saved/$new" 'select count(*) from people')
expect_contains <(echo "$people") "12" "the copy is a whole database"

# Settings give the folder and the count; a folder that is missing is made.
printf 'backup_dir = from-settings\nbackup_keep = 1\n' > b.conf
"$SETWORK" --db live.db --config b.conf backup --rotate > out2.txt
expect_status 0 $? "rotate from the settings"
expect_contains <(ls from-settings | wc -l) "1" "one copy in backup_dir"

# Wrong usage is refused before anything is written.
set +e
"$SETWORK" --db live.db backup --rotate --keep 0 2> err.txt
expect_status 2 $? "keep 0"
"$SETWORK" --db live.db backup --dir saved 2> err2.txt
expect_status 2 $? "--dir without --rotate"
expect_contains err2.txt "--dir and --keep go with --rotate" "says why"
"$SETWORK" --db live.db backup --rotate --dir missing/deeper 2> err3.txt
expect_status 1 $? "a folder that cannot be made"
expect_contains err3.txt "cannot make the folder missing/deeper" "names the folder"
set -e
finish
