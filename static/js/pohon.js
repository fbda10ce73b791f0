/* The performance tree: zoom (wheel, pinch, buttons, + - 0 keys) and pan (drag, arrow keys)
   of the server-drawn SVG. The SVG's drawing sits in <g class="pohon-kanvas">; this script
   sets its transform "translate(x y) scale(s)". No library. */
(function () {
  "use strict";

  var bingkai = document.getElementById("pohon-bingkai");
  if (!bingkai) return;
  var svg = bingkai.querySelector("svg.pohon-svg");
  var kanvas = svg && svg.querySelector("g.pohon-kanvas");
  if (!kanvas) return;
  var labelSkala = bingkai.querySelector(".pohon-kendali__skala");

  // The drawing's extent, from the viewBox the server wrote; then the viewBox goes, so that
  // one SVG unit is one CSS pixel and the transform alone decides what is seen.
  var vb = (svg.getAttribute("viewBox") || "0 0 1000 1000").split(/[\s,]+/).map(Number);
  var isi = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
  svg.removeAttribute("viewBox");
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", "100%");
  bingkai.classList.add("pohon-bingkai--aktif");

  var SKALA_MAKS = 4;
  var keadaan = { s: 1, x: 0, y: 0 };
  var skalaPas = 1;
  var disentuh = false; // the user zoomed or panned: a resize no longer refits

  function ukuran() {
    var r = svg.getBoundingClientRect();
    return { w: r.width || bingkai.clientWidth, h: r.height || bingkai.clientHeight, r: r };
  }

  function skalaMin() {
    return Math.min(skalaPas * 0.5, 0.1);
  }

  function terapkan() {
    kanvas.setAttribute(
      "transform",
      "translate(" + keadaan.x.toFixed(2) + " " + keadaan.y.toFixed(2) + ") scale(" +
        keadaan.s.toFixed(4) + ")"
    );
    if (labelSkala) labelSkala.textContent = Math.round(keadaan.s * 100) + "%";
  }

  function pas() {
    var u = ukuran();
    var tepi = 8;
    skalaPas = Math.min((u.w - 2 * tepi) / isi.w, (u.h - 2 * tepi) / isi.h);
    if (!isFinite(skalaPas) || skalaPas <= 0) skalaPas = 1;
    keadaan.s = skalaPas;
    keadaan.x = (u.w - isi.w * keadaan.s) / 2 - isi.x * keadaan.s;
    keadaan.y = tepi - isi.y * keadaan.s;
    terapkan();
  }

  // The first view: the tree's full width, readable, from the top (a tall tree is then
  // scrolled by dragging); a tree small enough to fit whole is shown whole, at most 100%.
  function awal() {
    pas();
    var u = ukuran();
    var tepi = 8;
    var lebar = Math.min(1, (u.w - 2 * tepi) / isi.w);
    if (lebar > keadaan.s) {
      keadaan.s = lebar;
      keadaan.x = (u.w - isi.w * keadaan.s) / 2 - isi.x * keadaan.s;
      keadaan.y = tepi - isi.y * keadaan.s;
      // A tall tree: bring its root (level 0, centred on all its leaves) into view.
      var akar = kanvas.querySelector('g[data-level="0"] rect');
      if (akar) {
        var tengah = Number(akar.getAttribute("y")) + Number(akar.getAttribute("height")) / 2;
        var y = u.h / 2 - tengah * keadaan.s;
        var bawah = u.h - tepi - (isi.y + isi.h) * keadaan.s;
        keadaan.y = Math.max(bawah, Math.min(keadaan.y, y));
      }
      terapkan();
    }
  }

  // Zoom by ``faktor`` keeping the point (px, py) of the frame where it is.
  function zoom(faktor, px, py) {
    var baru = Math.max(skalaMin(), Math.min(SKALA_MAKS, keadaan.s * faktor));
    var k = baru / keadaan.s;
    keadaan.x = px - (px - keadaan.x) * k;
    keadaan.y = py - (py - keadaan.y) * k;
    keadaan.s = baru;
    disentuh = true;
    terapkan();
  }

  function zoomTengah(faktor) {
    var u = ukuran();
    zoom(faktor, u.w / 2, u.h / 2);
  }

  function geser(dx, dy) {
    keadaan.x += dx;
    keadaan.y += dy;
    disentuh = true;
    terapkan();
  }

  // Buttons.
  bingkai.querySelectorAll("[data-aksi]").forEach(function (tombol) {
    tombol.addEventListener("click", function () {
      var aksi = tombol.getAttribute("data-aksi");
      if (aksi === "perbesar") zoomTengah(1.25);
      else if (aksi === "perkecil") zoomTengah(0.8);
      else {
        disentuh = false;
        pas();
      }
    });
  });

  // Wheel (and trackpad pinch, which Chrome reports as ctrl+wheel).
  svg.addEventListener(
    "wheel",
    function (e) {
      e.preventDefault();
      var dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
      var r = svg.getBoundingClientRect();
      zoom(Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
    },
    { passive: false }
  );

  // Drag to pan, two fingers to pinch. Pointer capture only once a drag has really begun,
  // so that a plain click still reaches a node's link.
  var penunjuk = new Map();
  var seret = null; // {x, y, bergerak}
  var cubit = null; // {jarak, s}
  var AMBANG = 4;

  function titikTengah() {
    var t = Array.from(penunjuk.values());
    return { x: (t[0].x + t[1].x) / 2, y: (t[0].y + t[1].y) / 2 };
  }

  function jarak() {
    var t = Array.from(penunjuk.values());
    return Math.hypot(t[0].x - t[1].x, t[0].y - t[1].y);
  }

  svg.addEventListener("pointerdown", function (e) {
    if (e.button !== undefined && e.button !== 0 && e.pointerType === "mouse") return;
    penunjuk.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (penunjuk.size === 1) {
      seret = { x: e.clientX, y: e.clientY, awalX: e.clientX, awalY: e.clientY, bergerak: false };
    } else if (penunjuk.size === 2) {
      var m = titikTengah();
      cubit = { jarak: jarak() || 1, tengah: m };
      seret = null;
      try {
        svg.setPointerCapture(e.pointerId);
      } catch (err) { /* pointer already gone */ }
    }
  });

  svg.addEventListener("pointermove", function (e) {
    if (!penunjuk.has(e.pointerId)) return;
    penunjuk.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (cubit && penunjuk.size >= 2) {
      var r = svg.getBoundingClientRect();
      var d = jarak() || 1;
      var m = titikTengah();
      geser(m.x - cubit.tengah.x, m.y - cubit.tengah.y);
      zoom(d / cubit.jarak, m.x - r.left, m.y - r.top);
      cubit = { jarak: d, tengah: m };
      return;
    }
    if (!seret) return;
    if (!seret.bergerak) {
      if (Math.hypot(e.clientX - seret.awalX, e.clientY - seret.awalY) < AMBANG) return;
      seret.bergerak = true;
      bingkai.classList.add("pohon-bingkai--seret");
      try {
        svg.setPointerCapture(e.pointerId);
      } catch (err) { /* pointer already gone */ }
    }
    geser(e.clientX - seret.x, e.clientY - seret.y);
    seret.x = e.clientX;
    seret.y = e.clientY;
  });

  var baruSaja = false; // a drag just ended: the click that follows is not a link click

  function lepas(e) {
    if (!penunjuk.has(e.pointerId)) return;
    penunjuk.delete(e.pointerId);
    if (seret && seret.bergerak) {
      baruSaja = true;
      setTimeout(function () { baruSaja = false; }, 0);
    }
    if (penunjuk.size < 2) cubit = null;
    if (penunjuk.size === 0) seret = null;
    else if (penunjuk.size === 1 && !seret) {
      var t = Array.from(penunjuk.values())[0];
      seret = { x: t.x, y: t.y, awalX: t.x, awalY: t.y, bergerak: true };
    }
    bingkai.classList.remove("pohon-bingkai--seret");
  }
  svg.addEventListener("pointerup", lepas);
  svg.addEventListener("pointercancel", lepas);

  svg.addEventListener(
    "click",
    function (e) {
      if (baruSaja) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    true
  );

  // Keys: + / - / 0 anywhere on the page except in form fields; arrows pan the focused frame.
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tangani = true;
    if (e.key === "+" || e.key === "=") zoomTengah(1.25);
    else if (e.key === "-" || e.key === "_") zoomTengah(0.8);
    else if (e.key === "0") {
      disentuh = false;
      awal();
    } else if (bingkai.contains(t)) {
      var langkah = 60;
      if (e.key === "ArrowLeft") geser(langkah, 0);
      else if (e.key === "ArrowRight") geser(-langkah, 0);
      else if (e.key === "ArrowUp") geser(0, langkah);
      else if (e.key === "ArrowDown") geser(0, -langkah);
      else tangani = false;
    } else tangani = false;
    if (tangani) e.preventDefault();
  });

  window.addEventListener("resize", function () {
    if (!disentuh) awal();
  });

  awal();
})();
