// Browser journey (issue 16): a participant answers the pulse survey at the start, missing one
// question: they are told which before anything is saved, with their choices kept; answering it
// saves. Their answers show as the labels they chose, and after the end survey they see their
// own change, question by question.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const shots = screenshotsDir();
const { dir, db, participant } = demoDatabase(bin);
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}

// A short programme, so that both waves are open today (each opens pulse_window_days around it).
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
execFileSync("sqlite3", [db, `UPDATE programmes SET starts_on = '${day(-1)}', ends_on = '${day(5)}' WHERE id = 1`]);

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);

// Ticks, in every question but the ones in SKIP, the answer at position PICK(i) by its label.
async function answer(page, pick, skip = []) {
  const questions = page.locator("form[action='/my/survey'] fieldset");
  const n = await questions.count();
  const labels = [];
  for (let i = 0; i < n; i++) {
    if (skip.includes(i)) continue;
    const label = questions.nth(i).locator("label").nth(pick(i));
    labels[i] = (await label.textContent()).trim();
    await label.click();
  }
  return { n, labels };
}

try {
  const p = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
  await logIn(p, participant);
  await p.goto(`${url}/my/survey?wave=start`);
  check((await p.textContent("h1")).includes("start of the programme"), "the start survey");
  // Every question but the last answered: flagged before saving, the choices kept.
  const n = await p.locator("form[action='/my/survey'] fieldset").count();
  check(n >= 2, `the survey has questions (${n})`);
  const start = await answer(p, () => 1, [n - 1]);
  await p.getByRole("button", { name: "Save my answers" }).click();
  await p.waitForLoadState();
  const notice = await p.textContent("main");
  check(notice.includes(`Nothing was saved yet: you have not answered question ${n}.`), "the missing question is named");
  check(notice.includes("You have not answered yet."), "nothing saved yet");
  const questions = p.locator("form[action='/my/survey'] fieldset");
  for (let i = 0; i < n - 1; i++) check(await questions.nth(i).locator("input").nth(1).isChecked(), `answer ${i + 1} kept`);
  await p.screenshot({ path: join(shots, "pulse-partial-phone.png"), fullPage: false });
  const last = questions.nth(n - 1).locator("label").nth(2);
  start.labels[n - 1] = (await last.textContent()).trim();
  await last.click();
  await p.getByRole("button", { name: "Save my answers" }).click();
  await p.waitForLoadState();
  check((await p.textContent("main")).includes("Thank you: your answers are saved."), "saved");
  // The answers read as their labels, not as numbers.
  const rows = p.locator("table.answers tbody tr");
  check((await rows.count()) === n, "one row a question");
  check((await rows.nth(0).locator("td").nth(0).textContent()).trim() === start.labels[0], "the start answer shows its label");
  check(!/^\d+$/.test((await rows.nth(0).locator("td").nth(0).textContent()).trim()), "not a number");

  // The end survey, one step higher on the first questions, the same on the last.
  await p.getByRole("link", { name: "End of the programme" }).click();
  await p.waitForURL(`${url}/my/survey?wave=end`);
  const end = await answer(p, () => 2);
  await p.getByRole("button", { name: "Save my answers" }).click();
  await p.waitForLoadState();
  check((await p.textContent("main")).includes("Thank you: your answers are saved."), "end saved");
  const change = async (i) => (await rows.nth(i).locator("td").nth(2).textContent()).trim();
  check((await rows.nth(0).locator("td").nth(1).textContent()).trim() === end.labels[0], "the end answer shows its label");
  check(/^\+\d+ points?$/.test(await change(0)), `own change shown (${await change(0)})`);
  check((await change(n - 1)) === "same", `no change shown as same (${await change(n - 1)})`);
  await p.screenshot({ path: join(shots, "pulse-change-phone.png"), fullPage: true });
} catch (e) {
  failures++;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures ? `${failures} failed` : "browser test passed");
process.exit(failures ? 1 : 0);
