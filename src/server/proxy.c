// SPDX-License-Identifier: GPL-3.0-or-later
/* Behind a reverse proxy (TLS terminated by haproxy or nginx), every
 * connection comes from the proxy; the client's address is in the request's
 * Forwarded (RFC 7239) or X-Forwarded-For header. Those headers are taken
 * only from a connection whose address is a trusted proxy (trusted-proxy
 * setting): anyone else could write any address there and slip past the
 * sign-in throttling. The chain is read from the right (the nearest hop
 * first): the first address that is not a trusted proxy is the client. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"

/* One address, "ADDR" or "[ADDR]" (IPv6), with "/BITS" when allow_bits. */
static bool net_parse(const char *text, size_t len, bool allow_bits, struct srv_net *out)
{
	char buf[INET6_ADDRSTRLEN + 8];
	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, text, len);
	buf[len] = '\0';
	char *slash = allow_bits ? strchr(buf, '/') : NULL;
	long bits = -1;
	if (slash) {
		char *end;
		*slash = '\0';
		bits = strtol(slash + 1, &end, 10);
		if (!slash[1] || *end || bits < 0)
			return false;
	}
	char *a = buf;
	size_t n = strlen(a);
	if (n >= 2 && a[0] == '[' && a[n - 1] == ']')
		a[n - 1] = '\0', a++;
	memset(out, 0, sizeof *out);
	if (inet_pton(AF_INET, a, out->addr) == 1) {
		out->family = AF_INET;
		out->bits = bits < 0 ? 32 : (int)bits;
		return out->bits <= 32;
	}
	if (inet_pton(AF_INET6, a, out->addr) == 1) {
		out->family = AF_INET6;
		out->bits = bits < 0 ? 128 : (int)bits;
		/* an IPv4-mapped address is that IPv4 address */
		static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (memcmp(out->addr, mapped, 12) == 0 && out->bits >= 96) {
			memmove(out->addr, out->addr + 12, 4);
			memset(out->addr + 4, 0, 12);
			out->family = AF_INET;
			out->bits -= 96;
		}
		return out->bits <= 128;
	}
	return false;
}

bool srv_net_list_parse(const char *v, struct srv_net *out, int max, int *n)
{
	*n = 0;
	const char *p = v;
	while (*p) {
		p += strspn(p, ", \t");
		size_t len = strcspn(p, ", \t");
		if (!len)
			break;
		if (*n == max || !net_parse(p, len, true, &out[*n]))
			return false;
		(*n)++;
		p += len;
	}
	return true;
}

static bool net_contains(const struct srv_net *net, const struct srv_net *a)
{
	if (net->family != a->family)
		return false;
	int bits = net->bits;
	for (int i = 0; bits > 0; i++, bits -= 8) {
		unsigned char mask = bits >= 8 ? 0xff : (unsigned char)(0xff << (8 - bits));
		if ((net->addr[i] & mask) != (a->addr[i] & mask))
			return false;
	}
	return true;
}

static bool trusted(const struct srv_net *list, int n, const struct srv_net *a)
{
	for (int i = 0; i < n; i++)
		if (net_contains(&list[i], a))
			return true;
	return false;
}

static void net_text(const struct srv_net *a, char *out, size_t size)
{
	if (!inet_ntop(a->family, a->addr, out, (socklen_t)size))
		snprintf(out, size, "?");
}

/* The addresses of a Forwarded header's for= parameters, in order. */
static int forwarded_for(const char *h, struct srv_net *out, int max, bool *bad)
{
	int n = 0;
	for (const char *p = h; *p && n < max;) {
		p += strspn(p, " \t,;");
		if (!*p)
			break;
		size_t len = strcspn(p, ";,");
		if (len > 4 && strncasecmp(p, "for=", 4) == 0) {
			const char *v = p + 4;
			size_t vl = len - 4;
			while (vl && isspace((unsigned char)v[vl - 1]))
				vl--;
			if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"')
				v++, vl -= 2;
			/* "[v6]:port" or "v4:port": drop the port */
			if (vl && v[0] == '[') {
				const char *close = memchr(v, ']', vl);
				vl = close ? (size_t)(close - v) + 1 : vl;
			} else {
				const char *colon = memchr(v, ':', vl);
				if (colon)
					vl = (size_t)(colon - v);
			}
			if (!net_parse(v, vl, false, &out[n])) {
				*bad = true; /* "unknown", an obfuscated name: the chain stops */
				return n;
			}
			n++;
		}
		p += len;
	}
	return n;
}

static int x_forwarded_for(const char *h, struct srv_net *out, int max, bool *bad)
{
	int n = 0;
	for (const char *p = h; *p && n < max;) {
		p += strspn(p, " \t,");
		size_t len = strcspn(p, ",");
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (!len)
			break;
		if (!net_parse(p, len, false, &out[n])) {
			*bad = true;
			return n;
		}
		n++;
		p += strcspn(p, ",");
	}
	return n;
}

void srv_client_address(const struct srv_net *proxies, int n_proxies, const char *peer, const char *forwarded,
                        const char *xff, char *out, size_t size)
{
	struct srv_net p;
	size_t n_peer = strlen(peer);
	if (!size)
		return;
	n_peer = n_peer < size ? n_peer : size - 1;
	memcpy(out, peer, n_peer); /* not snprintf: this runs for every request */
	out[n_peer] = '\0';
	if (!n_proxies || !net_parse(peer, strlen(peer), false, &p))
		return;
	net_text(&p, out, size); /* ::ffff:1.2.3.4 is 1.2.3.4 */
	if (!trusted(proxies, n_proxies, &p) || (!forwarded && !xff))
		return;
	struct srv_net chain[32];
	bool bad = false;
	int n = forwarded ? forwarded_for(forwarded, chain, 32, &bad) : x_forwarded_for(xff, chain, 32, &bad);
	/* from the nearest hop back: the first one we do not trust */
	for (int i = n - 1; i >= 0; i--) {
		net_text(&chain[i], out, size);
		if (!trusted(proxies, n_proxies, &chain[i]))
			return;
	}
	(void)bad; /* all trusted, or the chain broke: the last good hop stands */
}
