#!/usr/bin/env bash
# The Debian package: `scripts/make-deb` (what `make deb` runs) packages the binary under test,
# and the package is inspected: its files, its conffile, its maintainer scripts, lintian (no
# errors), the manual pages (rendered by man without a warning, the same text as `setwork
# help`), the completion, and the systemd units (systemd-analyze verify).
source "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
for tool in dpkg-buildpackage dh lintian man systemd-analyze; do
  command -v "$tool" >/dev/null || { fail "$tool is missing: run scripts/install-deps test"; }
done
[ "$FAILURES" -eq 0 ] || finish

# Reuse the binary under test rather than building a second one: the package's own build is
# the same CMake build without tests (`make deb`).
deb=$(SETWORK_PREBUILT="$SETWORK" "$SETWORK_SOURCE_DIR/scripts/make-deb" "$SCRATCH/out")
version=$(sed -n 's/^project(setwork VERSION \([0-9.]*\).*/\1/p' "$SETWORK_SOURCE_DIR/CMakeLists.txt")
expect_contains <(basename "$deb") "setwork_${version}_amd64.deb" "the package's name"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' > files.txt
for f in /usr/bin/setwork /etc/setwork/setwork.conf /lib/systemd/system/setwork.service \
  /lib/systemd/system/setwork-backup.service /lib/systemd/system/setwork-backup.timer \
  /lib/systemd/system/setwork-notify.service /lib/systemd/system/setwork-notify.timer \
  /usr/share/bash-completion/completions/setwork /usr/share/man/man1/setwork.1.gz \
  /usr/share/doc/setwork/copyright /usr/share/doc/setwork/changelog.gz; do
  expect_contains files.txt "$f" "the package holds $f"
done
# One manual page per command, named after it.
"$SETWORK" help --commands > commands.txt
while read -r c; do
  expect_contains files.txt "/usr/share/man/man1/setwork-$c.1.gz" "a manual page for $c"
done < commands.txt
expect_not_contains files.txt "/usr/local" "nothing under /usr/local"

dpkg-deb -f "$deb" Package Version Architecture Depends > fields.txt
expect_contains fields.txt "Version: $version" "the version is CMake's"
expect_contains fields.txt "adduser" "depends on adduser (the system user)"
expect_contains fields.txt "libmicrohttpd12" "the library dependencies are computed"
expect_contains fields.txt "libpangocairo-1.0-0" "the report's PDF libraries are dependencies"
expect_contains fields.txt "fonts-dejavu-core" "and the font the PDF is set in"

mkdir ctl root
dpkg-deb -e "$deb" ctl
dpkg-deb -x "$deb" root
expect_contains ctl/conffiles "/etc/setwork/setwork.conf" "the config file is a conffile"
expect_contains ctl/postinst "adduser --system --group" "postinst makes the system user"
expect_contains ctl/postinst "deb-systemd-helper enable 'setwork.service'" "the service is enabled"
expect_contains ctl/postinst "setwork-backup.timer" "the backup timer is enabled"
expect_contains ctl/postinst "setwork-notify.timer" "the mail timer is enabled"

# The conffile: every setting documented, the service's database in its state directory, and
# it parses (a command reads it without a complaint).
conf=root/etc/setwork/setwork.conf
"$SETWORK" config show --json > settings.json
for name in $(jq -r '.settings | keys[]' settings.json); do
  expect_contains "$conf" "$name =" "the conffile has a line for $name"
done
expect_contains "$conf" "db = /var/lib/setwork/setwork.db" "db in the state directory"
comments=$(grep -c '^# ' "$conf")
settings_n=$(jq '.settings | length' settings.json)
[ "$comments" -gt "$settings_n" ] && pass || fail "each setting has its comment ($comments)"
"$SETWORK" --config "$conf" config show --json > packaged.json
expect_contains <(jq -r .settings.db.value packaged.json) "/var/lib/setwork/setwork.db" \
  "the conffile is read"

# The unit: user, state directory and the hardening the issue lists.
unit=root/lib/systemd/system/setwork.service
for line in "User=setwork" "StateDirectory=setwork" "NoNewPrivileges=yes" \
  "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" \
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "SystemCallFilter=@system-service" \
  "CapabilityBoundingSet=" "ExecStart=/usr/bin/setwork serve --config /etc/setwork/setwork.conf"; do
  expect_contains "$unit" "$line" "setwork.service has $line"
