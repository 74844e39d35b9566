// The plan page, live: a Move or Undo goes to the JSON API with the session and its CSRF token,
// and the score, the broken rules, each set's figures and the members update without a reload.
// Without this file the same forms POST and the page reloads; when the API asks for a
// confirmation (published sets) or fails, the form is posted the plain way, so the server's
// confirmation page shows.
"use strict";
(() => {
  const sets = document.getElementById("sets");
  if (!sets || !window.fetch) return;
  const planId = sets.dataset.planId;
  const csrf = (document.querySelector("input[name=csrf]") || {}).value || "";
  const news = document.getElementById("plan-news");

  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const label = (a) => a.charAt(0).toUpperCase() + a.slice(1);

  function showScore(plan) {
    const score = document.getElementById("score");
    const note = document.getElementById("score-note");
    const n = plan.broken_count;
    score.textContent = typeof plan.score === "number" ? plan.score.toFixed(1) : "none";
    note.textContent = n === 1 ? "(1 rule is broken: a plan that breaks a rule has no score)"
      : n > 1 ? `(${n} rules are broken: a plan that breaks a rule has no score)` : "";
    if (typeof plan.gap === "number") {
      const pct = 100 * plan.gap;
      note.append("· certified gap at most ", el("strong", `${(pct > 0.05 ? pct : 0).toFixed(1)}%`));
    }
  }

  function showBroken(plan) {
    const box = document.getElementById("broken");
    box.replaceChildren();
    if (!plan.broken.length) return;
    const div = el("div", undefined, "error");
    div.setAttribute("role", "alert");
    const ul = el("ul");
    for (const text of plan.broken) ul.append(el("li", text));
    div.append(el("p", "This plan breaks a rule:"), ul);
    box.append(div);
  }

  function showSet(set) {
    const meta = document.getElementById(`meta-${set.id}`);
    let text = `${set.size} people · ${set.new_connections} new connections`;
    if (set.facilitator) text += ` · facilitator ${set.facilitator}`;
    for (const a of ["organisation", "department", "location", "grade"])
      if (a in set.mix) text += ` · ${set.mix[a]} ${a}s`;
    meta.textContent = text;
    const dl = document.getElementById(`mix-${set.id}`);
    dl.replaceChildren();
    for (const b of set.breakdown) {
      dl.append(el("dt", label(b.attribute)),
        el("dd", b.values.map((v) => `${v.value || "not given"} ${v.count}`).join(", ")));
    }
    dl.append(el("dt", "New connections"), el("dd", String(set.new_connections)));
    const ul = document.querySelector(`section[data-set-id="${set.id}"] ul.members`);
    for (const m of set.members) {
      const li = sets.querySelector(`li[data-person-id="${m.id}"]`);
      if (!li) continue;
      if (li.parentElement !== ul) ul.append(li);
      const select = li.querySelector("select[name=set_id]");
      if (select) select.value = String(set.id);
    }
  }

  function showUndo(plan) {
    const form = document.getElementById("undo");
    if (!form) return;
    form.hidden = !plan.undo;
    document.getElementById("undo-what").textContent =
      plan.undo ? `${plan.undo.person} back to ${plan.undo.from}` : "";
  }

  function show(plan, message) {
    showScore(plan);
    showBroken(plan);
    for (const set of plan.sets) showSet(set);
    showUndo(plan);
    if (news) news.textContent = message;
    document.body.dataset.planUpdates = String(Number(document.body.dataset.planUpdates || 0) + 1);
  }

  async function send(action, body) {
    const res = await fetch(`/api/v1/plans/${planId}/${action}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    return res.status === 200 ? res.json() : null;
  }

  // A submit of a Move form (the button, or Enter): through the API. Drag and drop in app.js
  // calls form.submit(), which fires no submit event, so a drop still posts the plain way.
  sets.addEventListener("submit", async (e) => {
    const form = e.target;
    if (!form.classList.contains("move")) return;
    e.preventDefault();
    const person = Number(form.querySelector("input[name=person_id]").value);
    const select = form.querySelector("select[name=set_id]");
    const plan = await send("move", { person_id: person, set_id: Number(select.value) });
    if (!plan) return form.submit();
    const who = form.querySelector(".who").firstChild.textContent.trim();
    show(plan, `Moved ${who} to ${select.options[select.selectedIndex].text}.`);
    form.querySelector("button").focus();
  });

  const undo = document.getElementById("undo");
  if (undo) {
    undo.addEventListener("submit", async (e) => {
      e.preventDefault();
      const what = document.getElementById("undo-what").textContent;
      const plan = await send("undo", {});
      if (!plan) return undo.submit();
      show(plan, `Undone: ${what}.`);
    });
  }
})();
