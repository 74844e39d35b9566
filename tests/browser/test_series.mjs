// Browser test of scheduling a series: an admin opens the schedule page from a set's page,
// types a wrong time zone and is told which field is wrong, previews eight meetings every six
// weeks across both 2027 clock changes, schedules them with one click, and a member of the set
// then sees the dates in London time (GMT in winter, BST in summer). Works without JavaScript
// (plain forms), so the test also runs the page with JavaScript disabled.
// Screenshots go to $SETWORK_BUILD_DIR/screenshots.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const shots = screenshotsDir();
const { dir, db, participant } = demoDatabase(bin, "setwork-series-");
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}
const sql = (q) => execFileSync("sqlite3", [db, q]).toString().trim();

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);

try {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: false });
  const a = await ctx.newPage();
  await logIn(a, "admin@demo.example");
  await a.goto(`${url}/sets/1`);
  await a.getByRole("link", { name: "Schedule a series of meetings" }).click();
  await a.waitForURL(`${url}/programmes/1/series?set=1`);
  check((await a.inputValue("#f-set")) === "1", "the set from the link is chosen");
  await a.getByLabel("Number of meetings").fill("8");
  await a.getByLabel("First meeting (local date and time)").fill("2027-02-16T14:00");
  await a.getByLabel("Every N weeks").fill("6");
  await a.getByLabel("Length (3h, 90m or 2h30m)").fill("3h");
  await a.getByLabel("Time zone (IANA name)").fill("Europe/Londn");
  await a.getByLabel("Location (in person)").fill("Room 4, Leeds");

  // A typo in the zone: the field is named and nothing can be scheduled yet.
  await a.getByRole("button", { name: "Preview the dates" }).click();
  await a.waitForURL(`${url}/programmes/1/series`);
  const alert = await a.textContent("[role=alert]");
  check(alert.includes("Time zone (tz)") && alert.includes("Europe/Londn"), `zone named: ${alert}`);
  check((await a.getByRole("button", { name: /^Schedule/ }).count()) === 0, "no Schedule button yet");
  await a.screenshot({ path: join(shots, "series-problem.png"), fullPage: true });

  await a.getByLabel("Time zone (IANA name)").fill("Europe/London");
  await a.getByRole("button", { name: "Preview the dates" }).click();
  await a.waitForURL(`${url}/programmes/1/series`);
  const rows = await a.locator("#preview tbody tr td:nth-child(2)").allTextContents();
  check(rows.length === 8, `eight dates previewed (${rows.length})`);
  check(rows[0] === "Tue 16 Feb 2027, 14:00-17:00 GMT", `first date: ${rows[0]}`);
  check(rows[1] === "Tue 30 Mar 2027, 14:00-17:00 BST", `after the March change: ${rows[1]}`);
  check(rows[7] === "Tue 7 Dec 2027, 14:00-17:00 GMT", `after the October change: ${rows[7]}`);
  check(sql("SELECT COUNT(*) FROM meetings") === "0", "the preview saved nothing");
  await a.screenshot({ path: join(shots, "series-preview.png"), fullPage: true });

  await a.getByRole("button", { name: "Schedule 8 meetings" }).click();
  await a.waitForURL(`${url}/programmes/1/series?scheduled=8`);
  check((await a.textContent("main")).includes("Scheduled 8 meetings"), "done notice");
  check(sql("SELECT COUNT(*) FROM meetings WHERE set_id = 1") === "8", "eight meetings stored");
  check(sql("SELECT starts_at FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1 OFFSET 1") ===
    "2027-03-30T13:00:00Z", "summer meeting stored as 13:00 UTC");

  // A member of the set sees London time with the abbreviation.
  const p = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  await logIn(p, participant);
  await p.goto(`${url}/sets/1`);
  const text = await p.textContent("main");
  check(text.includes("Tue 30 Mar 2027, 14:00-17:00 BST"), "member sees BST in summer");
  check(text.includes("Tue 16 Feb 2027, 14:00-17:00 GMT"), "member sees GMT in winter");
  await p.screenshot({ path: join(shots, "series-set-page.png"), fullPage: true });
} catch (e) {
  failures++;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
if (failures) {
  console.error(`${failures} failed`);
  process.exit(1);
}
console.log("series: all checks passed");
