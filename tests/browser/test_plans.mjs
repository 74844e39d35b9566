// Browser test of forming sets: an admin forms sets for the demo programme, moves a person (the
// score and plan update at once, through the API; dragging posts the form), publishes; the participant then sees only their own set of the
// new plan, without emails. Screenshots go to $SETWORK_BUILD_DIR/screenshots (plan-*.png).
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
  const admin = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  await logIn(admin, "admin@demo.example");
  await admin.goto(`${url}/programmes/1`);
  await admin.getByRole("link", { name: "Form sets" }).click();
  check((await admin.textContent("h1")) === "Form sets", "form page");
  await admin.getByLabel("Number of sets").fill("20");
  await admin.getByLabel("Seconds to search").fill("1");
  await admin.screenshot({ path: join(shots, "plan-form.png"), fullPage: true });
  await admin.getByRole("button", { name: "Form sets" }).click();
  await admin.waitForURL(/\/plans\/\d+$/);
  const planUrl = admin.url();
  const sets = await admin.locator("section.set").count();
  check(sets === 20, `20 sets shown (${sets})`);
  const score = await admin.textContent("#score");
  check(Number(score) > 0, `a score is shown (${score})`);
  check((await admin.locator(".error").count()) === 0, "a fresh plan breaks no rule");
  await admin.screenshot({ path: join(shots, "plan.png") });

  // Move the first person of set 1 into set 2: a set of 11 breaks the size rule at once.
  const first = admin.locator("section.set").first().locator("li").first();
  const moved = (await first.locator(".who").textContent()).trim();
  await first.locator("select").selectOption({ label: "Set 2" });
  await first.getByRole("button", { name: "Move" }).click();
  // The Move button goes through the API (plan.js) and the page updates without a reload.
  await admin.waitForFunction(() => Number(document.body.dataset.planUpdates || 0) >= 1);
  const second = admin.locator("section.set").nth(1);
  check((await second.textContent()).includes(moved.split(" ")[0]), `moved ${moved} into set 2`);
  const alert = await admin.locator(".error").count();
  check(alert === 1, "the broken size rule is shown");
  await admin.screenshot({ path: join(shots, "plan-broken.png") });
  await admin.getByRole("button", { name: "Re-optimise unlocked sets" }).click();
  await admin.waitForURL(planUrl);
  check((await admin.locator(".error").count()) === 0, "re-optimising repairs the plan");

  // Drag and drop (JavaScript): drag the first person of set 3 onto set 4.
  const third = admin.locator("section.set").nth(2).locator("li").first();
  const dragged = (await third.locator(".who").textContent()).trim();
  await Promise.all([
    admin.waitForNavigation(),
    third.dragTo(admin.locator("section.set").nth(3).locator("h2")),
  ]);
  check((await admin.locator("section.set").nth(3).textContent()).includes(dragged.split(" ")[0]),
        `dragged ${dragged} into set 4`);
  check((await admin.locator(".error").count()) === 1, "the drop shows the broken size rule");
  await admin.getByRole("button", { name: "Re-optimise unlocked sets" }).click();
  await admin.waitForURL(planUrl);
  check((await admin.locator(".error").count()) === 0, "re-optimising repairs the plan again");
  // The demo's sets are published already: publishing this plan first shows who is affected
  // and changes nothing until confirmed.
  await admin.getByRole("button", { name: "Publish to participants" }).click();
  check((await admin.textContent("h1")) === "Confirm the change to published sets",
        "publishing over published sets asks for confirmation");
  const affected = await admin.locator("table.affected tbody tr").count();
  check(affected > 0, `the confirmation page lists who is affected (${affected})`);
  check((await admin.locator("ul.meetings-follow").textContent()).includes("cancels the future meetings"),
        "the confirmation page says what happens to the meetings");
  await admin.screenshot({ path: join(shots, "plan-confirm.png"), fullPage: true });
  await admin.getByRole("link", { name: "Cancel, change nothing" }).click();
  await admin.waitForURL(planUrl);
  check((await admin.textContent(".status")) !== "Published", "cancelling publishes nothing");
  await admin.getByRole("button", { name: "Publish to participants" }).click();
  await admin.getByRole("button", { name: /^Confirm: \d+ affected$/ }).click();
  await admin.waitForURL(planUrl);
  check((await admin.textContent(".status")) === "Published", "published");

  // The participant, on a phone, sees their set of the published plan and no emails.
  const p = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await logIn(p, participant);
  await p.locator("a[href^='/sets/']").first().click();
  const body = await p.textContent("main");
  check(!/@/.test(body.replace(participant, "")), "no email addresses on the participant's set page");
  await p.screenshot({ path: join(shots, "plan-participant-phone.png"), fullPage: true });
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await logIn(phone, "admin@demo.example");
  await phone.goto(planUrl);
  await phone.screenshot({ path: join(shots, "plan-phone.png") });
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
