// Benchmark (not a test) of the interactive whole network at 2,000 people (issue 16): the time
// from asking for the programme's network page to the view being usable (window.setworkNetwork
// ready: data fetched, cytoscape drawn), and the server's time for graph.json alone, median of
// RUNS. Usage: node bench/network_view.mjs BUILD_DIR [PEOPLE] [RUNS]
// Needs tests/browser/node_modules (scripts/install-browser-deps).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, startServer } from "../tests/browser/harness.mjs";

const build = process.argv[2] || "build";
const people = process.argv[3] || "2000";
const runs = Number(process.argv[4] || 5);
const bin = join(build, "setwork");
const { dir, db } = demoDatabase(bin, "setwork-bench-netview-");
const cli = (...a) => execFileSync(bin, ["--db", db, ...a]).toString();
const csv = join(dir, "big.csv");
cli("demo", "--csv", csv, "--people", people, "--seed", "7");
cli("import", csv, "--programme", "Big");
cli("form", "--programme", "Big", "--save", "Big plan");
cli("network", "demo", "--programme", "Big");
const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e}`));
  page.on("console", (m) => { if (m.type() === "error") console.error(`console: ${m.text()}`); });
  await loginFor(url)(page, "admin@demo.example");
  const json = [], ready = [];
  let size = 0, nodes = 0, edges = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = Date.now();
    const body = await page.evaluate(async (u) => (await fetch(u)).text(), `${url}/programmes/2/network/graph.json`);
    json.push(Date.now() - t0);
    size = body.length;
    const t1 = Date.now();
    await page.goto(`${url}/programmes/2/network`, { waitUntil: "domcontentloaded", timeout: 120000 });
    await page.waitForFunction(() => window.setworkNetwork && window.setworkNetwork.ready, null, { timeout: 120000 });
    ready.push(Date.now() - t1);
    const t = await page.evaluate(() => window.setworkNetwork.timings);
    console.log(`  run ${i + 1}: script start ${t.start.toFixed(0)} ms after navigation, data +${(t.data - t.start).toFixed(0)} ms, ` +
      `drawn +${(t.drawn - t.data).toFixed(0)} ms, ready +${(t.ready - t.drawn).toFixed(0)} ms`);
    [nodes, edges] = await page.evaluate(() => [window.setworkNetwork.cy.nodes().length, window.setworkNetwork.cy.edges().length]);
  }
  console.log(`network view: ${nodes} people, ${edges} contacts, graph.json ${(size / 1024).toFixed(0)} KiB`);
  console.log(`graph.json: median ${median(json)} ms (runs: ${json.join(", ")})`);
  console.log(`page to usable view: median ${median(ready)} ms (runs: ${ready.join(", ")})`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
