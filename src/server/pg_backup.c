// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd --database postgresql://... backup FILE | restore FILE: the
 * chain's database into one file and back, as the SQLite commands do for a
 * hotel's file, with PostgreSQL's own pg_dump and pg_restore (a logical
 * copy, custom format; Debian's postgresql-client).
 *
 *   backup   pg_dump into FILE.part, then renamed to FILE (mode 0600): a
 *            consistent copy while the servers serve.
 *   restore  only while no other session uses the database (every
 *            frontdeskd stopped): the file is checked first (pg_restore
 *            --list), then restored in one transaction (--clean
 *            --if-exists --single-transaction: all of it or nothing), then
 *            new-epoch's work: the erasures this server knows are made
 *            again and the epoch renewed, so every terminal re-syncs and
 *            submits again what the backup lacks.
 *
 * The tools get the connection through libpq's environment variables
 * (PGHOST, PGPASSWORD, ...), never on their command line, where any user
 * of the machine could read a password. Base backups with WAL archiving
 * (point-in-time recovery of the cluster) are the chain's nightly backup
 * and need a replication role: doc/scale-out.md, "Backups". */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/i18n.h"
#include "server/pg_commands.h"

static bool one_file(const struct srv_pg_admin *a, const char *cmd)
{
	if (a->n_args == 2)
		return true;
	fprintf(stderr, _("frontdeskd: %s FILE\n"), cmd);
	return false;
}

/* Run argv (a PostgreSQL tool found on PATH) connected as uri says, its
 * standard output to /dev/null when quiet; its exit status, 127 when it
 * could not be run. */
static int run_tool(const char *uri, char *const argv[], bool quiet)
{
	pid_t pid = fork();
	if (pid < 0)
		return 127;
	if (pid == 0) {
		PQconninfoOption *opts = PQconninfoParse(uri, NULL);
		for (PQconninfoOption *o = opts; o && o->keyword; o++)
			if (o->envvar && o->val && o->val[0])
				setenv(o->envvar, o->val, 1);
		PQconninfoFree(opts);
		int null = quiet ? open("/dev/null", O_WRONLY) : -1;
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 126;
}

static int missing_tool(const char *tool)
{
	fprintf(stderr,
	        _("frontdeskd: %s could not be run: install PostgreSQL's client programs (Debian: "
	          "postgresql-client) or put them on PATH; nothing was changed.\n"),
	        tool);
	return 1;
}

int srv_pg_cmd_backup(struct srv_pg_admin *a)
{
	if (!one_file(a, "backup"))
		return 2;
	const char *file = a->args[1];
	char part[4200];
	snprintf(part, sizeof part, "%s.part", file);
	char *argv[] = {"pg_dump", "--format=custom", "--no-password", "--file", part, NULL};
	int rc = run_tool(a->cfg->database, argv, false);
	if (rc == 127) {
		unlink(part);
		return missing_tool("pg_dump");
	}
	if (rc != 0 || chmod(part, 0600) != 0 || rename(part, file) != 0) {
		unlink(part);
		fprintf(stderr,
		        _("frontdeskd: backup failed (pg_dump said why, above); %s was not written.\n"),
		        file);
		return 1;
	}
	printf(_("Backed up the database to %s (pg_dump, custom format).\n"), file);
	return 0;
}

/* The database's name, and how many other sessions use it (with who they
 * are, for the refusal). */
static enum fd_status other_sessions(struct fd_pg *pg, char *db, size_t db_size, int *n, char *who,
                                     size_t who_size, struct fd_error *err)
{
	static const char sql[] =
	    "SELECT current_database(), count(*), coalesce(string_agg(DISTINCT"
	    " coalesce(nullif(application_name, ''), host(client_addr), 'local'), ', '), '')"
	    " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
	    " AND backend_type = 'client backend'";
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, sql, 0, NULL, &q, "reading who uses the database", err);
	if (st)
		return st;
	snprintf(db, db_size, "%s", PQgetvalue(q, 0, 0));
	*n = atoi(PQgetvalue(q, 0, 1));
	snprintf(who, who_size, "%s", PQgetvalue(q, 0, 2));
	PQclear(q);
	return FD_OK;
}

int srv_pg_cmd_restore(struct srv_pg_admin *a)
{
	if (!one_file(a, "restore"))
		return 2;
	const char *file = a->args[1];
	char *check[] = {"pg_restore", "--list", (char *)file, NULL};
	int rc = run_tool(a->cfg->database, check, true);
	if (rc == 127)
		return missing_tool("pg_restore");
	if (rc != 0) {
		/* TRANSLATORS: the file, then why it cannot be restored */
		fprintf(stderr, _("frontdeskd: %s %s; nothing restored.\n"), file,
		        _("is not a backup that pg_restore can read (frontdeskd backup makes one)"));
		return 1;
	}
	struct fd_error err = {0};
	struct fd_pg *pg = fd_pg_open(a->cfg->database, &err);
	char db[256], who[512];
	int n = 0;
	if (!pg || other_sessions(pg, db, sizeof db, &n, who, sizeof who, &err)) {
		fd_pg_close(pg);
		return srv_pg_admin_fail(&err);
	}
	fd_pg_close(pg);
	if (n > 0) {
		fprintf(
		    stderr,
		    ngettext("frontdeskd: %d other session uses the database %s (%s); stop every frontdeskd "
		             "on it first. Nothing restored.\n",
		             "frontdeskd: %d other sessions use the database %s (%s); stop every frontdeskd "
		             "on it first. Nothing restored.\n",
		             (unsigned long)n),
		    n, db, who);
		return 1;
	}
	char *argv[] = {"pg_restore",      "--clean",
	                "--if-exists",     "--single-transaction",
	                "--exit-on-error", "--no-password",
	                "--dbname",        db,
	                (char *)file,      NULL};
	rc = run_tool(a->cfg->database, argv, false);
	if (rc != 0) {
		fprintf(stderr, _("frontdeskd: restore failed (pg_restore said why, above); the database is "
		                  "as it was.\n"));
		return 1;
	}
	printf(_("Restored the database %s from %s.\n"), db, file);
	/* What new-epoch does after a restore made by other means: the
	 * erasures again, then the epoch (pg_feed.c). */
	return srv_pg_new_epoch(a->cfg, 1);
}
