// Browser journey of a live set meeting with two presenters, run by the set's facilitator on a
// phone (360 px) and on a projector-sized screen (1280 px): check-in of two members (which marks
// them present), a ground rule, two presenters added, the timer started and counting in the page,
// a question logged with a chosen asker, open/closed marks showing their state, an action, the
// overrun warning, the next presenter, the review and the hand-over with its confirmation. The
// page must never navigate while the meeting runs (a marker on window survives), it must fit the
// width, and a second screen (a member's, as on a projector) follows the timer by itself.
// Screenshots go to the harness's screenshotsDir().
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const shots = screenshotsDir();
const { dir, db, participant } = demoDatabase(bin, "setwork-meeting-live-");
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}
const sql = (q) => execFileSync("sqlite3", [db, q]).toString().trim();

execFileSync(bin, ["--db", db, "meetings", "schedule", "--programme", "Demo", "--set", "Set 1",
  "--first", "2030-03-05T10:00", "--every", "4w", "--count", "3", "--location", "Room 4"]);
sql("UPDATE programmes SET meeting_quorum = 3");
const self = sql(`SELECT person_id FROM users WHERE email = '${participant}'`);
const selfName = sql(`SELECT name FROM people WHERE id = ${self}`);
const mate = sql(`SELECT person_id FROM set_members WHERE set_id = 1 AND person_id != ${self}
                  ORDER BY person_id LIMIT 1`);
const mateName = sql(`SELECT name FROM people WHERE id = ${mate}`);
const meetings = sql("SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at").split("\n");

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);

// The page has not navigated since the marker was set.
const marked = async (p) => (await p.evaluate(() => window.__liveMarker)) === "kept";

