/* The entry page: live figures from the server's engine (entri_pratinjau), field messages as
   the user types, Enter moves to the next field, a confirmation before submitting, and a
   warning before leaving with unsaved values. The inputs are never rewritten: what the user
   typed stays as typed. Without this script the page still works (plain form POST).
   A preview answered 401 or 403, or sent to the login page, means the session ended (or the
   page's form token went stale): sesi.js shows it ("sesi:berakhir"); draf.js keeps the
   values in the browser, so leaving the page then asks nothing. */
(function () {
  "use strict";

  var form = document.getElementById("form-entri");
  if (!form || !form.dataset.pratinjau) return;

  var JEDA_MS = 350;
  var KOLOM = ["pembagi", "realisasi", "keterangan"];
  var timer = null;
  var nomor = 0;
  var mengirim = false;
  var sesiBerakhir = false;
  // A re-rendered page (422/409) holds values not yet saved.
  var kotor = !!document.getElementById("ringkasan-galat") || !!document.getElementById("konflik");

  function isian() {
    return Array.prototype.slice.call(
      form.querySelectorAll(".tabel-entri input[type=text]")
    );
  }

  function teks(el, nilai) {
    if (el && typeof nilai === "string" && el.textContent !== nilai) el.textContent = nilai;
  }

  function jadwalkan() {
    kotor = true;
    form.classList.add("memuat");
    window.clearTimeout(timer);
    timer = window.setTimeout(pratinjau, JEDA_MS);
  }

  function pratinjau() {
    var ini = ++nomor;
    var data = new FormData(form);
    data.delete("aksi");
    window.fetch(form.dataset.pratinjau, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    })
      .then(function (r) {
        if (sesiHilang(r)) {
          document.dispatchEvent(new CustomEvent("sesi:berakhir", {
            detail: { alasan: r.status === 403 ? "403" : "401" }
          }));
          throw new Error("sesi berakhir");
        }
        if (!r.ok) throw new Error("pratinjau " + r.status);
        return r.json();
      })
      .then(function (hasil) {
        if (ini === nomor) terapkan(hasil);
      })
      .catch(function () {
        // Keep the last figures; saving validates everything again on the server.
        if (ini === nomor) form.classList.remove("memuat");
      });
  }

  // 401 (dasar.http.masuk_wajib_json), 403 (a stale form token), or a redirect that ended
  // on a page instead of JSON (the login page).
  function sesiHilang(r) {
    if (r.status === 401 || r.status === 403) return true;
    var jenis = r.headers.get("Content-Type") || "";
    return r.ok && (r.redirected || jenis.indexOf("application/json") === -1);
  }

  document.addEventListener("sesi:berakhir", function () {
    sesiBerakhir = true;
    form.classList.remove("memuat");
  });

  function terapkan(h) {
    form.classList.remove("memuat");
    Object.keys(h.baris).forEach(function (pk) {
      var b = h.baris[pk];
      var tr = document.getElementById("baris-" + pk);
      if (!tr) return;
      teks(tr.querySelector("[data-persen]"), b.persen);
      teks(tr.querySelector("[data-persen-tahunan]"), b.persen_tahunan);
      var adaGalat = false;
      KOLOM.forEach(function (kolom) {
        var pesan = (b.galat[kolom] || []).join(" ");
        var tempat = document.getElementById("r-" + pk + "-" + kolom + "-galat");
        var input = document.getElementById("r-" + pk + "-" + kolom);
        teks(tempat, pesan);
        if (input) {
          if (pesan) input.setAttribute("aria-invalid", "true");
          else input.removeAttribute("aria-invalid");
        }
        adaGalat = adaGalat || !!pesan;
      });
      var w = document.getElementById("r-" + pk + "-peringatan");
      if (w) {
        teks(w, b.peringatan.join(" "));
        var ket = document.getElementById("r-" + pk + "-keterangan");
        w.classList.toggle("peringatan--terjelaskan", !!(ket && ket.value.trim()));
      }
      tr.classList.toggle("baris--galat", adaGalat);
      tr.classList.toggle("baris--peringatan", !adaGalat && b.peringatan.length > 0);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-ringkas]"), function (el) {
      var k = el.dataset.ringkas;
      teks(el, Object.prototype.hasOwnProperty.call(h.ringkasan, k) ? h.ringkasan[k] : h[k]);
    });
    var kosong = document.querySelector("[data-kosong-teks]");
    teks(kosong, h.kosong ? h.kosong + " baris belum berisi realisasi" : "Semua baris berisi realisasi");
  }

  form.addEventListener("input", function (e) {
    var el = e.target;
    if (!el.matches || !el.matches(".tabel-entri input[type=text]")) return;
    var bawaan = document.getElementById(el.id + "-bawaan");
    if (bawaan) bawaan.classList.toggle("bantuan--sama", el.value.trim() === bawaan.dataset.bawaan);
    jadwalkan();
  });

  // Enter in the middle of the table moves on instead of submitting half a month.
  form.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !e.target.matches || !e.target.matches(".tabel-entri input[type=text]")) return;
    e.preventDefault();
    var semua = isian();
    var i = semua.indexOf(e.target);
    var berikut = semua[i + (e.shiftKey ? -1 : 1)];
    if (berikut) berikut.focus();
  });

  form.addEventListener("submit", function (e) {
    var tombol = e.submitter;
    if (tombol && tombol.hasAttribute("data-ajukan")) {
      var kosong = isian().filter(function (el) {
        return /-realisasi$/.test(el.name) && !el.value.trim();
      }).length;
      var pesan = "Ajukan isian " + form.dataset.periode + " ke Kepala Dinas?\n\n";
      if (kosong) pesan += kosong + " baris belum berisi realisasi dan akan diajukan kosong.\n\n";
      pesan += "Setelah diajukan, isian tidak dapat diubah sampai Kepala Dinas mengembalikannya.";
      if (!window.confirm(pesan)) {
        e.preventDefault();
        return;
      }
    }
    mengirim = true;
  });

  window.addEventListener("beforeunload", function (e) {
    // Once the session has ended nothing here can be saved; draf.js holds the values.
    if (sesiBerakhir && form.hasAttribute("data-draf-aktif")) return;
    if (kotor && !mengirim) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  var fokus = document.getElementById("ringkasan-galat") || document.getElementById("konflik");
  if (fokus) fokus.focus();
})();
