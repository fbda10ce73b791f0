/* Drafts in the browser (issue 16): what a user types into a form marked data-draf is kept
   in localStorage as they type, so that nothing typed is lost when the session ends before
   the save (the save then lands on the login page), when the page's form token went stale,
   or when the tab or the browser closes. After logging in again the page restores it and
   says so; after a successful save the draft is forgotten.

     <form data-draf="entri/palangkaraya/2025/3/fakir-miskin" data-draf-pengguna="alice"
           [data-draf-tersimpan]>                (akun/templatetags/sesi.py: atribut_draf)
       <tr data-draf-baris="12"> ...named inputs, hidden ones included... </tr>

   - The key is the form's data-draf and the user's name: on a shared office PC, a draft is
     only ever restored to the user who typed it (the name is also checked inside the draft).
   - A group (data-draf-baris, else one field) is kept once the user changed one of its
     visible fields, with every field of the group, hidden ones included: for the entry page
     a row's versi and asal travel with its values, so a restored row saves exactly as the
     lost save would have (a row someone else changed meanwhile answers 409 and names them;
     nothing is overwritten unseen). Rows the user did not touch keep what the page shows.
   - The draft is marked "sent" on submit. A page that follows a successful save
     (data-draf-tersimpan) forgets a sent draft. A group whose values equal what the page shows
     (a re-rendered page after 422 or 409) is kept but not announced.
   - Drafts older than UMUR_MAKS_HARI are removed, whoever they belong to.
   Restoring sends "input" events on the restored fields, so the page's own script (entri.js)
   recomputes its figures and knows the page holds unsaved values. */
