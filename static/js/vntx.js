/* VNTX: progressive enhancement only. Every page works without this file. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // The language switcher is a plain form with a visible button: it does not submit on
  // "change", because keyboard users move through a <select> with the arrow keys and must
  // not be sent to another page on each step (WCAG 3.2.2).

  // Disclosure menus: one open at a time, close on Escape or on a click outside.
  var menus = Array.prototype.slice.call(document.querySelectorAll("details.menu"));

  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (!menu.open) {
        return;
      }
      menus.forEach(function (other) {
        if (other !== menu) {
          other.open = false;
        }
      });
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    menus.forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        var summary = menu.querySelector("summary");
        if (summary && menu.contains(document.activeElement)) {
          summary.focus();
        }
      }
    });
  });

  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });

  // Long filter panels start folded on small screens, unless they show errors.
  if (window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) {
    document.querySelectorAll("details[data-collapse-on-mobile]").forEach(function (panel) {
      if (!panel.hasAttribute("data-keep-open")) {
        panel.open = false;
      }
    });
  }

  // Buttons that destroy something ask first: <button data-confirm="...">.
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
})();
