/* The site's one script, in two parts: the header's menu button, and the web font.
   One file, so a phone's first visit makes one request for both. */

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

/* The Inter web font, added once the page has been drawn.
   A font declared in the style sheet holds text, or the largest thing on the screen, back
   until it arrives. On a phone's first visit that costs about a third of a second. So
   the first page of a visit is drawn in the metric-matched fallback (css/site.css) and
   switches to Inter once it has been drawn: after its load event, after its leading
   picture has been decoded and painted, when the browser is idle. The Latin file is
   fetched first and the faces are added together once it is here: one more layout, not
   one when a face is added and another when its file arrives.
   Once Inter has loaded in this tab, later pages add it as soon as this script runs: it
   comes from the browser's cache, usually before they are drawn.
   The font files' addresses come from this script's data attributes. Each file
   covers its own characters; the Latin-extended one is fetched only by a page that uses
   them (a name with š or ł), which then lays its text out once more. */
(function () {
    "use strict";
    var script = document.currentScript;
    if (!script || !window.FontFace || !document.fonts) {
        return;
    }
    var SEEN = "inter-loaded";
    var faces = [
        {
            url: script.getAttribute("data-latin"),
            weight: "400 750",
            unicodeRange: "U+0020-007E, U+00A0-00FF, U+2013-2014, U+2018-201A, U+201C-201E, " +
                "U+2022, U+2026, U+20AC, U+2190, U+2192, U+2212"
        },
        {
            url: script.getAttribute("data-latin-ext"),
            weight: "100 900",
            unicodeRange: "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, " +
                "U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, " +
                "U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF"
        }
    ].filter(function (face) {
        return face.url;
    }).map(function (face) {
        return new FontFace("Inter", "url(" + face.url + ") format(\"woff2\")", {
            weight: face.weight,
            unicodeRange: face.unicodeRange,
            display: "swap"
        });
    });
    if (!faces.length) {
        return;
    }

    function remember() {
        try {
            window.sessionStorage.setItem(SEEN, "1");
        } catch (error) {
            // Storage switched off: every page then waits until it has been drawn.
        }
    }

    function addFaces() {
        faces.forEach(function (face) {
            document.fonts.add(face);
        });
    }

    // The Latin file is used on every page: fetched first, then every face is added.
    function fetchThenAdd() {
        faces[0].load().then(function () {
            addFaces();
            remember();
        }, function () {});
    }

    // After the next paint: the first frame callback runs before it, the second after it.
    function afterPaint(callback) {
        window.requestAnimationFrame(function () {
            window.requestAnimationFrame(callback);
        });
    }

    function whenIdle(callback) {
        if (window.requestIdleCallback) {
            window.requestIdleCallback(callback, { timeout: 2000 });
        } else {
            window.setTimeout(callback, 200);
        }
    }

    // Once the page is drawn: its leading picture (the one fetched first) decoded, one more
    // frame painted, and nothing else to do.
    function whenDrawn() {
        var lead = document.querySelector("img[fetchpriority=high]");
        var decoded = lead && lead.decode ? lead.decode() : Promise.resolve();
        decoded.catch(function () {}).then(function () {
            afterPaint(function () {
                whenIdle(fetchThenAdd);
            });
        });
    }

    var seen = false;
    try {
        seen = window.sessionStorage.getItem(SEEN) === "1";
    } catch (error) {
        seen = false;
    }
    if (seen) {
        addFaces();
        faces[0].load().catch(function () {});
    } else if (document.readyState === "complete") {
        whenDrawn();
    } else {
        window.addEventListener("load", whenDrawn);
    }
})();
