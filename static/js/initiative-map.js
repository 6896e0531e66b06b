/*
 * The initiatives map. Reads the points (#initiative-map-points) and the tile settings
 * (#initiative-map-config) from json_script tags, shows the hidden #initiative-map
 * container and puts a marker with a link in its popup for each initiative.
 *
 * On a gallery (``pointsUrl`` in the settings) the map then reads every initiative the
 * filters match and clusters them (Leaflet.markercluster), not only the page's.
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
        var title = document.createElement(point.url ? "a" : "strong");
        if (point.url) {
            title.href = point.url;
        }
        title.textContent = point.title;
        content.appendChild(title);
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
        var located = points.filter(hasPlace);
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

        var layer = draw(map, located, null);
        if (config.pointsUrl) {
            // A gallery: every initiative its filters match, clustered; the page's own
            // points stay on the map if the list cannot be read.
            fetch(config.pointsUrl + window.location.search, {
                headers: { Accept: "application/json" },
                credentials: "same-origin"
            })
                .then(function (response) {
                    return response.ok ? response.json() : null;
                })
                .then(function (data) {
                    var all = data && Array.isArray(data.points) ? data.points.filter(hasPlace) : [];
                    if (all.length) {
                        layer = draw(map, all, layer);
                        container.setAttribute("data-points", String(all.length));
                    }
                })
                .catch(function () {});
        }
    }

    function hasPlace(point) {
        return isFinite(parseFloat(point.lat)) && isFinite(parseFloat(point.lng));
    }

    function marker(point) {
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
        return L.marker(latLng, options).bindPopup(popupContent(point));
    }

    function draw(map, points, previous) {
        if (previous) {
            map.removeLayer(previous);
        }
        var clustered = points.length > 1 && typeof L.markerClusterGroup === "function";
        var layer = clustered
            ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 })
            : L.featureGroup();
        points.forEach(function (point) {
            layer.addLayer(marker(point));
        });
        layer.addTo(map);
        var bounds = points.map(function (point) {
            return [parseFloat(point.lat), parseFloat(point.lng)];
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 15);
        } else {
            map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
        }
        return layer;
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
