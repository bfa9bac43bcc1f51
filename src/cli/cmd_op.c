/* `frontdesk op TYPE PAYLOAD`: apply one operation given as JSON, for
 * administrators' scripts and for tests. It goes through the same rules,
 * audit log and outbox as every other command. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"

int cmd_op(struct cli *cli, int argc, char **argv)
{
	const char *pos[2];
	if (!cli_parse(cli, "op", argc, argv, NULL, pos, 2, 2))
		return CLI_USAGE;
	if (!fd_op_type_known(pos[0]))
		return cli_usage_error(cli, "op", _("unknown operation type \"%s\""), pos[0]);
	cJSON *payload = cJSON_Parse(pos[1]);
	if (!cJSON_IsObject(payload)) {
		cJSON_Delete(payload);
		return cli_usage_error(cli, "op", _("the payload must be a JSON object"));
	}
	int rc = cli_open(cli, false);
	if (rc) {
		cJSON_Delete(payload);
		return rc;
	}
	struct fd_op op;
	struct fd_op_result res;
	cli_op(cli, &op, pos[0]);
	cJSON_Delete(op.payload);
	op.payload = payload;
	rc = cli_apply(cli, &op, 1, &res);
	if (rc)
		return rc;
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "entity", res.entity);
		cJSON_AddStringToObject(doc, "id", res.id);
		if (res.code[0])
			cJSON_AddStringToObject(doc, "code", res.code);
		cli_print_json(doc);
	} else {
		printf("%s %s\n", res.entity, res.id);
	}
	return CLI_OK;
}
