// Browser test of the network survey pages: an admin opens a wave; a participant on a phone
// answers the survey using the search (filtering as they type), sees no emails, and then sees
// their own ego network; another person's is refused. Screenshots go to
// $SETWORK_BUILD_DIR/screenshots.
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
  // The admin opens a wave from the programme's network page.
  const admin = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  await logIn(admin, "admin@demo.example");
  await admin.goto(`${url}/programmes/1/network`);
  await admin.getByLabel("Open a new wave named").fill("Baseline");
  await admin.getByRole("button", { name: "Open wave" }).click();
  check((await admin.locator("table.list").first().textContent()).includes("Baseline"), "wave opened");

  // A participant on a phone answers using the search, then sees their own network.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const p = await phone.newPage();
  await logIn(p, participant);
  await p.goto(`${url}/network/1`);
  check((await p.textContent("h1")) === "Network survey", "survey page");
  const text = await p.textContent("main");
  check(!/[\w.+-]+@[\w.-]+/.test(text.replace(participant, "")), "no emails on the survey");
  const all = await p.locator("li[data-search]:visible").count();
  const first = (await p.locator("li[data-search]").first().getAttribute("data-search")).split(" ")[0];
  await p.getByLabel("Search names, departments, organisations").fill(first);
  const shown = await p.locator("li[data-search]:visible").count();
  check(shown >= 1 && shown < all, `search filters as you type (${shown} of ${all})`);
  await p.screenshot({ path: join(shots, "network-survey-phone.png"), fullPage: false });
  await p.locator("li[data-search]:visible input").first().check();
  await p.getByLabel("Search names, departments, organisations").fill("");
  await p.locator("li[data-search]:visible input").nth(5).check();
  await p.getByLabel("I agree that my answers are used as described above.").check();
  await p.getByRole("button", { name: "Save my answers" }).click();
  await p.waitForURL(`${url}/network/1/me`);
  check((await p.textContent("h1")) === "My network", "my network page");
  check((await p.textContent("main")).includes("2 people named"), "two people named");
  const img = p.locator("figure.network img");
  const ok = await img.evaluate((el) => el.complete && el.naturalWidth > 0);
  check(ok, "ego network picture loads");
  await p.screenshot({ path: join(shots, "network-me-phone.png"), fullPage: true });
  const src = await img.getAttribute("src");
  const other = await p.goto(`${url}${src.replace(/people\/\d+/, "people/1")}`);
  check([403, 404].includes(other.status()) || src.includes("people/1/"), `another's ego network refused (${other.status()})`);

  await admin.goto(`${url}/programmes/1/network`);
  await admin.screenshot({ path: join(shots, "network-admin.png"), fullPage: false });
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
