// The live Review Day page, as ES modules by concern (static/live/): the socket and outbox
// (connection.js), the state and applying changes in seq order (state.js), proposal cards
// (cards.js), the agenda and awareness (agenda.js), announcements (announce.js), errors
// (errors.js), forms (forms.js) and the side panel (side.js). Protocol: docs/live-protocol.md.
import { $, $$, root } from "./live/dom.js";
import { state, pending, receive } from "./live/state.js";
import { socket, join, send, outbox, updateConnection, resyncTo, serverIsBack } from "./live/connection.js";
import { plainMessage } from "./live/errors.js";
import { renderPending } from "./live/cards.js";
import { show, goTo, goElsewhere, setFocus, nameAgendaItems, renderTimers } from "./live/agenda.js";
import { wireRoomForms } from "./live/forms.js";
import { wireProposeOpeners } from "./live/propose.js";
import { renderPresence, showTyping, renderTyping, sentAway } from "./live/side.js";

if (root) {
  socket.on("connect", join);
  socket.on("disconnect", () => { state.joined = false; updateConnection(); });
  socket.on("change", (change) => { receive(change); serverIsBack(); });
  socket.on("presence", (msg) => { state.present = msg.present; renderPresence(); });
  socket.on("typing", showTyping);
  socket.on("removed", sentAway);
  socket.on("resync", resyncTo);
  if (socket.connected) join(); // connected while the page loaded (live-early.js)

  nameAgendaItems();
  $$("[data-go]").forEach((b) => b.addEventListener("click", () => goTo(Number(b.dataset.go))));
  const follow = $("[data-follow]");
  follow.addEventListener("change", () => { if (follow.checked) setFocus(state.focus, false); });
  $("[data-moved-go]").addEventListener("click", () => {
    const moved = state.moved;
    if (moved) show(moved.competency, true);
  });
  $("[data-elsewhere-go]").addEventListener("click", goElsewhere);
  $("[data-elsewhere-dismiss]").addEventListener("click", () => { $("[data-elsewhere]").hidden = true; });
  if (!state.focus) { const first = $("[data-go]"); if (first) show(Number(first.dataset.go), false); }
  wireRoomForms();
  wireProposeOpeners();
  setInterval(() => { renderTimers(); renderTyping(); }, 1000);
  renderPending();
  updateConnection();
  // for live-moderation.js and tests
  window.reviewDay = { state, outbox: () => outbox, held: () => pending.size, send, plainMessage };
}
