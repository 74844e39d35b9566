// Browser journey (issue 16): the lead opens a network survey wave asking two relations; a
// participant picks people for both, forgets to tick consent and submits: the page says so and
// every name picked is still ticked; ticking consent and submitting saves them all. The lead
// then reads the report per relation.
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

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);

try {
  const admin = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  await logIn(admin, "admin@demo.example");
  await admin.goto(`${url}/programmes/1/network`);
  await admin.getByLabel("Open a new wave named").fill("Baseline");
  await admin.getByLabel("Relations to ask, one a line").fill("go to for advice\nknow well");
  await admin.getByRole("button", { name: "Open wave" }).click();
  check((await admin.locator("table.list").first().textContent()).includes("Baseline"), "wave opened");

  // The participant on a phone: consent comes first, then one list per relation.
  const p = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
  await logIn(p, participant);
  await p.goto(`${url}/network/1`);
  const advice = p.locator("fieldset.pick", { has: p.getByText("Whom do you go to for advice?") });
  const know = p.locator("fieldset.pick", { has: p.getByText("Whom do you know well?") });
  check((await advice.count()) === 1 && (await know.count()) === 1, "both relations asked");
  const picks = [
    advice.locator("li input").nth(0),
    advice.locator("li input").nth(3),
    know.locator("li input").nth(1),
  ];
  const values = [];
  for (const box of picks) {
    await box.check();
    values.push(await box.getAttribute("value"));
  }
  // Forgetting consent: refused with a sentence, and every pick is still ticked.
  await p.getByRole("button", { name: "Save my answers" }).click();
  await p.waitForLoadState();
  check((await p.textContent("main")).includes("Please agree to how your answers are used"), "says consent is missing");
  await p.screenshot({ path: join(shots, "network-survey-no-consent.png"), fullPage: false });
  const adviceAgain = p.locator("fieldset.pick", { has: p.getByText("Whom do you go to for advice?") });
  const knowAgain = p.locator("fieldset.pick", { has: p.getByText("Whom do you know well?") });
  check(await adviceAgain.locator(`input[value="${values[0]}"]`).isChecked(), "first advice pick kept");
  check(await adviceAgain.locator(`input[value="${values[1]}"]`).isChecked(), "second advice pick kept");
  check(await knowAgain.locator(`input[value="${values[2]}"]`).isChecked(), "know-well pick kept");
  check((await p.locator("fieldset.pick input:checked").count()) === 3, "nothing else ticked");
  await p.getByLabel("I agree that my answers are used as described above.").check();
  await p.getByRole("button", { name: "Save my answers" }).click();
  await p.waitForURL(`${url}/network/1/me`);
  check((await p.textContent("main")).includes("3 people named"), "the three picks saved");
  // Back on the survey, the saved answer is what is ticked.
  await p.goto(`${url}/network/1`);
  check((await p.locator("fieldset.pick input:checked").count()) === 3, "the saved picks are ticked");
  check(await p.getByLabel("I agree that my answers are used as described above.").isChecked(), "consent remembered");

  // The lead reads the report per relation; every relation together is the default.
  await admin.goto(`${url}/programmes/1/network`);
  check((await admin.getByLabel("Relation shown").inputValue()) === "", "every relation together by default");
  await admin.getByLabel("Relation shown").selectOption("know well");
  await admin.getByRole("button", { name: "Show this relation" }).click();
  await admin.waitForURL(/relation=know\+well/);
  check((await admin.getByLabel("Relation shown").inputValue()) === "know well", "the relation chosen is kept");
  // With JavaScript the interactive view draws the network from graph.json (the SVG is not
  // fetched on screen); both follow the relation.
  const graph = await admin.locator("#network-view").getAttribute("data-graph");
  check(graph.includes("relation=know"), `the interactive view follows the relation (${graph})`);
  const svg = await admin.locator("#network-view figure.network img").getAttribute("data-src") ||
    await admin.locator("#network-view figure.network img").getAttribute("src");
  check(svg && svg.includes("relation=know"), `the picture follows the relation (${svg})`);
  await admin.screenshot({ path: join(shots, "network-report-relation.png"), fullPage: false });
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
