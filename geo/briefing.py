"""The frame of a briefing picture: banner, title, subtitle, footer and the view.

A :class:`BriefingFrame` is added to a map made with ``base_map(controls=False)``
and an overlay layer. It draws its text with ``textContent`` (titles come from
users and articles), sets the view (a centre and zoom, or bounds to fit), and
flags ``window.atlasFrameDrawn`` once the map has settled there, so
:func:`geo.screenshot.render_png` knows when to capture.
"""

from __future__ import annotations

from dataclasses import dataclass

from branca.element import MacroElement
from jinja2 import Template

from geo.basemap import frame_lon
from geo.overlay import LAND_COLOUR, SEA_COLOUR

__all__ = ["INSET_BELOW_DEG", "BriefingFrame", "BriefingText", "MapView"]


@dataclass(frozen=True)
class MapView:
    """Where the picture looks: ``bounds`` (W, S, E, N) to fit, or a centre and zoom.

    Longitudes may run past 180 so a view across the antimeridian is one box
    (``bounds=(160, 45, 200, 66)`` is the Bering Sea).
    """

    bounds: tuple[float, float, float, float] | None = None
    center: tuple[float, float] | None = None  # (lat, lon)
    zoom: int | None = None

    def in_frame(self) -> MapView:
        """The same view in the map's one drawing frame (``geo.basemap``)."""
        if self.bounds is not None:
            west, south, east, north = self.bounds
            middle = (west + east) / 2
            shift = frame_lon(middle) - middle
            return MapView(bounds=(west + shift, south, east + shift, north))
        if self.center is not None:
            return MapView(center=(self.center[0], frame_lon(self.center[1])), zoom=self.zoom)
        return self


@dataclass(frozen=True)
class BriefingText:
    """Everything written on the picture."""

    title: str
    subtitle: str
    footer: str
    banner: str = ""
    banner_colour: str = "#007a33"
    #: The picture's table: (number on the marker, its colour, one line of text).
    key: tuple[tuple[str, str, str], ...] = ()


#: Pictures narrower than this (degrees of longitude) get a locator inset.
INSET_BELOW_DEG = 100.0


