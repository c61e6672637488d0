// The PostgreSQL store's schema and its migrations: the same tables as the
// SQLite store's (store/schema.cpp), in PostgreSQL's own terms.
#pragma once

#include "store/postgres/pg_connection.hpp"

namespace tata::pg {

// Brings the database to the newest schema, each migration in its own
// transaction under an advisory lock, so that several nodes starting at
// once on one database migrate it once. Refuses a database newer than
// this build.
void migrate(Connection& db);

// How many migrations this build knows.
int schema_version_known();

}  // namespace tata::pg
