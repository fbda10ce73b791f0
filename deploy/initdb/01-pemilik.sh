#!/bin/sh
# Run once by the postgres image when its volume is empty (docker-entrypoint-initdb.d): the
# database `dinsos` owned by a login role that is not a superuser. Migrations run as this
# owner; the application runs as `dinsos_app`, made by `manage.py siapkan_peran`.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v sandi="$PEMILIK_PASSWORD" <<'SQL'
CREATE ROLE dinsos_pemilik LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'sandi';
CREATE DATABASE dinsos OWNER dinsos_pemilik;
REVOKE ALL ON DATABASE dinsos FROM PUBLIC;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname dinsos <<'SQL'
ALTER SCHEMA public OWNER TO dinsos_pemilik;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