class BriefingFrame(MacroElement):
    """Banner at top and bottom, title block, footer, and the map's view."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function() {
    var opts = {{ this.options|tojson }};
    var map = {{ this._parent.get_name() }};
    var box = map.getContainer();
    function block(css, text, tag) {
        var el = document.createElement(tag || "div");
        el.style.cssText = css;
        el.textContent = text;
        box.appendChild(el);
        return el;
    }
    var bannerH = 0;
    if (opts.banner) {
        var bannerCss = "position:absolute;left:0;right:0;z-index:1000;text-align:center;" +
            "font:700 " + opts.bannerSize + "px system-ui,sans-serif;letter-spacing:.08em;" +
            "padding:4px 0;color:#fff;background:" + opts.bannerColour;
        var top = block(bannerCss + ";top:0", opts.banner);
        top.className = "atlas-banner atlas-banner-top";
        var bottom = block(bannerCss + ";bottom:0", opts.banner);
        bottom.className = "atlas-banner atlas-banner-bottom";
        bannerH = top.offsetHeight;
    }
    var foot = block("position:absolute;left:0;right:0;z-index:999;padding:3px 10px;" +
        "font:11px system-ui,sans-serif;color:#333;background:rgba(255,255,255,.85);bottom:" + bannerH + "px",
        opts.footer);
    foot.className = "atlas-footer";
    // Lift Leaflet's own bottom controls (scale bar, legend) above the footer and banner.
    box.querySelectorAll(".leaflet-bottom").forEach(function(el) {
        el.style.bottom = (bannerH + foot.offsetHeight + 4) + "px";
    });
    box.querySelectorAll(".leaflet-top").forEach(function(el) {
        el.style.top = (bannerH + 4) + "px";
    });
    // The parts that change from one picture to the next (title block, view,
    // inset) are drawn by atlasFrame, which a deck calls again for each slide.
    var mini = null;
    window.atlasFrame = function(opts) {
        box.querySelectorAll(".atlas-title, .atlas-inset").forEach(function(el) { el.remove(); });
        if (mini) { mini.remove(); mini = null; }
        window.atlasFrameDrawn = false;
        var head = document.createElement("div");
        head.className = "atlas-title";
        head.style.cssText = "position:absolute;left:16px;z-index:1000;max-width:70%;" +
            "background:rgba(255,255,255,.92);padding:10px 14px;border-radius:4px;" +
            "box-shadow:0 1px 5px rgba(0,0,0,.3);font-family:system-ui,sans-serif;top:" + (bannerH + 14) + "px";
        var h = document.createElement("div");
        h.style.cssText = "font-weight:700;font-size:" + opts.titleSize + "px;line-height:1.2";
        h.textContent = opts.title;
        var s = document.createElement("div");
        s.className = "atlas-subtitle";
        s.style.cssText = "font-size:" + opts.subtitleSize + "px;margin-top:4px;color:#333";
        s.textContent = opts.subtitle;
        head.appendChild(h); head.appendChild(s);
        // The picture's table: each row starts with the number its marker shows.
        opts.key.forEach(function(row) {
            var line = document.createElement("div");
            line.className = "atlas-key-row";
            line.style.cssText = "font-size:" + opts.keySize + "px;margin-top:5px;display:flex;gap:8px;align-items:baseline";
            var badge = document.createElement("span");
            badge.className = "atlas-key-number";
            badge.textContent = row[0];
            badge.style.cssText = "background:" + row[1] + ";color:#fff;font-weight:700;border-radius:10px;" +
                "padding:0 6px;border:2px solid #fff;box-shadow:0 1px 2px rgba(0,0,0,.4);white-space:nowrap";
            var text = document.createElement("span");
            text.textContent = row[2];
            line.appendChild(badge); line.appendChild(text); head.appendChild(line);
        });
        box.appendChild(head);
        window.atlasMap = map;  // for checks before capture
        // A zoomed-in picture gets a locator inset: the world around it, the view as a box.
        function inset() {
            var view = map.getBounds();
            if (view.getEast() - view.getWest() > opts.insetBelowDeg || !window.atlasLandLow) {
                return Promise.resolve();
            }
            var el = document.createElement("div");
            el.className = "atlas-inset";
            el.style.cssText = "position:absolute;right:12px;z-index:1000;width:" + opts.insetW + "px;height:" +
                opts.insetH + "px;border:1px solid #666;box-shadow:0 1px 4px rgba(0,0,0,.35);background:" +
                opts.sea + ";top:" + (bannerH + 12) + "px";
            box.appendChild(el);
            mini = L.map(el, {zoomControl: false, attributionControl: false, dragging: false,
                scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false,
                touchZoom: false, zoomSnap: 0.1, fadeAnimation: false, zoomAnimation: false});
            var c = view.getCenter();
            mini.fitBounds([[Math.max(c.lat - 45, -80), c.lng - 80], [Math.min(c.lat + 45, 85), c.lng + 80]],
                           {animate: false});
            return window.atlasLandLow.then(function(data) {
                L.geoJSON(data, {interactive: false, style: {fillColor: opts.land, fillOpacity: 1,
                    color: "#9a9a9a", weight: 0.4}}).addTo(mini);
                L.rectangle(view, {color: "#c0392b", weight: 2, fill: false, interactive: false}).addTo(mini);
            });
        }
        var done = false;
        function settled() {
            if (done) { return; }
            done = true;
            // Leaflet's canvas layers repaint on the next animation frame after a
            // move: wait two frames, or a picture may catch outlines half drawn.
            inset().then(function() {
                requestAnimationFrame(function() {
                    requestAnimationFrame(function() { window.atlasFrameDrawn = true; });
                });
            });
        }
        map.once("moveend", settled);
        if (opts.bounds) {
            map.fitBounds([[opts.bounds[1], opts.bounds[0]], [opts.bounds[3], opts.bounds[2]]],
                          {padding: [24, 24], animate: false});
        } else if (opts.center) {
            map.setView(opts.center, opts.zoom, {animate: false});
        }
        setTimeout(settled, 50);  // setView to the current view fires no moveend
    };
    window.atlasFrame(opts);
    // A deck's next slide: another overlay and another frame on the same page,
    // so the base map is loaded and parsed once for all of them.
    window.atlasSwap = function(overlay, frame) {
        window.atlasGroup.clearLayers();
        window.atlasOverlayDrawn = 0;
        window.atlasDrawOverlay(window.atlasGroup, overlay);
        window.atlasFrame(frame);
    };
})();
{% endmacro %}
""")

    def __init__(self, text: BriefingText, view: MapView, *, height: int) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "BriefingFrame"
        view = view.in_frame()
        unit = max(height / 1080, 0.6)  # text scales with the picture, readable from 600 px
        self.options = {
            "title": text.title,
            "subtitle": text.subtitle,
            "footer": text.footer,
            "banner": text.banner,
            "bannerColour": text.banner_colour,
            "bannerSize": round(18 * unit),
            "titleSize": round(30 * unit),
            "subtitleSize": round(18 * unit),
            "keySize": round(15 * unit),
            "insetBelowDeg": INSET_BELOW_DEG,
            "insetW": round(220 * unit),
            "insetH": round(130 * unit),
            "sea": SEA_COLOUR,
            "land": LAND_COLOUR,
            "key": [list(row) for row in text.key],
            "bounds": list(view.bounds) if view.bounds else None,
            "center": list(view.center) if view.center else None,
            "zoom": view.zoom,
        }
