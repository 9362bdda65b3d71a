// The live Review Day page: state from the server's change log, an outbox that survives
// reloads and dropped connections, and rendering of proposals, decisions and feedback.
// Protocol: docs/live-protocol.md.
(function () {
  "use strict";
  const root = document.querySelector("[data-live-room]");
  if (!root) return;
  const config = JSON.parse(root.dataset.config);
  const dayId = config.review_day_id;
  const me = config.me;
  // Staff who have not joined this day before have no participant id until their socket
  // joins (that records their attendance); their outbox waits under "staff" until then.
  const outboxKeyFor = (id) => `review-day:${dayId}:outbox:${id === null ? "staff" : id}`;
  let outboxKey = outboxKeyFor(me.id);
  const ACK_TIMEOUT_MS = 8000;
  const TYPING_EVERY_MS = 2000; // the server passes on a few typing signals a second at most

  const state = {
    seq: 0, status: config.status, focus: null, proposals: new Map(), feedback: new Map(),
    timers: new Map(), present: [], viewing: null, joined: false,
  };
  const pending = new Map(); // seq -> change that arrived ahead of a gap
  let outbox = loadOutbox();
  let flushing = false;
  let resyncTimer = null; // the deadline of the oldest unfilled gap
  let resyncing = false; // joined again to fetch what a gap missed
  let waitingUntil = 0; // sending too fast: the outbox waits for the server's retry_after
  let waitingBecause = ""; // the code of the refusal it waits after
  let failures = 0; // internal_error answers in a row: each doubles the wait, up to 30 s
  let joinFailures = 0; // likewise for join (also unanswered within ACK_TIMEOUT_MS)
  let joinAttempt = 0; // only the newest join's answer counts
  const delayAfter = (n) => Math.min(1000 * 2 ** (n - 1), 30000) * (0.75 + Math.random() / 2);
  function backOff() { failures += 1; return delayAfter(failures); }

  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));
  const announcer = $("[data-announcer]");
  const follow = $("[data-follow]");

  // ---- the outbox: every change waits here (and in localStorage) until acknowledged ----
  function loadOutbox() {
    try { return JSON.parse(localStorage.getItem(outboxKey) || "[]"); } catch { return []; }
  }
  function saveOutbox() { localStorage.setItem(outboxKey, JSON.stringify(outbox)); }
  function becomeParticipant(who) {
    if (!who || who.id === me.id) return;
    Object.assign(me, who);
    localStorage.removeItem(outboxKey);
    outboxKey = outboxKeyFor(me.id);
    saveOutbox();
  }
  function newOpId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function send(event, payload, onResult) {
    const op = { event, payload: { ...payload, op_id: newOpId(), review_day_id: dayId } };
    outbox.push(op);
    saveOutbox();
    if (onResult) callbacks.set(op.payload.op_id, onResult);
    renderPending();
    updateConnection();
    flush();
  }
  const callbacks = new Map();

  function emitWithAck(event, payload) {
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err, ack) => resolve(err ? null : ack));
    });
  }

  async function flush() {
    if (flushing || !state.joined || waitingUntil > Date.now()) return;
    flushing = true;
    try {
      while (outbox.length && state.joined) {
        const op = outbox[0];
        const ack = await emitWithAck(op.event, op.payload);
        // No answer within ACK_TIMEOUT_MS (the database frozen, say): kept and sent again
        // with back-off; it used to wait for a reconnect that never came.
        if (ack === null) {
          const wait = backOff();
          waitingUntil = Date.now() + wait;
          waitingBecause = "timeout";
          setTimeout(() => { waitingUntil = 0; flush(); }, wait);
          break;
        }
        // Too fast, the server busy, or a failure on the server (the change may even have
        // been stored as its connection dropped): kept, and sent again later with the
        // same op_id, which the server stores at most once.
        if (!ack.ok && (ack.error.retry_after || ack.error.code === "internal_error")) {
          const wait = ack.error.retry_after ? ack.error.retry_after * 1000 : backOff();
          waitingUntil = Date.now() + wait;
          waitingBecause = ack.error.code;
          setTimeout(() => { waitingUntil = 0; flush(); }, wait);
          break;
        }
        failures = 0;
        outbox.shift();
        saveOutbox();
        const done = callbacks.get(op.payload.op_id);
        callbacks.delete(op.payload.op_id);
        if (ack.ok) receive(ack.change);
        else showError(ack.error, op);
        if (done) done(ack);
        renderPending();
      }
    } finally {
      flushing = false;
      updateConnection();
    }
  }

  // ---- connection ----
  const socket = io({ transports: ["websocket", "polling"], reconnectionDelayMax: 3000 });
  socket.on("connect", join);
  socket.on("disconnect", () => { state.joined = false; updateConnection(); });
  socket.on("change", receive);
  socket.on("presence", (msg) => { state.present = msg.present; renderPresence(); });
  socket.on("typing", showTyping);
  socket.on("removed", sentAway);
  socket.on("resync", resync);

  // A join that is refused for a while (too many joins, the server busy or failing) or not
  // answered within ACK_TIMEOUT_MS is tried again with back-off while the socket is up:
  // a page once stayed "Offline" after PostgreSQL came back, until it was reloaded.
  async function join() {
    const attempt = ++joinAttempt;
    updateConnection(); // connected again: "Catching up…" until the join is answered
    const ack = await emitWithAck("join", { review_day_id: dayId, last_seq: state.seq });
    if (attempt !== joinAttempt || !socket.connected) return; // a newer join (or reconnect) owns it
    if (ack === null || (!ack.ok && (ack.error.retry_after || ack.error.code === "internal_error"))) {
      joinFailures += 1;
      const wait = ack && ack.error.retry_after ? ack.error.retry_after * 1000 : delayAfter(joinFailures);
      setTimeout(() => { if (attempt === joinAttempt && socket.connected) join(); }, wait);
      return;
    }
    joinFailures = 0;
    resyncing = false;
    if (!ack.ok) { showError(ack.error); return; }
    if (ack.snapshot) loadSnapshot(ack.snapshot);
    else ack.changes.forEach(receive);
    if (pending.size) watchGap(); // changes past the replay still wait for an earlier one
    state.joined = true;
    updateConnection();
    flush();
  }

  function updateConnection() {
    const text = $("[data-connection-text]");
    const box = $("[data-connection]");
    let label, mode;
    if (socket.connected && !state.joined && !outbox.length) {
      mode = "sending"; label = "Catching up…";
    } else if (!socket.connected || !state.joined) {
      mode = "offline";
      label = outbox.length
        ? `Offline: ${outbox.length} unsent change${outbox.length > 1 ? "s" : ""} kept on this device`
        : "Offline: reconnecting…";
    } else if (outbox.length && waitingUntil > Date.now()) {
      mode = "sending";
      label = waitingBecause === "rate_limited"
        ? `Sending ${outbox.length}… (you are sending faster than the room allows: waiting a moment)`
        : `Sending ${outbox.length}… (the server could not save it yet: trying again shortly)`;
    } else if (outbox.length) { mode = "sending"; label = `Sending ${outbox.length}…`; }
    else if (pending.size || resyncing) { mode = "sending"; label = "Catching up…"; }
    else { mode = "saved"; label = "All changes saved"; }
    box.dataset.mode = mode;
    text.textContent = label;
  }

  // ---- applying changes in seq order ----
  function receive(change) {
    if (!change || change.seq <= state.seq) return;
    if (change.seq > state.seq + 1) {
      pending.set(change.seq, change);
      watchGap();
      return;
    }
    apply(change);
    state.seq = change.seq;
    while (pending.has(state.seq + 1)) {
      const next = pending.get(state.seq + 1);
      pending.delete(state.seq + 1);
      apply(next);
      state.seq = next.seq;
    }
    if (!pending.size && resyncTimer !== null) {
      clearTimeout(resyncTimer);
      resyncTimer = null;
      updateConnection();
    }
  }

  // A gap not filled within GAP_DEADLINE_MS of its FIRST appearance is fetched by joining
  // again. A deadline, not a debounce: restarted by every early change, the timer never
  // fired at 15 changes a second, and one missed broadcast froze a page for 34 s.
  const GAP_DEADLINE_MS = 1500;
  function watchGap() {
    if (resyncTimer !== null) return;
    resyncTimer = setTimeout(() => {
      resyncTimer = null;
      if (pending.size) { resyncing = true; join(); }
    }, GAP_DEADLINE_MS);
    updateConnection();
  }

  // After a Redis outage the server names the day's newest seq: broadcasts it sent while
  // Redis was down never arrived, so a page behind it joins again to fetch them (spread
  // over RESYNC_SPREAD_MS, so a full room does not join all at once).
  const RESYNC_SPREAD_MS = 500;
  function resync(msg) {
    if (!state.joined || msg.review_day_id !== dayId) return; // a join is under way anyway
    if (msg.seq !== null && msg.seq !== undefined && msg.seq <= state.seq && !pending.size) return;
    resyncing = true;
    updateConnection();
    setTimeout(() => { if (socket.connected) join(); }, Math.random() * RESYNC_SPREAD_MS);
  }

  function loadSnapshot(snap) {
    becomeParticipant(snap.me);
    state.seq = snap.seq;
    state.status = snap.status;
    state.proposals = new Map(snap.proposals.map((p) => [p.id, p]));
    state.feedback = new Map(snap.feedback.map((f) => [f.id, f]));
    state.timers = new Map(snap.timers.map((t) => [t.agenda_item_id, t]));
    $("[data-more-note]").hidden = !(snap.more_proposals || snap.more_feedback);
    setFocus(snap.focus_agenda_item_id, false);
    pending.clear();
    renderAll();
  }

  function apply(change) {
    const d = change.data;
    const who = change.actor ? `${change.actor.name} (${change.actor.organisation})` : "Someone";
    switch (change.type) {
      case "proposal.created":
        state.proposals.set(d.proposal.id, d.proposal);
        renderProposal(d.proposal);
        announce(`New proposal from ${who}: ${kindLabel(d.proposal)}.`);
        break;
      case "proposal.withdrawn":
        update(d.proposal_id, (p) => { p.status = d.status; });
        announce(`${who} withdrew a proposal.`);
        break;
      case "comment.added":
        // a snapshot may already hold it: applying a change twice must change nothing
        update(d.comment.proposal_id, (p) => {
          if (!p.comments.some((c) => c.id === d.comment.id)) p.comments.push(d.comment);
        });
        break;
      case "vote.cast":
        update(d.proposal_id, (p) => { p.tally = d.tally; p.votes[String(d.voter_id)] = d.choice; });
        break;
      case "decision.made":
        update(d.proposal_id, (p) => { p.status = d.status; p.decision = d.decision; });
        announce(`Decision: ${statusLabel(d.status)}. Reason: ${d.decision.reason}`);
        break;
      case "feedback.added":
        state.feedback.set(d.feedback.id, d.feedback);
        renderFeedback();
        break;
      case "focus.changed":
        setFocus(d.agenda_item_id, true);
        break;
      case "timer.changed":
        d.timers.forEach((t) => state.timers.set(t.agenda_item_id, t));
        renderTimers();
        break;
      case "proposals.rejected":
        d.proposal_ids.forEach((id) => update(id, (p) => { p.status = d.status; p.decision = d.decision; }));
        announce(`The facilitator rejected ${d.proposal_ids.length} proposals from ${d.name}. Reason: ${d.reason}`);
        break;
      case "proposals.hidden":
        d.proposal_ids.forEach(forget);
        announce(`The facilitator hid ${d.proposal_ids.length} proposals from ${d.name}.`);
        break;
      case "participant.removed":
        state.present = state.present.filter((p) => p.id !== d.participant_id);
        renderPresence();
        break;
      case "day.status":
        state.status = d.status;
        renderStatus();
        announce(d.status === "closed" ? "The Review Day is closed. You can still read everything."
          : "The Review Day is open.");
        break;
    }
  }

  function forget(id) {
    state.proposals.delete(id);
    const card = cards.get(id);
    if (card) card.remove();
    cards.delete(id);
  }

  // The facilitator removed this participant: the server closes the socket after this.
  function sentAway(msg) {
    outbox = [];
    saveOutbox();
    const box = $("[data-removed]");
    $("[data-removed-title]", box).textContent = msg.title;
    $("[data-removed-text]", box).textContent = msg.message;
    $(".app-live__grid").hidden = true;
    box.hidden = false;
    box.focus();
  }

  function update(id, fn) {
    const proposal = state.proposals.get(id);
    if (!proposal) return;
    fn(proposal);
    renderProposal(proposal);
  }

  // ---- focus and navigation ----
  function setFocus(agendaItemId, announceIt) {
    state.focus = agendaItemId;
    $$("[data-agenda-item]").forEach((li) => {
      const now = Number(li.dataset.agendaItem) === agendaItemId;
      li.classList.toggle("app-agenda__item--current", now);
      $("[data-agenda-state]", li).textContent = now ? "Now" : "";
      if (now) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    });
    const li = agendaItemId && $(`[data-agenda-item="${agendaItemId}"]`);
    if (li && announceIt) {
      announce(`The facilitator moved everyone to ${$("[data-go]", li).textContent.trim()}.`);
    }
    if (li && (follow.checked || state.viewing === null)) show(Number(li.dataset.competency), false);
  }

  function show(competencyId, moveFocus) {
    if (!$(`[data-competency-panel="${competencyId}"]`)) return;
    state.viewing = competencyId;
    $$("[data-competency-panel]").forEach((panel) => {
      panel.hidden = Number(panel.dataset.competencyPanel) !== competencyId;
    });
    $$("[data-go]").forEach((b) => b.setAttribute("aria-pressed",
      String(Number(b.dataset.go) === competencyId)));
    if (moveFocus) $(`#comp-${competencyId}-title`).focus();
  }

  $$("[data-go]").forEach((b) => b.addEventListener("click", () => {
    const focused = state.focus && $(`[data-agenda-item="${state.focus}"]`);
    if (follow.checked && focused && Number(focused.dataset.competency) !== Number(b.dataset.go)) {
      follow.checked = false; // choosing another item means not following for now
    }
    show(Number(b.dataset.go), true);
  }));
  follow.addEventListener("change", () => { if (follow.checked) setFocus(state.focus, false); });
  if (!state.focus) { const first = $("[data-go]"); if (first) show(Number(first.dataset.go), false); }

  // ---- rendering ----
  // A snapshot renders every card once (renderStatus used to fill them all a second time);
  // cards and their containers are found through maps, not by searching a DOM that holds
  // thousands of elements once a day has a thousand proposals.
  function renderAll() {
    hosts().forEach((el) => { el.textContent = ""; });
    cards.clear();
    for (const p of state.proposals.values()) renderProposal(p);
    renderPending();
    renderFeedback();
    renderTimers();
    renderDayStatus();
  }

  const KIND = { replace: "Reword", add: "Add", delete: "Delete", move: "Move" };
  const ITEM = { statement: "the competency statement", outcome: "a learning outcome",
    instructor_activity: "an instructor-directed activity",
    individual_activity: "an individual-directed activity" };
  function kindLabel(p) {
    if (p.kind === "replace" && p.field === "title") return `Retitle ${ITEM[p.item_kind]}`;
    return `${KIND[p.kind]} ${ITEM[p.item_kind]}`;
  }
  const STATUS = { open: "Open", accepted: "Accepted", accepted_amended: "Accepted with amendment",
    rejected: "Rejected", deferred: "Deferred", withdrawn: "Withdrawn", sending: "Sending" };
  const statusLabel = (s) => STATUS[s] || s;

  let hostMap = null; // data-proposals-for -> element (the page's items never change)
  function hosts() {
    if (!hostMap) hostMap = new Map($$("[data-proposals-for]").map((el) => [el.dataset.proposalsFor, el]));
    return hostMap;
  }
  function container(p) {
    return hosts().get(p.kind === "add" ? `add-${p.competency_id}-${p.item_kind}` : `item-${p.item_id}`) || null;
  }
  const cards = new Map(); // proposal id -> its card, built once and then only filled in
  const template = $("#proposal-template");

  function renderProposal(p) {
    let card = cards.get(p.id);
    if (!card) {
      const host = container(p);
      if (!host) return;
      card = template.content.firstElementChild.cloneNode(true);
      card.dataset.proposal = p.id;
      card.setAttribute("aria-label", `Proposal ${p.id}: ${kindLabel(p)}`);
      wireCard(card, p.id);
      host.append(card);
      cards.set(p.id, card);
    }
    fillCard(card, p);
  }

  function fillCard(card, p) {
    $("[data-p-kind]", card).textContent = kindLabel(p);
    $("[data-p-category]", card).textContent = p.category;
    const status = $("[data-p-status]", card);
    status.textContent = statusLabel(p.status);
    status.className = `nhsuk-tag app-status--${p.status}`;
    const diff = $("[data-p-diff]", card);
    if (p.kind === "replace") {
      const [before, after] = p.field === "title" ? [p.base_title, p.new_title] : [p.base_text, p.new_text];
      window.wordDiff.render(diff, before, after);
    } else if (p.kind === "add") {
      window.wordDiff.render(diff, "", (p.new_title ? `${p.new_title}: ` : "") + p.new_text);
    } else if (p.kind === "delete") {
      window.wordDiff.render(diff, (p.base_title ? `${p.base_title}: ` : "") + p.base_text, "");
    } else {
      diff.textContent = `Move to position ${(p.new_position || 0) + 1}.`;
    }
    $("[data-p-author]", card).textContent = p.author ? `${p.author.name} (${p.author.organisation})` : "you";
    $("[data-p-rationale]", card).textContent = p.rationale ? `Why: ${p.rationale}` : "";
    const decision = $("[data-p-decision]", card);
    decision.hidden = !p.decision;
    if (p.decision) {
      decision.textContent = `${statusLabel(p.status)} by ${p.decision.decided_by}: ${p.decision.reason}`
        + (p.decision.amended_text ? ` Amended text: “${p.decision.amended_text}”` : "")
        + (p.decision.conflict ? " (the item had changed since the proposal: flagged as a conflict)" : "");
    }
    const t = p.tally || { agree: 0, disagree: 0, abstain: 0 };
    $("[data-p-tally]", card).textContent = `Votes: ${t.agree} agree, ${t.disagree} disagree, ${t.abstain} abstain.`;
    const mine = p.votes ? p.votes[String(me.id)] : undefined;
    const open = p.status === "open" && state.status === "live";
    $$("[data-vote]", card).forEach((b) => {
      b.setAttribute("aria-pressed", String(b.dataset.vote === mine));
      b.disabled = !open;
      b.textContent = b.dataset.vote[0].toUpperCase() + b.dataset.vote.slice(1) + (b.dataset.vote === mine ? " ✓" : "");
    });
    $("[data-withdraw]", card).hidden = !(open && p.author && p.author.id === me.id);
    const comments = $("[data-p-comments]", card);
    comments.textContent = "";
    for (const c of p.comments || []) {
      const li = document.createElement("li");
      li.textContent = `${c.author.name} (${c.author.organisation}): ${c.text}`;
      comments.append(li);
    }
    $("[data-p-comment-count]", card).textContent = `Comments (${(p.comments || []).length})`;
    $("[data-comment-form]", card).hidden = state.status !== "live";
    $("[data-decide-form]", card).hidden = !(config.can_decide && p.status === "open"
      && ["live", "closed"].includes(state.status));
    // Other scripts (quality hints, replies, awareness) enhance a card by listening for this.
    document.dispatchEvent(new CustomEvent("review:card", { detail: { element: card, proposal: p } }));
  }

  function wireCard(card, id) {
    $$("[data-vote]", card).forEach((b) => b.addEventListener("click", () => {
      send("vote", { proposal_id: id, choice: b.dataset.vote });
    }));
    $("[data-withdraw]", card).addEventListener("click", () => send("withdraw", { proposal_id: id }));
    const commentForm = $("[data-comment-form]", card);
    const textarea = $("textarea", commentForm);
    textarea.id = `comment-${id}`;
    $("[data-comment-label]", commentForm).htmlFor = textarea.id;
    commentForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const text = textarea.value.trim();
      if (!text) return;
      send("comment", { proposal_id: id, text }, (ack) => { if (ack.ok) textarea.value = ""; });
    });
    const decide = $("[data-decide-form]", card);
    $$("input[type=radio]", decide).forEach((r) => { r.name = `outcome-${id}`; });
    const [amended, reason] = [$("[name=amended_text]", decide), $("[name=reason]", decide)];
    amended.id = `amended-${id}`; reason.id = `reason-${id}`;
    $("[data-amended-label]", decide).htmlFor = amended.id;
    $("[data-reason-label]", decide).htmlFor = reason.id;
    decide.addEventListener("submit", (e) => {
      e.preventDefault();
      const chosen = $(`input[name="outcome-${id}"]:checked`, decide);
      const payload = { proposal_id: id, outcome: chosen.value, reason: reason.value.trim() };
      if (chosen.value === "accept_amended") payload.amended_text = amended.value.trim();
      const attempt = (extra) => send("decide", { ...payload, ...extra }, (ack) => {
        if (ack.ok) return;
        if (ack.error.code === "conflict" && window.confirm(
          `The item has changed since this proposal was made.\n\nNow: ${ack.error.details.current_text}\n\nRecord the decision anyway, flagged as a conflict?`)) {
          attempt({ confirm_conflict: true });
        }
      });
      attempt({});
    });
  }

  function renderPending() {
    $$("[data-pending]").forEach((el) => el.remove());
    for (const op of outbox) {
      if (op.event !== "propose") continue;
      const p = { ...op.payload, id: `pending-${op.payload.op_id}`, status: "sending", author: null,
        tally: null, votes: {}, comments: [], base_text: itemText(op.payload.item_id), base_title: null };
      const host = container(p);
      if (!host) continue;
      const card = document.createElement("p");
      card.dataset.pending = "";
      card.className = "app-proposal app-proposal--pending";
      card.textContent = `Your proposal (${kindLabel({ ...p, item_kind: p.item_kind || itemKind(p.item_id) })}) is waiting to be sent: “${p.new_text || p.new_title || ""}”`;
      host.append(card);
    }
  }
  const itemEl = (id) => id && $(`[data-item="${id}"]`);
  const itemText = (id) => (itemEl(id) ? $("[data-item-text]", itemEl(id)).textContent : "");
  const itemKind = (id) => (itemEl(id) ? itemEl(id).dataset.itemKind : "outcome");

  function renderFeedback() {
    const list = $("[data-feedback-list]");
    list.textContent = "";
    const byTheme = new Map();
    for (const f of state.feedback.values()) {
      if (!byTheme.has(f.theme)) byTheme.set(f.theme, []);
      byTheme.get(f.theme).push(f);
    }
    for (const [theme, items] of byTheme) {
      const h = document.createElement("h3");
      h.className = "nhsuk-heading-xs";
      h.textContent = `${theme} (${items.length})`;
      const ul = document.createElement("ul");
      ul.className = "app-feedback";
      for (const f of items) {
        const li = document.createElement("li");
        const about = f.competency_id ? competencyTitle(f.competency_id) : "whole curriculum";
        li.textContent = `${f.text} (${f.author.name}, ${f.author.organisation}; about ${about})`;
        ul.append(li);
      }
      list.append(h, ul);
    }
  }
  function competencyTitle(id) {
    const h = $(`#comp-${id}-title`);
    return h ? h.textContent : "a competency";
  }

  function renderPresence() {
    const ul = $("[data-present]");
    ul.textContent = "";
    for (const p of state.present) {
      const li = document.createElement("li");
      li.textContent = `${p.name} (${p.organisation})${p.staff ? " – facilitation" : ""}`;
      ul.append(li);
    }
    $("[data-present-count]").textContent = String(state.present.length);
  }

  const typingNow = new Map();
  function showTyping(msg) {
    typingNow.set(msg.who.id, { who: msg.who, until: Date.now() + 4000, item: msg.item_id });
    renderTyping();
  }
  function renderTyping() {
    const now = Date.now();
    const names = [];
    for (const [id, t] of typingNow) {
      if (t.until < now) { typingNow.delete(id); continue; }
      const el = t.item && itemEl(t.item);
      const where = el ? ` on ${el.dataset.label} of ${competencyTitle(Number(el.dataset.competency))}` : "";
      names.push(`${t.who.name}${where}`);
    }
    $("[data-typing]").textContent = names.length ? `Typing: ${names.join("; ")}` : "";
  }

  function renderTimers() {
    const now = Date.now();
    for (const [id, t] of state.timers) {
      const el = $(`[data-timer="${id}"]`);
      if (!el) continue;
      const used = t.used_seconds + (t.running ? Math.max(0, (now - Date.parse(t.started_at)) / 1000) : 0);
      const box = (t.timebox_minutes + t.extra_minutes) * 60;
      const mins = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
      el.textContent = `${mins(used)} of ${t.timebox_minutes + t.extra_minutes} min${t.running ? " (running)" : ""}${used > box ? " – over time" : ""}`;
      el.classList.toggle("app-agenda__timer--over", used > box);
    }
  }
  setInterval(() => { renderTimers(); renderTyping(); }, 1000);

  function renderStatus() {
    renderDayStatus();
    for (const p of state.proposals.values()) renderProposal(p); // votes open or close
  }
  function renderDayStatus() {
    const tag = $("[data-day-status]");
    tag.textContent = state.status[0].toUpperCase() + state.status.slice(1);
    const live = state.status === "live";
    $$("[data-propose-form] button[type=submit], [data-feedback-form] button[type=submit]")
      .forEach((b) => { b.disabled = !live; });
    $$(".app-propose").forEach((d) => { d.hidden = !live; });
    $("[data-feedback-form]").hidden = !live;
  }

  function announce(text) {
    const p = document.createElement("p");
    p.textContent = text;
    announcer.append(p);
    while (announcer.childElementCount > 5) announcer.firstElementChild.remove();
  }

  function showError(error, op) {
    const box = $("[data-error-box]");
    $("[data-error-text]", box).textContent = error ? error.message : "Unknown error.";
    box.hidden = false;
    box.focus();
    setTimeout(() => { box.hidden = true; }, 12000);
    if (op && op.event === "propose") restoreForm(op.payload);
  }

  // ---- forms ----
  function restoreForm(payload) {
    const form = payload.item_id
      ? $(`[data-propose-form][data-item="${payload.item_id}"]`)
      : $(`[data-propose-form][data-kind="add"][data-competency="${payload.competency_id}"][data-item-kind="${payload.item_kind}"]`);
    if (!form) return;
    if (payload.new_text && form.new_text) form.new_text.value = payload.new_text;
    if (payload.new_title && form.new_title) form.new_title.value = payload.new_title;
    if (form.rationale) form.rationale.value = payload.rationale || "";
    form.closest("details").open = true;
  }

  $$("[data-propose-form]").forEach((form) => {
    const kindInputs = $$("input[name=kind]", form);
    const sync = () => {
      const chosen = (kindInputs.find((i) => i.checked) || {}).value;
      $$("[data-when]", form).forEach((el) => { el.hidden = el.dataset.when !== chosen; });
    };
    kindInputs.forEach((i) => i.addEventListener("change", sync));
    sync();
    let typedAt = 0;
    form.addEventListener("input", () => {
      if (!state.joined || Date.now() - typedAt < TYPING_EVERY_MS) return;
      typedAt = Date.now();
      socket.emit("typing", { review_day_id: dayId, item_id: Number(form.dataset.item) || null, competency_id: Number(form.dataset.competency) });
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const payload = { competency_id: Number(form.dataset.competency), category: form.category.value,
        rationale: form.rationale.value.trim() };
      if (form.dataset.kind === "add") {
        Object.assign(payload, { kind: "add", item_kind: form.dataset.itemKind, new_text: form.new_text.value.trim() });
        if (form.new_title) payload.new_title = form.new_title.value.trim();
      } else {
        const item = itemEl(form.dataset.item);
        const chosen = kindInputs.find((i) => i.checked).value;
        Object.assign(payload, { item_id: Number(form.dataset.item), base_version: Number(item.dataset.version) });
        if (chosen === "replace") Object.assign(payload, { kind: "replace", field: "text", new_text: form.new_text.value.trim() });
        else if (chosen === "replace-title") Object.assign(payload, { kind: "replace", field: "title", new_title: form.new_title.value.trim() });
        else if (chosen === "move") Object.assign(payload, { kind: "move", new_position: Math.max(0, Number(form.new_position.value) - 1) });
        else payload.kind = "delete";
      }
      send("propose", payload, (ack) => {
        if (!ack.ok) return;
        form.closest("details").open = false;
        if (form.dataset.kind === "add") form.reset();
        form.rationale.value = "";
      });
    });
  });

  $("[data-feedback-form]").addEventListener("submit", (e) => {
    e.preventDefault();
    const form = e.target;
    const payload = { theme: form.theme.value, text: form.text.value.trim() };
    if (form.scope.value === "current" && state.viewing) payload.competency_id = state.viewing;
    send("feedback", payload, (ack) => { if (ack.ok) form.text.value = ""; });
  });

  $$("[data-focus]").forEach((b) => b.addEventListener("click", () => {
    send("focus", { agenda_item_id: Number(b.dataset.focus) });
  }));
  $$("[data-timer-action]").forEach((b) => b.addEventListener("click", () => {
    const payload = { agenda_item_id: Number(b.dataset.agenda), action: b.dataset.timerAction };
    if (payload.action === "extend") payload.minutes = 5;
    send("timer", payload);
  }));
  $$("[data-day-action]").forEach((b) => b.addEventListener("click", () => {
    send("status", { status: b.dataset.dayAction });
  }));

  renderPending();
  updateConnection();
  window.reviewDay = { state, outbox: () => outbox, held: () => pending.size, send }; // for live-moderation.js and tests
})();
