/* The session of a page with a form (issue 16): a banner a few minutes before the session
   ends, with a button that extends it; a banner once it has ended, with a link to log in
   again. The page says how long its session has (data-sesi-sisa, from dasar.sesi) and where
   to ask (data-sesi-status, data-sesi-perpanjang, data-sesi-masuk).

   Any script that finds the session gone (a fetch answered 401, 403 or redirected to the
   login page) tells this one with an event on document:
     document.dispatchEvent(new CustomEvent("sesi:berakhir", {detail: {alasan: "401"}}))
   This script shows the banner for it, and announces its own findings the same way, so a
   form's script can stop warning about leaving (its values are kept by draf.js). */
(function () {
  "use strict";

  var akar = document.querySelector("[data-sesi-sisa]");
  if (!akar) return;

  var PERIKSA_MS = 15000;
  var peringatan = (parseInt(akar.dataset.sesiPeringatan, 10) || 300) * 1000;
  var berakhir = Date.now() + (parseInt(akar.dataset.sesiSisa, 10) || 0) * 1000;
  var banner = null;
  var keadaan = "aktif"; // aktif | peringatan | berakhir
  var bertanya = false;

  function jam(ms) {
    var d = new Date(ms);
    return ("0" + d.getHours()).slice(-2) + "." + ("0" + d.getMinutes()).slice(-2);
  }

  function tokenCsrf() {
    var el = document.querySelector("input[name=csrfmiddlewaretoken]");
    return el ? el.value : "";
  }

  function elemen(tag, kelas, teks) {
    var el = document.createElement(tag);
    if (kelas) el.className = kelas;
    if (teks) el.textContent = teks;
    return el;
  }

  function pasangBanner(jenis) {
    if (!banner) {
      banner = elemen("div", "sesi-banner");
      banner.id = "sesi-banner";
      banner.setAttribute("role", "alert");
      var tempat = document.getElementById("isi") || document.body;
      tempat.insertBefore(banner, tempat.firstChild);
    }
    banner.className = "sesi-banner sesi-banner--" + jenis;
    banner.hidden = false;
    banner.textContent = "";
    judulPeringatan = null;
    return banner;
  }

  function sembunyikan() {
    if (banner) banner.hidden = true;
    judulPeringatan = null;
  }

  var judulPeringatan = null;

  function teksPeringatan() {
    var menit = Math.max(1, Math.ceil((berakhir - Date.now()) / 60000));
    return "Sesi Anda berakhir dalam " + menit + " menit (pukul " + jam(berakhir) + ").";
  }

  function tampilPeringatan() {
    if (keadaan === "peringatan" && judulPeringatan) {
      // Already shown: only the minutes change (the button keeps its focus).
      var t = teksPeringatan();
      if (judulPeringatan.textContent !== t) judulPeringatan.textContent = t;
      return;
    }
    keadaan = "peringatan";
    var b = pasangBanner("peringatan");
    var p = elemen("p");
    judulPeringatan = elemen("strong", "", teksPeringatan());
    p.appendChild(judulPeringatan);
    p.appendChild(document.createTextNode(
      " Perpanjang sekarang agar Anda tetap dapat menyimpan. Isian Anda juga disimpan di peramban ini."
    ));
    var aksi = elemen("div", "sesi-banner__aksi");
    var tombol = elemen("button", "tombol", "Perpanjang sesi");
    tombol.type = "button";
    tombol.setAttribute("data-sesi-tombol-perpanjang", "");
    tombol.addEventListener("click", perpanjang);
    aksi.appendChild(tombol);
    b.appendChild(p);
    b.appendChild(aksi);
  }

  function tampilBerakhir(alasan) {
    keadaan = "berakhir";
    var b = pasangBanner("berakhir");
    var p = elemen("p");
    var a = elemen("a", "");
    if (alasan === "403") {
      // The page's form token is no longer valid: typically a login in another tab.
      p.appendChild(elemen("strong", "", "Sesi halaman ini tidak berlaku lagi."));
      p.appendChild(document.createTextNode(" "));
      a.href = window.location.pathname + window.location.search;
      a.textContent = "Muat ulang halaman";
      p.appendChild(a);
      p.appendChild(document.createTextNode(" — isian Anda disimpan di peramban ini."));
    } else {
      p.appendChild(elemen("strong", "", "Sesi Anda berakhir."));
      p.appendChild(document.createTextNode(" "));
      a.href = akar.dataset.sesiMasuk;
      a.textContent = "Masuk lagi";
      p.appendChild(a);
      p.appendChild(document.createTextNode(" — isian Anda disimpan di peramban ini."));
    }
    a.setAttribute("data-sesi-masuk-lagi", "");
    b.appendChild(p);
  }

  function umumkanBerakhir(alasan) {
    document.dispatchEvent(new CustomEvent("sesi:berakhir", { detail: { alasan: alasan } }));
  }

  function terima(data) {
    if (!data || !data.masuk || (akar.dataset.sesiPengguna && data.pengguna !== akar.dataset.sesiPengguna)) {
      umumkanBerakhir("401");
      return;
    }
    if (typeof data.sisa_detik === "number") berakhir = Date.now() + data.sisa_detik * 1000;
    if (typeof data.peringatan_detik === "number") peringatan = data.peringatan_detik * 1000;
    if (berakhir - Date.now() <= peringatan) tampilPeringatan();
    else {
      keadaan = "aktif";
      sembunyikan();
    }
  }

  function tanya() {
    if (bertanya || keadaan === "berakhir") return;
    bertanya = true;
    window.fetch(akar.dataset.sesiStatus, {
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      cache: "no-store"
    })
      .then(function (r) { return r.json(); })
      .then(terima)
      .catch(function () {
        // Offline or the server is away: judge by the clock alone.
        if (Date.now() >= berakhir) umumkanBerakhir("401");
        else if (berakhir - Date.now() <= peringatan) tampilPeringatan();
      })
      .then(function () { bertanya = false; });
  }

  function perpanjang() {
    window.fetch(akar.dataset.sesiPerpanjang, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": tokenCsrf(), "X-Requested-With": "fetch" }
    })
      .then(function (r) {
        if (r.status === 401) return umumkanBerakhir("401");
        if (r.status === 403) return umumkanBerakhir("403");
        if (!r.ok) throw new Error("perpanjang " + r.status);
        return r.json().then(function (data) {
          terima(data);
          if (keadaan === "aktif") {
            var b = pasangBanner("info");
            b.setAttribute("role", "status");
            b.appendChild(elemen("p", "", "Sesi diperpanjang sampai pukul " + jam(berakhir) + "."));
            window.setTimeout(function () {
              if (keadaan === "aktif") sembunyikan();
              b.setAttribute("role", "alert");
            }, 6000);
          }
        });
      })
      .catch(function () { tanya(); });
  }

  // Another script found the session gone (or this one did).
  document.addEventListener("sesi:berakhir", function (e) {
    tampilBerakhir(e.detail && e.detail.alasan);
  });

  // Timers sleep with the computer and in background tabs: compare with the clock often,
  // and again as soon as the tab is seen. Ask the server before warning (another tab may
  // have extended the session) and before declaring it ended.
  function periksa() {
    if (keadaan === "berakhir") return;
    var sisa = berakhir - Date.now();
    if (sisa <= 0 || (sisa <= peringatan && keadaan !== "peringatan")) tanya();
    else if (keadaan === "peringatan") tampilPeringatan(); // refresh the minutes
  }
  window.setInterval(periksa, PERIKSA_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") periksa();
  });
  periksa();
})();
