// Cachalot console: small progressive enhancements; every page works without them.
(function () {
  "use strict";

  function announce(message) {
    var region = document.getElementById("live-status");
    if (region) {
      region.textContent = "";
      window.setTimeout(function () { region.textContent = message; }, 50);
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  // Copy buttons: <button data-copy="#element-id">; the element's text goes to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    var text = source.textContent.trim();
    var done = function () {
      button.setAttribute("data-copied", "true");
      announce("Copied: " + text.split("\n")[0]);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { if (fallbackCopy(text)) { done(); } });
    } else if (fallbackCopy(text)) {
      done();
    }
  });

  // The wizard's engine choice narrows the version list to that engine's versions.
  function filterVersions() {
    var engine = document.querySelector("input[name=engine]:checked");
    var select = document.getElementById("engineVersion");
    if (!engine || !select) {
      return;
    }
    Array.prototype.forEach.call(select.querySelectorAll("option[data-engine]"), function (option) {
      var match = option.getAttribute("data-engine") === engine.value;
      option.hidden = !match;
      option.disabled = !match;
      if (!match && option.selected) {
        select.value = "";
      }
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "engine") {
      filterVersions();
    }
  });

  // Delete buttons stay disabled until the resource's name is typed (the server checks it too).
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.hasAttribute("data-confirm")) {
      return;
    }
    var button = input.form && input.form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = input.value.trim() !== input.getAttribute("data-confirm");
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    filterVersions();
    Array.prototype.forEach.call(document.querySelectorAll("input[data-confirm]"), function (input) {
      var button = input.form && input.form.querySelector("button[type=submit]");
      if (button) {
        button.disabled = input.value.trim() !== input.getAttribute("data-confirm");
      }
    });
  });
})();
