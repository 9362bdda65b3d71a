// The facilitator's moderation form on the live page: remove a participant from the day,
// or reject or hide all their proposals, with a reason (docs/live-protocol.md, `moderate`).
// It goes through the page's outbox like every other change (live.js: window.reviewDay).
(function () {
  "use strict";
  const form = document.querySelector("[data-moderate-form]");
  if (!form || !window.reviewDay) return;
  const { state, send } = window.reviewDay;
  const who = form.elements.participant_id;

  // Everyone present or with a proposal on screen, but staff (an admin deactivates those).
  function people() {
    const found = new Map();
    for (const p of state.present) if (!p.staff) found.set(p.id, p);
    for (const proposal of state.proposals.values()) {
      const a = proposal.author;
      if (a && !a.staff && !found.has(a.id)) found.set(a.id, a);
    }
    return Array.from(found.values()).sort((a, b) => a.name.localeCompare(b.name));
  }

  function fill() {
    const chosen = who.value;
    who.textContent = "";
    const none = document.createElement("option");
    none.value = "";
    none.textContent = "Choose a participant";
    who.append(none);
    for (const p of people()) {
      const option = document.createElement("option");
      option.value = String(p.id);
      option.textContent = `${p.name} (${p.organisation})`;
      who.append(option);
    }
    who.value = chosen;
  }
  who.addEventListener("focus", fill);
  form.closest("details").addEventListener("toggle", fill);

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const action = form.querySelector("input[name=action]:checked");
    const reason = form.elements.reason.value.trim();
    if (!who.value || !action || !reason) return;
    send("moderate", { participant_id: Number(who.value), action: action.value, reason }, (ack) => {
      if (ack.ok) form.reset();
    });
  });
})();
