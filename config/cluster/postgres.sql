-- The shared job repository for a filemill cluster (psql -f postgres.sql as a superuser). filemill
-- creates the Spring Batch tables on first use. The partitions' fences are advisory locks held by the
-- nodes' own sessions; the run ends a silent node's session with pg_terminate_backend, which
-- PostgreSQL allows for sessions of the same role: run every node and the run as this one role.
CREATE ROLE filemill LOGIN PASSWORD :'password';  -- psql -v password=... -f postgres.sql
CREATE DATABASE filemill OWNER filemill;