async function journey(width, height, mid) {
  const tag = `${width}px`;
  // bypassCSP: the page forbids inline scripts, and axe-core is injected as one.
  const ctx = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
  const p = await ctx.newPage();
  const pageErrors = [];
  p.on("pageerror", (e) => pageErrors.push(e.message));
  await logIn(p, "facilitator@demo.example");
  await p.goto(`${url}/meetings/${mid}`);
  await p.evaluate(() => { window.__liveMarker = "kept"; });
  check((await p.textContent("#facilitator-now")).length > 0, `${tag}: the page says who facilitates`);
  check(/Quorum is 3 of \d+ members; 0 present/.test(await p.textContent("#quorum")),
    `${tag}: the quorum is stated`);
  const agenda = await p.textContent("ol.agenda");
  check(agenda.includes("Check-in") && agenda.includes("Ground rules") &&
    agenda.includes("Review and hand-over"), `${tag}: the agenda keeps time for the rounds`);
  check(await p.locator("#before").evaluate((d) => d.open), `${tag}: before the meeting, Before is open`);
  check(!(await p.locator("#during").evaluate((d) => d.open)), `${tag}: During starts collapsed`);
  await p.screenshot({ path: join(shots, `meeting-live-before-${tag}.png`), fullPage: true });

  // Check-in: a line for each of two members marks them present.
  for (const [id, name, line] of [[self, selfName, "Ready to think"], [mate, mateName, "Busy week"]]) {
    await p.getByLabel(`Check-in of ${name}`).fill(line);
    await p.locator("form", { has: p.locator(`#ci-${id}`) })
      .getByRole("button", { name: "Save", exact: true }).click();
    await p.locator(`#ci-${id}`).and(p.locator(`[value="${line}"]`)).waitFor();
  }
  await p.locator("#quorum", { hasText: "2 present" }).waitFor();
  const pressed = await p.locator("#checkin button[aria-pressed=true]").allTextContents();
  check(pressed.filter((t) => t.includes("present")).length === 2,
    `${tag}: both check-ins marked present (${pressed})`);

  // Ground rules.
  await p.getByLabel("New ground rule").fill(`Stay curious (${tag})`);
  await p.getByRole("button", { name: "Add rule" }).click();
  await p.locator("ol.rules li", { hasText: `Stay curious (${tag})` }).waitFor();

  // During: two presenters, then the timer runs in the page.
  await p.locator("#during > summary").click();
  for (const id of [self, mate]) {
    await p.getByLabel("Add a presenter").selectOption(id);
    await p.getByRole("button", { name: "Add presenter" }).click();
    await p.locator(`#timer tr[data-person="${id}"]`).waitFor();
  }
  const [p1, p2] = sql(`SELECT id FROM presentations WHERE meeting_id = ${mid} ORDER BY position`)
    .split("\n");

  // A second screen, a member's, as on the projector: it follows the timer by itself.
  const wall = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await logIn(wall, participant);
  await wall.goto(`${url}/meetings/${mid}?stage=during`);
  await wall.evaluate(() => { window.__liveMarker = "kept"; });

  await p.getByRole("button", { name: "Start" }).click();
  await p.waitForSelector("#timer[data-state=running]");
  check(await p.getByRole("button", { name: "Pause" }).isVisible(), `${tag}: Pause offered once running`);
  check(!(await p.getByRole("button", { name: "Start" }).isVisible()), `${tag}: Start hidden once running`);
  const before = await p.textContent(".timer-left");
  await p.waitForFunction((b) => document.querySelector(".timer-left").textContent !== b, before);
  check(await marked(p), `${tag}: Start and the countdown did not reload the page`);
  await wall.waitForSelector("#timer[data-state=running]");
  check(await marked(wall), `${tag}: the second screen follows without reloading`);
  await p.screenshot({ path: join(shots, `meeting-live-timer-${tag}.png`), fullPage: true });

  // A question logged for the mate, who asked it; marks show their state.
  const pres1 = p.locator(`#p-${p1}`);
  check(await pres1.evaluate((d) => d.open), `${tag}: the first presenter's section is open`);
  await pres1.getByLabel("Question", { exact: true }).fill("What would change if you said no?");
  check((await pres1.getByLabel("Asked by").inputValue()) ===
    sql("SELECT person_id FROM users WHERE email = 'facilitator@demo.example'"),
    `${tag}: the asker defaults to the typist`);
  await pres1.getByLabel("Asked by").selectOption(mate);
  await pres1.getByRole("button", { name: "Add question" }).click();
  const q = p.locator(`#p-${p1} ul.questions li`, { hasText: "What would change if you said no?" });
  await q.waitFor();
  check((await q.textContent()).includes(`${mateName}: What would change`), `${tag}: the chosen asker shown`);
  check(sql(`SELECT asker_id FROM meeting_questions WHERE presentation_id = ${p1}`) === mate,
    `${tag}: the chosen asker stored`);
  await q.getByRole("button", { name: "open" }).click();
  await q.locator("button[aria-pressed=true]", { hasText: "open" }).waitFor();
  check((await q.locator("button", { hasText: "closed" }).getAttribute("aria-pressed")) === "false",
    `${tag}: closed not pressed while open is`);
  await q.getByRole("button", { name: "closed" }).click();
  await q.locator("button[aria-pressed=true]", { hasText: "closed" }).waitFor();
  check((await q.locator("button", { hasText: "open" }).getAttribute("aria-pressed")) === "false",
    `${tag}: marks toggle`);
  check((await q.locator(".tag").textContent()) === "closed", `${tag}: the tag says closed`);

  // The presenter's action, recorded by the facilitator.
  await pres1.getByLabel("New action, in the presenter's words").fill(`Ask the board (${tag})`);
  await pres1.getByLabel("Due by").fill("2030-03-20");
  await pres1.getByRole("button", { name: "Add action" }).click();
  await p.locator(`#p-${p1} ul.actions-list li`, { hasText: `Ask the board (${tag})` }).waitFor();
  await p.screenshot({ path: join(shots, `meeting-live-questions-${tag}.png`), fullPage: true });

  // The presenter talks on: the stored segment start moves back an hour, and the page shows
  // the overrun at its next poll, without a reload.
  const state = sql(`SELECT state FROM meeting_timers WHERE meeting_id = ${mid}`).split(" ");
  state[4] = String(Number(state[4]) - 3600);
  sql(`UPDATE meeting_timers SET state = '${state.join(" ")}' WHERE meeting_id = ${mid}`);
  await p.locator(".timer-alert", { hasText: "Overrun" }).waitFor({ timeout: 15000 });
  check(await p.locator("#timer.overrun").count() === 1, `${tag}: overrun marked on the timer`);

  // Next presenter: five phases on, the second presenter's first phase and section.
  for (let k = 0; k < 5; k++) {
    const phase = await p.textContent(".timer .phase");
    await p.getByRole("button", { name: "Next phase" }).click();
    if (k < 4) await p.waitForFunction((ph) => document.querySelector(".timer .phase").textContent !== ph, phase);
  }
  await p.locator(".timer-who", { hasText: mateName }).waitFor();
  check((await p.textContent(".timer .phase")) === "Presenting", `${tag}: next presenter presenting`);
  await p.waitForFunction((id) => document.getElementById(id).open, `p-${p2}`);
  check(await marked(p), `${tag}: Next phase did not reload the page`);

  // To the end: the timer is done and the page opens After.
  for (let k = 0; k < 5; k++) {
    await p.getByRole("button", { name: "Next phase" }).click();
    await p.waitForTimeout(150);
  }
  await p.waitForSelector("#timer[data-state=done]", { state: "attached" });
  check(!(await p.locator(".timer-done").evaluate((e) => e.hidden)), `${tag}: the timer says all are done`);
  await p.waitForFunction(() => document.getElementById("after").open, null, { timeout: 15000 });

  // Review round.
  await p.getByLabel("What helped me today").fill(`Silence before answering (${tag})`);
  await p.getByLabel("What I learned about questioning").fill("Shorter questions open more");
  await p.getByRole("button", { name: "Save my review" }).click();
  await p.locator("#review .reviews", { hasText: `Silence before answering (${tag})` }).waitFor();
  check(await marked(p), `${tag}: the whole meeting ran without a reload`);
  check(pageErrors.length === 0, `${tag}: no script errors (${pageErrors})`);

  // The screen fits its width, and the page is compact.
  const size = await p.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: window.innerWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5).map((el) => `${el.tagName}.${el.className}#${el.id}`),
  }));
  check(size.scroll <= size.width,
    `${tag}: no sideways scrolling (${size.scroll} > ${size.width}: ${size.wide})`);
  await p.evaluate(() => { for (const d of document.querySelectorAll("details.stage")) d.open = d.id === "during"; });
  const during = await p.evaluate(() => document.documentElement.scrollHeight);
  console.log(`${tag}: page height with During open: ${during} px`);
  if (width >= 1280) check(during < 4000, `${tag}: page under 4,000 px with During open (${during})`);
  // Every stage and presentation open: axe-core finds no WCAG 2.2 A/AA violation.
  await p.evaluate(() => { for (const d of document.querySelectorAll("details")) d.open = true; });
  await p.addScriptTag({ path: axePath });
  const axe = await p.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
  check(axe.passes.length > 0, `${tag}: axe-core ran`);
  for (const v of axe.violations)
    check(false, `${tag}: axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  await p.evaluate(() => { for (const d of document.querySelectorAll("details.stage")) d.open = d.id === "after"; });
  await p.screenshot({ path: join(shots, `meeting-live-after-${tag}.png`), fullPage: true });

  // Hand-over, confirmed; the page then says who facilitates.
  await p.getByLabel("Hand facilitation of this meeting to").selectOption(self);
  await p.getByRole("button", { name: "Hand over", exact: true }).click();
  await p.waitForURL(`${url}/meetings/${mid}/facilitator`);
  check((await p.textContent("main")).includes(selfName), `${tag}: the confirmation names the member`);
  check(sql(`SELECT IFNULL(facilitator_id, 0) FROM meetings WHERE id = ${mid}`) === "0",
    `${tag}: nothing changed before confirming`);
  await p.screenshot({ path: join(shots, `meeting-live-handover-${tag}.png`), fullPage: true });
  await p.getByRole("button", { name: `Hand over to ${selfName}` }).click();
  await p.waitForURL(new RegExp(`/meetings/${mid}\\?stage=after#handover$`));
  check((await p.textContent("#handover")).includes(`Facilitating this meeting now: ${selfName}`),
    `${tag}: the page says who facilitates now`);
  check(sql(`SELECT facilitator_id FROM meetings WHERE id = ${mid}`) === self, `${tag}: hand-over stored`);
  await wall.locator("#facilitator-now", { hasText: selfName }).waitFor({ timeout: 30000 });
  check((await wall.textContent("#live-status")).includes("(you)"),
    `${tag}: the new facilitator's screen says it is them`);
  await wall.close();
  await ctx.close();
}

