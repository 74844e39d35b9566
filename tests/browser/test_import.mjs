// Browser journeys of issue 15: a programme lead creates a programme, imports a cohort file,
// re-imports it with changes, sees each change (person, field, before, after) and applies
// them; then reads the impact report and downloads its PDF. Screenshots go to
// $SETWORK_BUILD_DIR/screenshots.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const shots = screenshotsDir();
const { dir, db } = demoDatabase(bin);
execFileSync(bin, ["--db", db, "network", "demo", "--programme", "Demo"]);
execFileSync(bin, ["--db", db, "challenges", "demo", "--programme", "Demo"]);
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);

const v1 = "name,email,department,location\nAda,ada@cohort.example,Research,London\n" +
  "Ben,ben@cohort.example,Sales,Leeds\nCara,cara@cohort.example,Sales,Leeds\n";
const v2 = "name,email,department,location\nAda Lovelace,ada@cohort.example,Research,London\n" +
  "Ben,ben@cohort.example,Marketing,Leeds\nDan,dan@cohort.example,Sales,York\n";

// Uploads TEXT as a CSV on the import page and checks the file.
async function upload(page, programmeUrl, text) {
  await page.goto(programmeUrl);
  await page.getByRole("link", { name: "Import cohort CSV" }).click();
  await page.getByLabel("Cohort CSV file or Excel workbook (.xlsx)").setInputFiles({
    name: "cohort.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(text),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.waitForSelector("h1");
}

try {
  // bypassCSP: the pages forbid inline scripts, and axe-core is injected as one.
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, acceptDownloads: true,
    bypassCSP: true });
  const admin = await context.newPage();
  await logIn(admin, "admin@demo.example");

  // Create a programme on the web.
  await admin.goto(`${url}/programmes/new`);
  await admin.getByLabel("Name").fill("Leaders 2027");
  await admin.getByRole("button", { name: "Create programme" }).click();
  await admin.waitForURL(/\/programmes\/\d+$/);
  const programmeUrl = admin.url();

  // The first import: previewed, then applied.
  await upload(admin, programmeUrl, v1);
  check((await admin.textContent("h1")) === "Check the changes", "first upload is a preview");
  check((await admin.textContent("#import-summary")).includes("3 new"), "three people new");
  await admin.getByRole("button", { name: "Apply these changes" }).click();
  await admin.waitForSelector("text=Cohort imported");

  // The re-import with changes: every change listed, nothing changed until Apply.
  await upload(admin, programmeUrl, v2);
  check((await admin.textContent("h1")) === "Check the changes", "re-import is a preview");
  const rows = await admin.$$eval("#import-changes tbody tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent).join("|")));
  const expected = [
    "ada@cohort.example|name|Ada|Ada Lovelace",
    "ben@cohort.example|department|Sales|Marketing",
  ];
  check(JSON.stringify(rows) === JSON.stringify(expected),
    `changes listed as person, field, before, after: ${JSON.stringify(rows)}`);
  check((await admin.textContent("#import-added")).includes("Dan (dan@cohort.example), new to setwork"),
    "the person added is listed");
  check((await admin.textContent("#import-missing")).includes("cara@cohort.example"),
    "the member missing from the file is listed");
  await admin.screenshot({ path: join(shots, "import-preview.png"), fullPage: true });
  // The preview (a POST's answer, so outside the quality test's crawl) meets the same bar.
  await admin.addScriptTag({ path: axePath });
  const axe = await admin.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
  check(axe.passes.length > 0, "axe-core ran on the preview");
  for (const v of axe.violations) check(false, `preview: axe ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(", ")}`);
  // At 360 px the preview is still usable: nothing wider than the screen.
  await admin.setViewportSize({ width: 360, height: 740 });
  const wide = await admin.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 360, `preview fits 360 px (scrollWidth ${wide})`);
  await admin.screenshot({ path: join(shots, "import-preview-360.png"), fullPage: true });
  await admin.setViewportSize({ width: 1200, height: 800 });
  // Cancel leaves everything as it was.
  await admin.getByRole("link", { name: "Cancel" }).click();
  await admin.waitForURL(programmeUrl);
  check(!(await admin.isVisible("text=Ada Lovelace")), "nothing changed before Apply");
  // Check again and apply.
  await upload(admin, programmeUrl, v2);
  await admin.getByRole("button", { name: "Apply these changes" }).click();
  await admin.waitForSelector("text=Cohort imported");
  const applied = await admin.$$eval("#import-changes tbody tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent).join("|")));
  check(JSON.stringify(applied) === JSON.stringify(rows), "applied exactly the changes previewed");
  await admin.goto(programmeUrl);
  check(await admin.isVisible("text=Ada Lovelace"), "the change is stored");
  check(await admin.isVisible("text=Dan"), "the new person is a member");

  // Read the report, and download its PDF.
  await admin.goto(`${url}/programmes/1/report`);
  check(await admin.isVisible("#headlines"), "the report opens with its headlines");
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  const pdfPath = join(dir, "report.pdf");
  await download.saveAs(pdfPath);
  check(readFileSync(pdfPath).subarray(0, 5).toString() === "%PDF-", "the download is a PDF");
  const info = execFileSync("pdfinfo", [pdfPath]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  check(pages >= 1 && pages <= 2, `one or two pages, not ${pages}`);
  const text = execFileSync("pdftotext", [pdfPath, "-"]).toString();
  check(text.includes("In brief") && text.includes("Contacts per person"), "the PDF has the headlines");
  await admin.screenshot({ path: join(shots, "report.png"), fullPage: true });
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
