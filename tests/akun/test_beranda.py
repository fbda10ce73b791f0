"""The landing page sends each user where they belong."""

from django.contrib.auth.models import User

from organisasi.models import Organisasi


def test_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/masuk/?next=/"


def test_a_member_lands_on_the_dashboard_of_their_organisasi(client, kantor):
    for orang in (kantor.alice, kantor.kepala, kantor.admin_org, kantor.pemantau):
        client.force_login(orang)
        assert client.get("/")["Location"] == "/o/palangkaraya/dasbor/"
    client.force_login(kantor.charlie)
    assert client.get("/")["Location"] == "/o/seruyan/dasbor/"


def test_a_superuser_chooses_among_the_organisasi(client, kantor):
    client.force_login(kantor.root)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pilih organisasi" in html
    assert 'href="/o/palangkaraya/dasbor/"' in html
    assert 'href="/o/seruyan/dasbor/"' in html


def test_a_superuser_with_one_organisasi_goes_straight_to_it(client, organisasi):
    client.force_login(User.objects.create_superuser("root"))
    assert client.get("/")["Location"] == "/o/palangkaraya/dasbor/"


def test_a_user_without_organisasi_is_told_so_and_sees_no_data(client, kantor):
    client.force_login(User.objects.create_user("baru", first_name="Pegawai Baru"))
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "belum terdaftar di organisasi mana pun" in html
    for nama in Organisasi.objects.values_list("nama", flat=True):
        assert nama not in html
    assert "/o/" not in html
