// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd --database postgresql://... backup | restore: on SQLite these
 * copy the data directory's database file; a chain's database is backed
 * up and restored with PostgreSQL's own tools (doc/scale-out.md,
 * "Backups": pg_basebackup and WAL archiving, tested in tests/pg/backup.sh;
 * pg_dump and pg_restore, tested in tests/pg/epoch.sh). frontdeskd does
 * not run them itself: the base backup needs a replication role and the
 * archive a host of its own, and a restore needs every server stopped and
 * the cluster's own recovery. So these commands change nothing and say
 * exactly what to run instead (exit 2, as a usage error). */
#include "config.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

#include "server/pg_commands.h"

/* The database's URI as the command was given it, for a shell's double
 * quotes; a placeholder when it holds a password (never printed) or a
 * character the quotes would not keep. */
static void shown_uri(const char *uri, char *out, size_t size)
{
	PQconninfoOption *opts = PQconninfoParse(uri, NULL);
	bool ok = opts && !strpbrk(uri, "\"\\$`!") && strlen(uri) < size;
	for (PQconninfoOption *o = opts; ok && o->keyword; o++)
		ok = strcmp(o->keyword, "password") != 0 || !o->val || !o->val[0];
	PQconninfoFree(opts);
	snprintf(out, size, "%s", ok ? uri : "DATABASE-URI");
}

static bool one_file(const struct srv_pg_admin *a, const char *cmd)
{
	if (a->n_args == 2)
		return true;
	fprintf(stderr, "frontdeskd: %s FILE\n", cmd);
	return false;
}

int srv_pg_cmd_backup(struct srv_pg_admin *a)
{
	if (!one_file(a, "backup"))
		return 2;
	char db[1024];
	shown_uri(a->cfg->database, db, sizeof db);
	fprintf(stderr,
	        "frontdeskd: backup FILE copies a SQLite hotel; nothing was written. A PostgreSQL "
	        "database is backed up with PostgreSQL's own tools (doc/scale-out.md, \"Backups\"):\n"
	        "  the chain, nightly, with WAL archiving (archive_mode = on, archive_command) for "
	        "point-in-time recovery:\n"
	        "    pg_basebackup -h PRIMARY -U REPLICATION-ROLE -D BACKUP-DIR -Ft -z -X fetch -c fast\n"
	        "  or this database alone, into %s:\n"
	        "    pg_dump --format=custom --file=%s --dbname=\"%s\"\n",
	        a->args[1], a->args[1], db);
	return 2;
}

int srv_pg_cmd_restore(struct srv_pg_admin *a)
{
	if (!one_file(a, "restore"))
		return 2;
	char db[1024];
	shown_uri(a->cfg->database, db, sizeof db);
	fprintf(stderr,
	        "frontdeskd: restore FILE replaces a SQLite hotel; nothing was changed. A PostgreSQL "
	        "database is restored with PostgreSQL's own tools, every frontdeskd stopped "
	        "(doc/scale-out.md, \"Backups\"):\n"
	        "  a base backup and the WAL archive: unpack base.tar.gz into an empty data directory, "
	        "set restore_command (and recovery_target_time), touch recovery.signal, start "
	        "PostgreSQL;\n"
	        "  or a pg_dump file such as %s, into the emptied database:\n"
	        "    pg_restore --clean --if-exists --dbname=\"%s\" %s\n"
	        "then, so that the terminals re-sync and submit again what the backup lacks:\n"
	        "    frontdeskd --database \"%s\" new-epoch\n",
	        a->args[1], db, a->args[1], db);
	return 2;
}
