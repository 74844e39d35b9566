// Enhancements only: every page works without this file.
// The people filter submits as you choose an attribute, so a keyboard user still has the button.
document.addEventListener("DOMContentLoaded", () => {
  const attr = document.getElementById("f-attr");
  const value = document.getElementById("f-value");
  if (attr && value) attr.addEventListener("change", () => value.focus());
  // A one-time secret is selected on click, ready to copy.
  for (const el of document.querySelectorAll(".secret")) {
    el.addEventListener("click", () => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
  }
  // Plans: drag a person onto another set to move them. It fills in and sends the same Move
  // form a keyboard or no-JavaScript user submits, so the server sees one kind of request.
  let dragged = null;
  for (const li of document.querySelectorAll(".members li[draggable]")) {
    li.addEventListener("dragstart", (e) => {
      dragged = li.querySelector("form.move");
      e.dataTransfer.effectAllowed = "move";
      li.classList.add("dragging");
    });
    li.addEventListener("dragend", () => li.classList.remove("dragging"));
  }
  for (const set of document.querySelectorAll(".set[data-set-id]")) {
    set.addEventListener("dragover", (e) => {
      if (!dragged) return;
      e.preventDefault();
      set.classList.add("drop");
    });
    set.addEventListener("dragleave", () => set.classList.remove("drop"));
    set.addEventListener("drop", (e) => {
      e.preventDefault();
      set.classList.remove("drop");
      const select = dragged && dragged.querySelector("select[name=set_id]");
      if (!select || select.value === set.dataset.setId) return;
      select.value = set.dataset.setId;
      dragged.submit();
    });
  }
  // Forming sets takes a few seconds: say so on the button while the plain POST runs.
  for (const form of document.querySelectorAll("form[data-busy]")) {
    form.addEventListener("submit", () => {
      const button = form.querySelector("button[type=submit]");
      if (!button) return;
      button.textContent = form.dataset.busy;
      button.setAttribute("aria-busy", "true");
      setTimeout(() => { button.disabled = true; }, 0);
    });
  }
  // The meeting page has its own script, meeting.js (the live timer and forms).
});
