// Filters the curriculum page as the reader types; without JavaScript the form submits.
(function () {
  const form = document.querySelector("[data-filter-form]");
  if (!form) return;
  const text = form.querySelector("#filter-text");
  const value = form.querySelector("#filter-value");
  const count = document.querySelector("[data-shown-count]");
  const noMatch = document.querySelector("[data-no-match]");
  const competencies = Array.from(document.querySelectorAll("[data-competency]"));

  function apply() {
    const words = text.value.toLocaleLowerCase("en-GB").split(/\s+/).filter(Boolean);
    const wanted = value.value;
    let shown = 0;
    for (const el of competencies) {
      const haystack = el.dataset.search;
      const values = el.dataset.values ? el.dataset.values.split("|") : [];
      const match = (!wanted || values.includes(wanted)) && words.every((w) => haystack.includes(w));
      el.hidden = !match;
      const entry = document.querySelector(`[data-contents-for="${el.dataset.competency}"]`);
      if (entry) entry.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = String(shown);
    noMatch.hidden = shown > 0;
    const params = new URLSearchParams();
    if (text.value) params.set("q", text.value);
    if (wanted) params.set("value", wanted);
    history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  }

  let timer;
  text.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(apply, 150); });
  value.addEventListener("change", apply);
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
})();
