/*
 * The initiatives map. Reads the points (#initiative-map-points) and the tile settings
 * (#initiative-map-config) from json_script tags, shows the hidden #initiative-map
 * container and puts a marker with a link in its popup for each initiative.
 *
 * A point with a ``count`` (the network home's municipalities and their open calls) is drawn
 * as a numbered circle, its ``detail`` in the popup and the marker's title.
 *
 * The list of initiatives on the page stays as it is: without JavaScript, or without a
 * tile server, the map simply never appears. The map does not capture the scroll wheel,
 * and Tab moves through it (the container, the zoom buttons, the markers) and out again.
 */
(function () {
    "use strict";

    function readJson(id) {
        var element = document.getElementById(id);
        if (!element) {
            return null;
        }
        try {
            return JSON.parse(element.textContent);
        } catch (error) {
            return null;
        }
    }

    function popupContent(point) {
        var content = document.createElement("div");
        var link = document.createElement("a");
        link.href = point.url;
        link.textContent = point.title;
        content.appendChild(link);
        var about = point.municipality || point.detail;
        if (about) {
            var meta = document.createElement("span");
            meta.className = "initiative-map__popup-meta";
            meta.textContent = about;
            content.appendChild(meta);
        }
        return content;
    }

    function init() {
        var container = document.getElementById("initiative-map");
        var config = readJson("initiative-map-config");
        var points = readJson("initiative-map-points");
        if (!container || !config || !config.tileUrl || !Array.isArray(points) || !window.L) {
            return;
        }
        var located = points.filter(function (point) {
            return isFinite(parseFloat(point.lat)) && isFinite(parseFloat(point.lng));
        });
        if (!located.length) {
            return;
        }

        container.hidden = false;
        container.setAttribute("role", "region");
        if (!container.hasAttribute("aria-label")) {
            container.setAttribute("aria-label", config.label);
        }

        // Icon URLs as Django's static storage names them (see the initiative_map tag).
        L.Icon.Default.imagePath = "";
        L.Icon.Default.mergeOptions(config.icons || {});

        var map = L.map(container, { scrollWheelZoom: false });
        L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);

        var bounds = located.map(function (point) {
            var latLng = [parseFloat(point.lat), parseFloat(point.lng)];
            var options = { title: point.title, alt: point.title, keyboard: true };
            if (typeof point.count === "number") {
                options.title = point.title + ": " + point.detail;
                options.icon = L.divIcon({
                    className: "map-count" + (point.count ? "" : " map-count--none"),
                    html: String(point.count),
                    iconSize: [28, 28]
                });
            }
            L.marker(latLng, options)
                .bindPopup(popupContent(point))
                .addTo(map);
            return latLng;
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 15);
        } else {
            map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
