import os
import re

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

# Tables the application only appends to: the audit trail (and its integrity results).
HANYA_TAMBAH = ("capaian_jejakaudit", "laporan_pemeriksaanintegritas")
NAMA_SAH = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class Command(BaseCommand):
    help = (
        "Buat atau perbarui peran PostgreSQL tempat aplikasi berjalan: bukan superuser, tidak "
        "memiliki tabel, hanya SELECT/INSERT/UPDATE/DELETE (jejak audit: SELECT/INSERT), tanpa "
        "TRUNCATE, TRIGGER, atau DDL; termasuk hak bawaan untuk tabel migrasi berikutnya. "
        "Jalankan dengan koneksi pemilik basis data (yang menjalankan migrate), setelah migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--peran", required=True, help="nama peran aplikasi, mis. dinsos_app")
        parser.add_argument(
            "--sandi-env",
            help="nama variabel lingkungan yang berisi sandi peran (tidak ditulis di baris "
            "perintah); tanpa ini sandi tidak diubah",
        )

    def handle(self, *args, peran: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "siapkan_peran hanya untuk PostgreSQL (SQLite tidak mengenal peran)."
            )
        if not NAMA_SAH.match(peran):
            raise CommandError(
                f"Nama peran '{peran}' tidak sah: huruf kecil, angka dan garis bawah, "
                "diawali huruf, paling banyak 63 karakter."
            )
        sandi = None
        if options.get("sandi_env"):
            sandi = os.environ.get(options["sandi_env"])
            if not sandi:
                raise CommandError(
                    f"Variabel lingkungan {options['sandi_env']} kosong atau tidak ada."
                )
        q = connection.ops.quote_name
        with connection.cursor() as c:
            c.execute("SELECT current_user, current_database()")
            pemilik, basis_data = c.fetchone()
        if pemilik == peran:
            raise CommandError(
                "Jalankan dengan koneksi pemilik basis data, bukan sebagai peran aplikasi "
                "itu sendiri."
            )
        tabel = [t for t in connection.introspection.table_names() if t]
        with transaction.atomic(), connection.cursor() as c:
            c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [peran])
            baru = c.fetchone() is None
            if baru:
                c.execute(f"CREATE ROLE {q(peran)} LOGIN")
            c.execute(
                f"ALTER ROLE {q(peran)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                "NOREPLICATION NOBYPASSRLS"
            )
            if sandi is not None:
                c.execute(f"ALTER ROLE {q(peran)} PASSWORD %s", [sandi])
            c.execute(f"GRANT CONNECT ON DATABASE {q(basis_data)} TO {q(peran)}")
            c.execute(f"GRANT USAGE ON SCHEMA public TO {q(peran)}")
            c.execute(f"REVOKE CREATE ON SCHEMA public FROM {q(peran)}")
            c.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {q(peran)}")
            c.execute(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {q(peran)}"
            )
            for t in HANYA_TAMBAH:
                if t in tabel:
                    c.execute(f"REVOKE UPDATE, DELETE ON {q(t)} FROM {q(peran)}")
            c.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {q(peran)}")
            # Tables and sequences that later migrations create (as this owner) get the same.
            c.execute(
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {q(pemilik)} IN SCHEMA public "
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {q(peran)}"
            )
            c.execute(
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {q(pemilik)} IN SCHEMA public "
                f"GRANT USAGE, SELECT ON SEQUENCES TO {q(peran)}"
            )
        keadaan = "dibuat" if baru else "diperbarui"
        self.stdout.write(
            f"Peran {peran} {keadaan} di basis data {basis_data}: {len(tabel)} tabel "
            f"(jejak audit hanya tambah), tanpa TRUNCATE/TRIGGER/DDL; pemilik {pemilik}."
        )
