/*
 * Printing. Before the page goes to paper every closed <details> (a handbook's FAQ
 * answers) is opened, and closed again afterwards, so what the reader had folded stays
 * folded on screen. Buttons marked data-print-button are shown and print the page; without
 * JavaScript they stay hidden (the browser's own print command still works, and the
 * handbook's print view renders its answers open).
 */
(function () {
    "use strict";

    var opened = [];

    window.addEventListener("beforeprint", function () {
        document.querySelectorAll("details:not([open])").forEach(function (details) {
            details.open = true;
            opened.push(details);
        });
    });

    window.addEventListener("afterprint", function () {
        opened.forEach(function (details) {
            details.open = false;
        });
        opened = [];
    });

    document.querySelectorAll("[data-print-button]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
