-- Plant Console: the central PostgreSQL's roles and database, for the DBA (issue 9, least privilege).
--
-- Run once per site as a superuser (or a role with CREATEROLE and CREATEDB), connected to any database:
--
--   psql -h central.plant.local -U postgres -d postgres \
--        -v owner=plant_console_owner -v database=plantconsole -f central-setup.sql
--
-- then, for EACH console (one login per console, so that the centre can tell the consoles apart and one can be
-- locked out alone), the same script with the console's login:
--
--   psql -h central.plant.local -U postgres -d postgres \
--        -v owner=plant_console_owner -v database=plantconsole -v console_login=pc_roaster_1 -f central-setup.sql
--
-- psql variables:
--   owner             (required) the schema owner: owns the tables, runs the migrations (plant-console
--                     --migrate-central OWNER); a login that never runs in a console
--   database          (required) the central database, created owned by the owner when missing
--   owner_password    (optional) the owner's password; without it, set it afterwards with  \password OWNER
--                     (psql then sends it hashed, and it is not in your shell history nor the process list)
--   console_login     (optional) a console's login to create (or fix), granted plant_console_app only
--   console_password  (optional) that login's password; without it, use  \password CONSOLE_LOGIN
--
-- What it sets up:
--   * the owner: LOGIN, no superuser, no CREATEDB/CREATEROLE; owns the database and (through the migrations) every
--     central table. It keeps every privilege on its tables: no console may log in as it.
--   * plant_console_app: the NOLOGIN group role the consoles' logins are granted. On the database it gets CONNECT
--     and TEMPORARY (the sink stages each batch in a temporary table) and nothing else; the table privileges come
--     with the migrations (db/central V2, V10): INSERT and SELECT on audit_event (column-level INSERT, no UPDATE,
--     DELETE nor TRUNCATE), INSERT, SELECT and UPDATE on synced_record and applied_outbox, SELECT and some columns
--     of audit_console and audit_console_flag, SELECT on flyway_schema_history (the console checks the schema
--     version and never migrates).
--   * each console's login: LOGIN, INHERIT, no superuser, no CREATEDB/CREATEROLE/REPLICATION/BYPASSRLS, member of
--     plant_console_app only, owning nothing. The console checks this before its first sync and refuses otherwise.
--
-- Safe to run again: existing roles are altered to the attributes above, never dropped.

\set ON_ERROR_STOP on

\if :{?owner}
\else
    \echo 'central-setup.sql: give the owner role with -v owner=NAME'
    \quit
\endif
\if :{?database}
\else
    \echo 'central-setup.sql: give the database with -v database=NAME'
    \quit
\endif

-- ---- The owner -----------------------------------------------------------------------------------------------
SELECT format('CREATE ROLE %I LOGIN', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
\if :{?owner_password}
ALTER ROLE :"owner" PASSWORD :'owner_password';
\endif

-- ---- The consoles' group role ------------------------------------------------------------------------------
SELECT 'CREATE ROLE plant_console_app NOLOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plant_console_app') \gexec
ALTER ROLE plant_console_app WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

-- ---- The database ------------------------------------------------------------------------------------------
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'database', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') \gexec
ALTER DATABASE :"database" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO plant_console_app;

\connect :"database"
-- The schema public belongs to the database owner (PostgreSQL 15: pg_database_owner); nobody else creates there.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO plant_console_app;

-- ---- One console's login (optional) ------------------------------------------------------------------------
\if :{?console_login}
SELECT format('CREATE ROLE %I LOGIN', :'console_login')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'console_login') \gexec
ALTER ROLE :"console_login" WITH LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    CONNECTION LIMIT 8;
\if :{?console_password}
ALTER ROLE :"console_login" PASSWORD :'console_password';
\endif
GRANT plant_console_app TO :"console_login";
-- The login must be able to do nothing the group role cannot: no other memberships (the owner above all).
SELECT format('REVOKE %I FROM %I', r.rolname, :'console_login')
  FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
 WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = :'console_login')
   AND r.rolname <> 'plant_console_app' \gexec
\echo Console login :console_login is a member of plant_console_app only.
\endif
