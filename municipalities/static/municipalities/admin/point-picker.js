/*
 * The admin's point picker (municipalities/gallery/point_picker.py): a map under an
 * initiative's latitude and longitude fields. A click on the map, or dragging the marker,
 * writes the point into the fields (six decimals, as the fields store it); a change typed
 * into the fields moves the marker. Without Leaflet or a tile server nothing happens and
 * the fields work as before.
 */
(function () {
    "use strict";

    function number(input) {
        var value = parseFloat(String(input.value).replace(",", "."));
        return isFinite(value) ? value : null;
    }

    function init(container) {
        var config;
        try {
            config = JSON.parse(container.getAttribute("data-point-picker"));
        } catch (error) {
            return;
        }
        var latitude = document.getElementById(config.latitudeId);
        var longitude = document.getElementById(config.longitudeId);
        if (!latitude || !longitude || !window.L || !config.tileUrl) {
            return;
        }
        container.hidden = false;
        container.setAttribute("role", "region");

        L.Icon.Default.imagePath = "";
        L.Icon.Default.mergeOptions(config.icons || {});
        var map = L.map(container, { scrollWheelZoom: false });
        L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);

        var marker = null;

        function write(latLng) {
            latitude.value = latLng.lat.toFixed(6);
            longitude.value = latLng.lng.toFixed(6);
            [latitude, longitude].forEach(function (input) {
                input.dispatchEvent(new Event("change", { bubbles: true }));
            });
        }

        function place(latLng) {
            if (marker) {
                marker.setLatLng(latLng);
                return;
            }
            marker = L.marker(latLng, {
                draggable: true,
                keyboard: true,
                title: config.markerLabel,
                alt: config.markerLabel
            }).addTo(map);
            marker.on("dragend", function () {
                write(marker.getLatLng());
            });
        }

        function typed() {
            var lat = number(latitude);
            var lng = number(longitude);
            return lat === null || lng === null ? null : L.latLng(lat, lng);
        }

        var start = typed();
        if (start) {
            place(start);
            map.setView(start, 16);
        } else {
            map.setView(config.centre, config.zoom);
        }
        map.on("click", function (event) {
            place(event.latlng);
            write(event.latlng);
        });
        [latitude, longitude].forEach(function (input) {
            input.addEventListener("input", function () {
                var point = typed();
                if (point) {
                    place(point);
                    if (!map.getBounds().contains(point)) {
                        map.panTo(point);
                    }
                }
            });
        });
    }

    function start() {
        document.querySelectorAll("[data-point-picker]").forEach(init);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