// Without JavaScript the same forms work, each a POST and a redirect to the open stage.
async function withoutScript(mid) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const p = await ctx.newPage();
  await logIn(p, participant);
  await p.goto(`${url}/meetings/${mid}`);
  await p.getByLabel("My check-in").fill("No script today");
  await p.getByRole("button", { name: "Save", exact: true }).click();
  await p.waitForURL(new RegExp(`/meetings/${mid}\\?stage=before#checkin$`));
  check((await p.textContent("#quorum")).includes("1 present"), "no script: check-in marks present");
  await p.locator("#during > summary").click();
  await p.getByLabel("Add a presenter").selectOption(self);
  await p.getByRole("button", { name: "Add presenter" }).click();
  await p.waitForURL(new RegExp(`/meetings/${mid}\\?stage=during#timer-section$`));
  check(!(await p.getByRole("button", { name: "Pause" }).isVisible()), "no script: Pause hidden when ready");
  await p.getByRole("button", { name: "Start" }).click();
  await p.waitForURL(new RegExp(`/meetings/${mid}\\?stage=during#timer$`));
  check((await p.getAttribute("#timer", "data-state")) === "running", "no script: the timer runs");
  check(await p.getByRole("button", { name: "Pause" }).isVisible(), "no script: Pause offered");
  check(!(await p.getByRole("button", { name: "Start" }).isVisible()), "no script: Start hidden");
  await p.getByLabel("Question", { exact: true }).fill("What else?");
  await p.getByRole("button", { name: "Add question" }).click();
  await p.waitForURL(/\?stage=during#p-\d+$/);
  const q = p.locator("ul.questions li", { hasText: "What else?" });
  await q.getByRole("button", { name: "open" }).click();
  await p.waitForURL(/\?stage=during#q-\d+$/);
  check((await q.locator("button", { hasText: "open" }).getAttribute("aria-pressed")) === "true",
    "no script: the mark shows its state");
  await p.screenshot({ path: join(shots, "meeting-live-noscript-360px.png"), fullPage: true });
  await ctx.close();
}

try {
  await journey(360, 740, meetings[0]);
  await journey(1280, 800, meetings[1]);
  await withoutScript(meetings[2]);
} catch (e) {
  failures++;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures ? `${failures} failed` : "live meeting browser test passed");
process.exit(failures ? 1 : 0);
