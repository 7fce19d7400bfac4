/* The header's menu button on narrow screens.
   The style sheet folds the menu, search and language links on narrow screens from the
   first paint (so nothing moves when this runs); without scripts, css/no-script.css shows
   them. This script makes the bar's button open and fold them, telling assistive technology
   whether they are open (aria-expanded) and what it controls (aria-controls). Wide screens
   hide the button in CSS and always show the menu. */
(function () {
    "use strict";
    var header = document.querySelector(".site-header");
    var menu = document.getElementById("site-menu");
    var bar = header && header.querySelector(".site-header__bar");
    if (!menu || !bar) {
        return;
    }
    var button = bar.querySelector(".menu-button");
    if (!button) {
        return;
    }

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        header.classList.toggle("site-header--open", open);
    }

    button.addEventListener("click", function () {
        setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            button.focus();
        }
    });
})();
