// Live drafting hints: while someone writes new wording, ask the quality checks about it
// (GET /curricula/quality/hints) and show what they find under the text box. Hints never
// block: the form submits whatever they say. A proposal's card also says which findings
// its new wording fixes (the server works them out once: the proposal's `fixes`).
(function () {
  "use strict";
  var room = document.querySelector("[data-live-room]");
  if (!room) return;
  var config = JSON.parse(room.getAttribute("data-config"));
  var endpoint = room.getAttribute("data-hints-url");
  var labels = { error: "Check", warning: "Consider", info: "Note" };

  function kindOf(box) {
    var form = box.closest("[data-propose-form]");
    var item = box.closest("[data-item-kind]");
    return (form && form.getAttribute("data-item-kind")) ||
      (item && item.getAttribute("data-item-kind")) || "statement";
  }

  function area(box) {
    var next = box.nextElementSibling;
    if (next && next.hasAttribute("data-hints")) return next;
    var div = document.createElement("div");
    div.className = "app-hints";
    div.setAttribute("data-hints", "");
    div.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", div);
    return div;
  }

  function show(box, hints) {
    var div = area(box);
    div.textContent = "";
    if (!hints.length) return;
    var list = document.createElement("ul");
    list.className = "nhsuk-list app-hints__list";
    hints.forEach(function (h) {
      var li = document.createElement("li");
      li.setAttribute("data-hint", h.rule);
      var tag = document.createElement("strong");
      tag.className = "nhsuk-tag " + (h.severity === "error" ? "nhsuk-tag--orange" : "nhsuk-tag--grey");
      tag.textContent = labels[h.severity] || "Note";
      li.appendChild(tag);
      li.appendChild(document.createTextNode(" " + h.message + " " + h.suggestion));
      list.appendChild(li);
    });
    div.appendChild(list);
  }

  var timers = new WeakMap();
  var asked = new WeakMap();
  function check(box) {
    var text = box.value;
    if (asked.get(box) === text) return;
    asked.set(box, text);
    var url = endpoint + "?day=" + encodeURIComponent(config.review_day_id) + "&kind=" +
      encodeURIComponent(kindOf(box)) + "&text=" + encodeURIComponent(text);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { hints: [] }; })
      .then(function (data) { if (box.value === text) show(box, data.hints || []); })
      .catch(function () { /* hints are optional: say nothing when offline */ });
  }

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-propose-form] textarea[name=new_text]")) return;
    clearTimeout(timers.get(box));
    timers.set(box, setTimeout(function () { check(box); }, 400));
  });

  // live.js raises review:card each time it fills a card, so the note follows every update.
  document.addEventListener("review:card", function (event) {
    var card = event.detail.element;
    var fixes = (event.detail.proposal && event.detail.proposal.fixes) || [];
    var note = card.querySelector("[data-p-fixes]");
    if (!fixes.length) {
      if (note) note.remove();
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "app-proposal__fixes";
      note.setAttribute("data-p-fixes", "");
      var after = card.querySelector("[data-p-rationale]") || card.lastElementChild;
      after.insertAdjacentElement("afterend", note);
    }
    note.textContent = "";
    var tag = document.createElement("strong");
    tag.className = "nhsuk-tag nhsuk-tag--green";
    tag.textContent = fixes.length === 1 ? "Fixes a finding" : "Fixes " + fixes.length + " findings";
    note.appendChild(tag);
    note.appendChild(document.createTextNode(" " + fixes.map(function (f) {
      return f.message;
    }).join(" ")));
  });
})();
