/*
 * Disclosures that fold only on phones: the header's menu and a listing's filters are
 * <details data-wide-open>. On a screen at least 48rem wide they are opened (their toggle
 * is hidden there by the stylesheet); on a narrower one they start folded, unless the
 * page opened one itself (filters with an error). Turning a tablet round moves them along.
 * Without this script the stylesheet shows their content on wide screens anyway.
 */
(function () {
    "use strict";

    var wide = window.matchMedia("(min-width: 48rem)");

    function follow() {
        document.querySelectorAll("details[data-wide-open]").forEach(function (details) {
            if (wide.matches) {
                details.open = true;
            } else if (!details.hasAttribute("data-keep-open")) {
                details.open = false;
            }
        });
    }

    follow();
    wide.addEventListener("change", follow);
})();
