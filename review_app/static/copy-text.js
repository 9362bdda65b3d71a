// Copy buttons: put a field's text on the clipboard. Without JavaScript the buttons stay
// hidden and the text can still be selected and copied by hand.
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
    var field = document.getElementById(button.dataset.copyTarget);
    if (!field) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(field).then(function () {
        button.textContent = "Copied";
        if (status) status.textContent = "Copied to the clipboard.";
        window.setTimeout(function () { button.textContent = label; }, 3000);
      }, function () {
        field.focus();
        field.select();
        if (status) status.textContent = "Press Control and C to copy the selected text.";
      });
    });
  });
})();
