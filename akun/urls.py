from django.urls import path

from akun import views, views_sandi

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("masuk/", views.masuk, name="masuk"),
    path("keluar/", views.keluar, name="keluar"),
    path("akun/", views.pengaturan, name="pengaturan"),
    path("akun/notifikasi/", views.notifikasi, name="notifikasi"),
    path("akun/notifikasi/<int:pk>/", views.buka_notifikasi, name="buka_notifikasi"),
    path("sesi/", views.sesi_status, name="sesi_status"),
    path("sesi/perpanjang/", views.sesi_perpanjang, name="sesi_perpanjang"),
    path("sandi/lupa/", views_sandi.LupaSandi.as_view(), name="sandi_lupa"),
    path("sandi/lupa/terkirim/", views_sandi.SandiTerkirim.as_view(), name="sandi_terkirim"),
    path("sandi/atur/<uidb64>/<token>/", views_sandi.AturSandi.as_view(), name="sandi_atur"),
    path("sandi/atur/selesai/", views_sandi.SandiSelesai.as_view(), name="sandi_selesai"),
]
