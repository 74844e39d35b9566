// Network survey: filter the people lists as you type, and send the picks as one field per
// relation so that any number of people can be picked (the form parser caps field counts).
document.addEventListener("DOMContentLoaded", () => {
  const q = document.getElementById("q");
  const survey = document.querySelector("form.survey");
  if (!q || !survey) return;
  const rows = survey.querySelectorAll("li[data-search]");
  q.addEventListener("input", () => {
    const needle = q.value.trim().toLowerCase();
    for (const li of rows) {
      const hit = needle === "" || li.dataset.search.toLowerCase().includes(needle) ||
        li.querySelector("input").checked;
      li.hidden = !hit;
    }
  });
  q.form.addEventListener("submit", (e) => { e.preventDefault(); q.dispatchEvent(new Event("input")); });
  survey.addEventListener("submit", () => {
    for (const fs of survey.querySelectorAll("fieldset[data-relation]")) {
      const boxes = fs.querySelectorAll("input[type=checkbox]");
      const ids = [];
      for (const b of boxes) { if (b.checked) ids.push(b.value); b.disabled = true; }
      const h = document.createElement("input");
      h.type = "hidden"; h.name = "l" + fs.dataset.relation; h.value = ids.join(",");
      survey.appendChild(h);
    }
  });
});
