// Drag and drop for the agenda: drag an item by its handle and the new order is saved.
// Progressive enhancement: the Move up / Move down buttons do the same without JavaScript.
(function () {
  "use strict";
  var list = document.querySelector(".app-agenda[data-draggable]");
  if (!list || !("draggable" in document.createElement("li")) || !window.fetch) return;
  var status = document.getElementById("agenda-status");
  var hint = document.querySelector(".app-drag-hint");
  var dragged = null;
  var before = null;

  function items() { return Array.prototype.slice.call(list.querySelectorAll("[data-agenda-item]")); }
  function order() { return items().map(function (li) { return li.dataset.agendaItem; }); }
  function announce(text) { if (status) status.textContent = text; }

  // The first item cannot move up and the last cannot move down.
  function refreshButtons() {
    var all = items();
    all.forEach(function (li, index) {
      li.querySelector('[data-move-form="up"]').hidden = index === 0;
      li.querySelector('[data-move-form="down"]').hidden = index === all.length - 1;
    });
  }

  function save() {
    var now = order();
    if (before && now.join() === before.join()) return;
    fetch(list.dataset.orderUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": list.dataset.csrfToken },
      body: JSON.stringify({ order: now.map(Number) })
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function () {
      var position = now.indexOf(dragged.dataset.agendaItem) + 1;
      announce("Moved " + dragged.dataset.title + " to position " + position + " of " + now.length + ". Order saved.");
      refreshButtons();
    }).catch(function () {
      announce("The new order could not be saved. The page will reload.");
      window.setTimeout(function () { window.location.reload(); }, 1500);
    });
  }

  if (hint) hint.hidden = false;
  items().forEach(function (li) {
    // Only the handle drags, so text in the item's forms stays selectable.
    var handle = li.querySelector(".app-agenda__handle");
    handle.draggable = true;
    handle.addEventListener("dragstart", function (event) {
      dragged = li;
      before = order();
      li.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", li.dataset.agendaItem);
      if (event.dataTransfer.setDragImage) event.dataTransfer.setDragImage(li, 16, 16);
    });
    handle.addEventListener("dragend", function () {
      li.classList.remove("is-dragging");
      save();
    });
  });

  list.addEventListener("dragover", function (event) {
    if (!dragged) return;
    event.preventDefault();
    var target = event.target.closest && event.target.closest("[data-agenda-item]");
    if (!target || target === dragged) return;
    var box = target.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? target.nextSibling : target);
  });
  list.addEventListener("drop", function (event) { event.preventDefault(); });
})();