(function () {
  "use strict";

  var AWALAN = "dinsos-draf:v1:";
  var UMUR_MAKS_HARI = 14;
  var TIDAK_DISIMPAN = { submit: 1, button: 1, reset: 1, image: 1, file: 1, password: 1 };

  var penyimpanan = (function () {
    try {
      var uji = AWALAN + "uji";
      window.localStorage.setItem(uji, "1");
      window.localStorage.removeItem(uji);
      return window.localStorage;
    } catch (e) {
      return null; // private mode, disabled storage: the page works as before
    }
  })();
  if (!penyimpanan) return;

  function bersihkanKedaluwarsa() {
    var batas = Date.now() - UMUR_MAKS_HARI * 864e5;
    for (var i = penyimpanan.length - 1; i >= 0; i--) {
      var k = penyimpanan.key(i);
      if (!k || k.indexOf(AWALAN) !== 0) continue;
      var d = null;
      try { d = JSON.parse(penyimpanan.getItem(k)); } catch (e) { d = null; }
      if (!d || typeof d.disimpan !== "number" || d.disimpan < batas) penyimpanan.removeItem(k);
    }
  }

  function pasang(form) {
    var pengguna = form.dataset.drafPengguna;
    if (!pengguna || !form.dataset.draf) return;
    var kunci = AWALAN + pengguna + ":" + form.dataset.draf;
    form.setAttribute("data-draf-aktif", ""); // the page's script may rely on the draft
    var tersentuh = {}; // group -> true
    var diamkan = false; // true while this script itself changes fields

    function isian() {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name && el.name !== "csrfmiddlewaretoken" && !TIDAK_DISIMPAN[el.type] && !el.disabled;
      });
    }

    function grup(el) {
      var g = el.closest("[data-draf-baris]");
      return g ? "b:" + g.getAttribute("data-draf-baris") : "f:" + el.name;
    }

    function nilai(el) {
      return el.type === "checkbox" || el.type === "radio" ? (el.checked ? el.value : null) : el.value;
    }

    function atur(el, v) {
      if (el.type === "checkbox" || el.type === "radio") el.checked = v === el.value;
      else el.value = v == null ? "" : v;
    }

    function perGrup() {
      var hasil = {};
      isian().forEach(function (el) {
        var g = grup(el);
        (hasil[g] = hasil[g] || []).push(el);
      });
      return hasil;
    }

    function baca() {
      var d = null;
      try { d = JSON.parse(penyimpanan.getItem(kunci)); } catch (e) { d = null; }
      // Never anyone else's, whatever the key says.
      if (!d || d.pengguna !== pengguna || typeof d.grup !== "object" || !d.grup) return null;
      return d;
    }

    function tulis(terkirim) {
      var semua = perGrup();
      var simpan = {};
      var ada = false;
      Object.keys(tersentuh).forEach(function (g) {
        if (!semua[g]) return;
        simpan[g] = {};
        semua[g].forEach(function (el) { simpan[g][el.name] = nilai(el); });
        ada = true;
      });
      try {
        if (!ada) penyimpanan.removeItem(kunci);
        else penyimpanan.setItem(kunci, JSON.stringify({
          pengguna: pengguna,
          halaman: window.location.pathname,
          disimpan: Date.now(),
          terkirim: !!terkirim,
          grup: simpan
        }));
      } catch (e) {
        // Storage full: the page still works; the server keeps what is saved.
      }
    }

    function kabari(el) {
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function pemberitahuan(dipulihkan) {
      var kotak = document.createElement("div");
      kotak.className = "pemberitahuan pemberitahuan--catatan draf-pemberitahuan";
      kotak.id = "draf-pemberitahuan";
      kotak.setAttribute("role", "status");
      kotak.tabIndex = -1;
      var p = document.createElement("p");
      var kuat = document.createElement("strong");
      kuat.textContent = "Isian yang belum tersimpan dipulihkan dari peramban ini — periksa lalu simpan.";
      p.appendChild(kuat);
      var baris = Object.keys(dipulihkan).length;
      p.appendChild(document.createTextNode(
        " " + baris + " baris dipulihkan (ditandai kuning)."
      ));
      var buang = document.createElement("button");
      buang.type = "button";
      buang.className = "tombol tombol--kedua";
      buang.textContent = "Buang isian yang dipulihkan";
      buang.addEventListener("click", function () {
        diamkan = true;
        Object.keys(dipulihkan).forEach(function (g) {
          dipulihkan[g].forEach(function (el) {
            atur(el, el.type === "checkbox" || el.type === "radio" ? (el.defaultChecked ? el.value : null) : el.defaultValue);
            el.classList.remove("draf-dipulihkan");
            if (el.type !== "hidden") kabari(el);
          });
          delete tersentuh[g];
        });
        diamkan = false;
        tulis(false);
        kotak.remove();
      });
      kotak.appendChild(p);
      kotak.appendChild(buang);
      form.parentNode.insertBefore(kotak, form);
      return kotak;
    }

    function pulihkan() {
      var d = baca();
      if (!d) return;
      if (d.terkirim && form.hasAttribute("data-draf-tersimpan")) {
        penyimpanan.removeItem(kunci); // the save it was sent with went through
        return;
      }
      var semua = perGrup();
      if (!Object.keys(semua).length) return; // read-only now (submitted): keep it for later
      var dipulihkan = {};
      var ubah = [];
      Object.keys(d.grup).forEach(function (g) {
        var els = semua[g];
        if (!els) return; // the row is gone from the form
        tersentuh[g] = true;
        var simpan = d.grup[g];
        var sama = els.every(function (el) {
          return el.type === "hidden" || !Object.prototype.hasOwnProperty.call(simpan, el.name) || nilai(el) === simpan[el.name];
        });
        if (sama) return; // already on screen (a re-rendered page): nothing to announce
        dipulihkan[g] = els;
        els.forEach(function (el) {
          if (!Object.prototype.hasOwnProperty.call(simpan, el.name)) return;
          var beda = nilai(el) !== simpan[el.name];
          atur(el, simpan[el.name]);
          if (el.type !== "hidden" && beda) {
            el.classList.add("draf-dipulihkan"); // only what differs from the page is marked
            ubah.push(el);
          }
        });
      });
      diamkan = true;
      ubah.forEach(kabari);
      diamkan = false;
      tulis(false);
      if (ubah.length) pemberitahuan(dipulihkan).focus();
    }

    function berubah(e) {
      var el = e.target;
      if (diamkan || !el.name || el.form !== form || el.type === "hidden") return;
      if (el.name === "csrfmiddlewaretoken" || TIDAK_DISIMPAN[el.type]) return;
      tersentuh[grup(el)] = true;
      tulis(false);
    }

    form.addEventListener("input", berubah);
    form.addEventListener("change", berubah);
    // On document, after the form's own handlers: a submit they cancelled (a confirmation
    // answered "no") is not marked sent.
    document.addEventListener("submit", function (e) {
      if (e.target === form && !e.defaultPrevented && Object.keys(tersentuh).length) tulis(true);
    });

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pulihkan);
    else pulihkan();
  }

  bersihkanKedaluwarsa();
  Array.prototype.forEach.call(document.querySelectorAll("form[data-draf]"), pasang);
})();
