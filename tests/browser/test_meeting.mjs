// Browser test of the meeting page: a set member opens the next meeting from the set page,
// sees the ground rules and the agenda, adds a question to a presentation's log and marks it
// closed with one tap, starts the timer and watches it count down, checks in, records an
// action and a session review, sees the action on "My meetings" and reports it back (partly
// done, carried forward) at the next meeting; an admin sees the same meeting with counts and no
// content. The page sends its forms without reloading (meeting.js); the whole live journey
// with two presenters is tests/browser/test_meeting_live.mjs.
// Screenshots go to $SETWORK_BUILD_DIR/screenshots.
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser, loginFor, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const shots = join(process.env.SETWORK_BUILD_DIR || ".", "screenshots");
mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "setwork-meeting-"));
const db = join(dir, "db");
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}
const sql = (q) => execFileSync("sqlite3", [db, q]).toString().trim();

execFileSync(bin, ["--db", db, "demo"]);
const logins = execFileSync(bin, ["--db", db, "users", "demo"]).toString();
const participant = /participant\s+(\S+)/.exec(logins)[1];
execFileSync(bin, ["--db", db, "meetings", "schedule", "--programme", "Demo", "--set", "Set 1",
  "--first", "2030-03-05T10:00", "--every", "4w", "--count", "3", "--location", "Room 4"]);
const self = sql(`SELECT person_id FROM users WHERE email = '${participant}'`);
const m1 = sql("SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1");
const m2 = sql("SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1 OFFSET 1");
sql(`INSERT INTO set_ground_rules(set_id, position, body) VALUES (1, 1, 'What is said here stays here');
     INSERT INTO set_ground_rules(set_id, position, body) VALUES (1, 2, 'Questions, not advice');
     INSERT INTO presentations(meeting_id, presenter_id, position) VALUES (${m1}, ${self}, 1);`);

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);

try {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const p = await ctx.newPage();
  await logIn(p, participant);
  await p.goto(`${url}/sets/1`);
  await p.screenshot({ path: join(shots, "set-meetings.png"), fullPage: true });
  await p.locator(`a[href="/meetings/${m1}"]`).first().click();
  await p.waitForURL(`${url}/meetings/${m1}`);
  check((await p.textContent("ol.rules")).includes("Questions, not advice"), "ground rules shown");
  await p.locator("#during > summary").click();
  await p.getByLabel("Question", { exact: true }).fill("What would success look like?");
  await p.getByRole("button", { name: "Add question" }).click();
  const q = p.locator("ul.questions li", { hasText: "What would success look like?" });
  await q.waitFor();
  check((await q.count()) === 1, "question added to the log");
  await q.getByRole("button", { name: "closed" }).click();
  await p.locator("ul.questions li .tag", { hasText: "closed" }).waitFor();
  check((await p.locator("ul.questions li .tag").first().textContent()) === "closed",
    "question marked closed in one tap");
  await p.screenshot({ path: join(shots, "meeting-member.png"), fullPage: true });

  // The timer: Start is sent by meeting.js, which then counts the phase down in the page.
  let navigations = 0;
  p.on("framenavigated", (f) => { if (f === p.mainFrame()) navigations++; });
  await p.getByRole("button", { name: "Start" }).click();
  await p.waitForSelector(".timer[data-state=running]");
  check((await p.getAttribute(".timer", "data-state")) === "running", "timer running");
  const before = await p.textContent(".timer-left");
  await p.waitForTimeout(2500);
  const after = await p.textContent(".timer-left");
  check(before !== after, `countdown moves (${before} -> ${after})`);
  await p.getByRole("button", { name: "Next phase" }).click();
  await p.locator(".timer .phase", { hasText: "Clarifying questions" }).waitFor();
  check((await p.textContent(".timer .phase")) === "Clarifying questions", "next phase shown");
  check(navigations === 0, `the timer did not reload the page (${navigations})`);
  await p.screenshot({ path: join(shots, "meeting-timer.png"), fullPage: true });

  // The rounds: check-in, an action in the presenter's words, the session review.
  await p.locator("#before > summary").click(); // the running timer folded Before away
  await p.getByLabel("My check-in").fill("Tired but curious");
  await p.getByRole("button", { name: "Save", exact: true }).click();
  await p.locator("#checkin .tag", { hasText: "present" }).first().waitFor();
  check((await p.inputValue("#checkin input[name=line]")) === "Tired but curious", "check-in saved");
  await p.getByLabel("New action, in the presenter's words").fill("Call the supplier <today>");
  await p.getByLabel("Due by").fill("2030-03-20");
  await p.getByRole("button", { name: "Add action" }).click();
  await p.locator("ul.actions-list").waitFor();
  check((await p.textContent("ul.actions-list")).includes("Call the supplier <today>"),
    "action recorded under the presentation");
  await p.locator("#after > summary").click();
  await p.getByLabel("What helped me today").fill("The silence before answering");
  await p.getByLabel("What I learned about questioning").fill("Shorter questions open more");
  await p.getByRole("button", { name: "Save my review" }).click();
  await p.locator("#review .reviews").waitFor();
  const review = await p.textContent("#review .reviews");
  check(review.includes("The silence before answering") && review.includes("Shorter questions"),
    "review listed for the set");
  await p.screenshot({ path: join(shots, "meeting-rounds.png"), fullPage: true });

  await p.goto(`${url}/my/meetings`);
  check((await p.textContent("main")).includes("Next:"), "my meetings shows what is next");
  check((await p.textContent("ul.my-actions")).includes("Call the supplier"),
    "my open actions on My meetings");
  await p.goto(`${url}/`);
  check((await p.textContent("ul.my-actions")).includes("due 2030-03-20"), "and on My setwork");

  // The next meeting's report-back round: partly done, carried forward, no longer open.
  await p.goto(`${url}/meetings/${m2}?stage=after`);
  const round = p.locator("#report-back li.action", { hasText: "Call the supplier" });
  await round.getByLabel("What I learned").fill("Ask for the decision maker");
  await round.getByLabel("Carry forward").check();
  await round.getByRole("button", { name: "partly done", exact: true }).click();
  await p.locator("#report-back .tag", { hasText: "partly done" }).waitFor();
  const reported = await p.textContent("#report-back");
  check(reported.includes("partly done") && reported.includes("Ask for the decision maker") &&
    reported.includes("carried forward"), "reported back, carried forward");
  check((await p.textContent("#carried")).includes("Call the supplier"), "carried to meeting 2");
  check(sql(`SELECT COUNT(*) FROM meeting_actions WHERE status = 'open'`) === "1",
    "only the carried copy is open");
  await p.screenshot({ path: join(shots, "meeting-report-back.png"), fullPage: true });
  await p.screenshot({ path: join(shots, "my-meetings.png"), fullPage: true });

  const a = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  await logIn(a, "admin@demo.example");
  await a.goto(`${url}/meetings/${m1}`);
  const main = await a.textContent("main");
  check(main.includes("1 questions") && !main.includes("success"), "admin sees counts only");
  check(main.includes("1 reviews") && !main.includes("supplier") && !main.includes("silence"),
    "admin sees the rounds counted, not their content");
  await a.screenshot({ path: join(shots, "meeting-admin.png"), fullPage: true });
} catch (e) {
  failures++;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures ? `${failures} failed` : "meeting browser test passed");
process.exit(failures ? 1 : 0);