done
expect_contains root/lib/systemd/system/setwork-backup.service "setwork backup" "backup unit"
expect_contains root/lib/systemd/system/setwork-backup.timer "OnCalendar=daily" "daily timer"
expect_contains root/lib/systemd/system/setwork-notify.service \
  "ExecStart=/usr/bin/setwork notify --config /etc/setwork/setwork.conf" "mail unit"
expect_contains root/lib/systemd/system/setwork-notify.timer "OnUnitActiveSec=5min" "mail timer"

# systemd-analyze verify needs the units a unit pulls in and the binary: a root with the
# machine's own units beside the package's.
mkdir -p vroot/lib/systemd vroot/etc
cp -r /lib/systemd/system vroot/lib/systemd/
cp -r root/usr root/etc vroot/
cp root/lib/systemd/system/* vroot/lib/systemd/system/
cp /etc/passwd /etc/group vroot/etc/
if systemd-analyze verify --man=no --root="$PWD/vroot" \
  vroot/lib/systemd/system/setwork.service vroot/lib/systemd/system/setwork-backup.service \
  vroot/lib/systemd/system/setwork-backup.timer vroot/lib/systemd/system/setwork-notify.service \
  vroot/lib/systemd/system/setwork-notify.timer > verify.txt 2>&1 && [ ! -s verify.txt ]; then
  pass
else
  fail "systemd-analyze verify complained"
  sed 's/^/    | /' verify.txt >&2
fi

# The hardening adds up: systemd's own score of the unit's exposure stays "OK" (below 3.0 of
# 10; it was 2.4 when written).
systemd-analyze security --offline=yes --root="$PWD/vroot" setwork.service > security.txt 2>&1 || true
score=$(sed -n 's/.*Overall exposure level for setwork.service: \([0-9.]*\).*/\1/p' security.txt)
if [ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s < 3.0) }'; then pass; else
  fail "systemd-analyze security: exposure '$score', expected below 3.0"
  tail -n 5 security.txt | sed 's/^/    | /' >&2
fi

# Manual pages: each renders without a warning and says what `setwork help CMD` says.
for page in root/usr/share/man/man1/*.1.gz; do
  if MANWIDTH=100 man --warnings -l "$page" > page.txt 2> warnings.txt && [ ! -s warnings.txt ]; then
    pass
  else
    fail "man -l $(basename "$page") warns"
    sed 's/^/    | /' warnings.txt >&2
  fi
done
MANWIDTH=200 man -l root/usr/share/man/man1/setwork-backup.1.gz 2>/dev/null | col -b > backup.txt
expect_contains backup.txt "setwork backup --rotate [--dir DIR] [--keep N]" "synopsis from the help"
expect_contains backup.txt "it is safe while 'setwork serve' runs." "description from the help"
MANWIDTH=200 man -l root/usr/share/man/man1/setwork.1.gz 2>/dev/null | col -b > setwork.txt
while read -r c; do
  expect_contains setwork.txt "setwork-$c(1)" "setwork(1) lists $c"
done < commands.txt

# The completion offers the commands and a command's options, asked of the program itself.
mkdir -p bin
ln -s "$SETWORK" bin/setwork
cat > complete.sh <<'EOS'
source "$1"
COMP_WORDS=(setwork ba); COMP_CWORD=1; _setwork; echo "commands: ${COMPREPLY[*]}"
COMP_WORDS=(setwork backup --ro); COMP_CWORD=2; _setwork; echo "options: ${COMPREPLY[*]}"
EOS
PATH="$PWD/bin:$PATH" bash complete.sh root/usr/share/bash-completion/completions/setwork \
  > completion.txt 2>&1
expect_contains completion.txt "commands: backup" "completes a command"
expect_contains completion.txt "options: --rotate" "completes an option"

# lintian: no errors (warnings are listed for the reader).
lintian --fail-on error --allow-root "$deb" > lintian.txt 2>&1 && pass || {
  fail "lintian reports errors"
  sed 's/^/    | /' lintian.txt >&2
}
sed 's/^/lintian: /' lintian.txt
finish
