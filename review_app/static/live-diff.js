// Word-level difference between two texts, rendered with <del>/<ins> that say what they
// are to screen readers and are struck through / underlined, not only coloured.
window.wordDiff = (function () {
  function tokens(text) { return (text || "").split(/(\s+)/).filter((t) => t !== ""); }

  function diff(before, after) {
    const a = tokens(before), b = tokens(after);
    const rows = a.length + 1, cols = b.length + 1;
    const lcs = new Array(rows);
    for (let i = 0; i < rows; i++) lcs[i] = new Uint16Array(cols);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    const parts = [];
    const push = (op, text) => {
      const last = parts[parts.length - 1];
      if (last && last.op === op) last.text += text; else parts.push({ op, text });
    };
    let i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { push("same", a[i]); i++; j++; }
      else if (lcs[i + 1][j] >= lcs[i][j + 1]) { push("del", a[i]); i++; }
      else { push("ins", b[j]); j++; }
    }
    while (i < a.length) push("del", a[i++]);
    while (j < b.length) push("ins", b[j++]);
    return parts;
  }

  function render(container, before, after) {
    container.textContent = "";
    for (const part of diff(before, after)) {
      if (part.op === "same") { container.append(part.text); continue; }
      const el = document.createElement(part.op);
      const label = document.createElement("span");
      label.className = "nhsuk-u-visually-hidden";
      label.textContent = part.op === "del" ? " [deleted: " : " [inserted: ";
      const end = document.createElement("span");
      end.className = "nhsuk-u-visually-hidden";
      end.textContent = "] ";
      el.append(label, part.text, end);
      container.append(el);
    }
  }

  return { diff, render };
})();
