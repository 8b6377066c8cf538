/*
 * loadgen: event-driven (epoll, one thread) load generator for NUT network servers (upsd and UpsPS).
 * Every reply is validated; any unexpected byte counts as an error. Prints one line of key=value results.
 *
 *   loadgen MODE [-H host] [-p port] [-c conns] [-d seconds] [-P depth] [-u ups] [-v var] [-n devices]
 *                [-i interval_us] [-s seed] [-f file]
 *
 * Modes:
 *   get      GET VAR <ups> <var> on -c connections, -P requests in flight per connection; every reply must equal
 *            the first one byte for byte.
 *   list     LIST VAR <ups> (one list in flight per connection); BEGIN/END framing and the line count are checked.
 *            With -n N the device is <ups>1..<ups>N round robin ("LIST VAR over N devices").
 *   listups  LIST UPS; the number of UPS lines must equal -n.
 *   churn    -c workers each repeat connect, GET VAR, read reply, close.
 *   idle     open -c connections and hold them silently for -d seconds (memory per idle connection);
 *            prints "ready" on stderr once all are connected.
 *   prop     propagation: one connection polls GET VAR <ups> <var> every -i microseconds (0 = back to back);
 *            the variable's value is a wall-clock stamp in microseconds written by the driver side; latency is
 *            the time from the stamp to the first reply that shows it. With -f FILE, loadgen itself is the driver
 *            side: every -I ms it rewrites the dummy-ups definition FILE with a fresh stamp.
 *   soak     -c connections of which a share is slow (one byte a second), a share sends garbage and the rest sit
 *            idle, plus one well-behaved poller (GET VAR every -i us) whose latency and drops are reported.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUFSZ 65536
#define MAXSAMPLES (8u * 1024u * 1024u)

enum kind { K_LOAD, K_SLOW, K_GARBAGE, K_IDLE, K_POLLER, K_WRITER };

struct conn {
	int fd;
	int kind;
	int connected;
	int inflight;          /* requests sent, replies not yet complete */
	int list_lines;        /* lines seen inside the current list */
	int in_list;
	int dev;               /* device index for multi-device lists */
	uint64_t sent_at[64];  /* send time of each in-flight request (ring) */
	int head, tail;
	char *rbuf;
	size_t rlen;
	const char *slow_msg;
	size_t slow_pos;
	uint64_t next_action;
	int dead;
};

static const char *host = "127.0.0.1";
static int port = 3493;
static int nconns = 1;
static double duration = 5;
static int depth = 1;
static const char *ups = "dummy";
static const char *var = "ups.status";
static int ndev = 0;
static long interval_us = 0;
static long file_interval_ms = 100;
static unsigned seed = 1;
static const char *file = NULL;
static double slow_share = 0.1, garbage_share = 0.1;

static int ep;
static uint64_t ok, errors, connect_errors, closed_by_server, bytes_in;
static uint32_t *samples;
static size_t nsamples;
static char *expected;       /* first GET reply */
static size_t expected_len;
static int expected_list = -1;
static uint64_t t_end;
static int measuring = 1;

static uint64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + ts.tv_nsec / 1000;
}

static uint64_t wall_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + ts.tv_nsec / 1000;
}

static void sample(uint64_t us)
{
	if (nsamples < MAXSAMPLES) samples[nsamples++] = us > 0xffffffffu ? 0xffffffffu : (uint32_t)us;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static double pct(double p)
{
	if (!nsamples) return 0;
	size_t i = (size_t)(p * (nsamples - 1) + 0.5);
	return samples[i];
}

static void fail(struct conn *c, const char *why, const char *line, size_t len)
{
	errors++;
	if (errors <= 5)
		fprintf(stderr, "error (%s): %.*s\n", why, (int)(len > 200 ? 200 : len), line ? line : "");
	(void)c;
}

static int open_conn(struct conn *c)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	inet_pton(AF_INET, host, &sa.sin_addr);
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) { perror("socket"); exit(2); }
	int one = 1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	c->connected = 0;
	c->inflight = 0;
	c->head = c->tail = 0;
	c->rlen = 0;
	c->in_list = 0;
	c->list_lines = 0;
	c->dead = 0;
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != EINPROGRESS) {
		connect_errors++;
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.ptr = c };
	epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
	return 0;
}

static void close_conn(struct conn *c)
{
	if (c->fd >= 0) {
		epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
		close(c->fd);
	}
	c->fd = -1;
	c->dead = 1;
}

static int send_all(struct conn *c, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EAGAIN) {
				/* the server stopped reading: our requests are tiny, so this only happens to abusers */
				return -1;
			}
			return -1;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

static char reqbuf[512];

static const char *device_name(struct conn *c)
{
	static char name[128];
	if (ndev <= 0) return ups;
	snprintf(name, sizeof name, "%s%d", ups, c->dev + 1);
	c->dev = (c->dev + 1) % ndev;
	return name;
}

static int send_request(struct conn *c, const char *mode)
{
	int n;
	if (!strcmp(mode, "list")) n = snprintf(reqbuf, sizeof reqbuf, "LIST VAR %s\n", device_name(c));
	else if (!strcmp(mode, "listups")) n = snprintf(reqbuf, sizeof reqbuf, "LIST UPS\n");
	else n = snprintf(reqbuf, sizeof reqbuf, "GET VAR %s %s\n", ups, var);
	c->sent_at[c->head] = now_us();
	c->head = (c->head + 1) % 64;
	c->inflight++;
	return send_all(c, reqbuf, n);
}

static void complete(struct conn *c)
{
	uint64_t t = now_us();
	uint64_t start = c->sent_at[c->tail];
	c->tail = (c->tail + 1) % 64;
	c->inflight--;
	if (measuring) {
		ok++;
		sample(t - start);
	}
}

/* --- per-mode line handling; returns 0 to keep going, -1 to close the connection ---------------------- */

static const char *mode;
static uint64_t last_stamp;
static uint64_t prop_changes;

static int on_get_line(struct conn *c, const char *line, size_t len)
{
	if (c->inflight <= 0) { fail(c, "unsolicited", line, len); return -1; }
	if (!expected) {
		char prefix[256];
		int pn = snprintf(prefix, sizeof prefix, "VAR %s %s \"", ups, var);
		if (len < (size_t)pn + 1 || memcmp(line, prefix, pn) || line[len - 1] != '"') {
			fail(c, "bad GET reply", line, len);
			return -1;
		}
		expected = malloc(len);
		memcpy(expected, line, len);
		expected_len = len;
	} else if (len != expected_len || memcmp(line, expected, len)) {
		fail(c, "GET reply differs", line, len);
		complete(c);
		return 0;
	}
	complete(c);
	return 0;
}

static int on_list_line(struct conn *c, const char *line, size_t len)
{
	int is_ups = !strcmp(mode, "listups");
	if (c->inflight <= 0) { fail(c, "unsolicited", line, len); return -1; }
	if (!c->in_list) {
		if (len < 10 || memcmp(line, "BEGIN LIST ", 11)) { fail(c, "no BEGIN", line, len); return -1; }
		c->in_list = 1;
		c->list_lines = 0;
		return 0;
	}
	if (len >= 9 && !memcmp(line, "END LIST ", 9)) {
		c->in_list = 0;
		if (is_ups) {
			if (ndev > 0 && c->list_lines != ndev) fail(c, "LIST UPS count", line, len);
		} else if (ndev <= 0) {
			if (expected_list < 0) expected_list = c->list_lines;
			else if (expected_list != c->list_lines) fail(c, "LIST VAR count changed", line, len);
		}
		if (c->list_lines == 0) fail(c, "empty list", line, len);
		complete(c);
		return 0;
	}
	const char *want = is_ups ? "UPS " : "VAR ";
	if (len < 5 || memcmp(line, want, 4) || line[len - 1] != '"') { fail(c, "bad list line", line, len); return -1; }
	c->list_lines++;
	return 0;
}

static int on_poller_line(struct conn *c, const char *line, size_t len)
{
	if (c->inflight <= 0) { fail(c, "unsolicited", line, len); return -1; }
	char prefix[256];
	int pn = snprintf(prefix, sizeof prefix, "VAR %s %s \"", ups, var);
	if (len < (size_t)pn + 1 || memcmp(line, prefix, pn) || line[len - 1] != '"') {
		fail(c, "bad poll reply", line, len);
		complete(c);
		return 0;
	}
	if (!strcmp(mode, "prop")) {
		uint64_t stamp = strtoull(line + pn, NULL, 10);
		uint64_t t = wall_us();
		c->tail = (c->tail + 1) % 64;
		c->inflight--;
		if (stamp != last_stamp) {
			if (last_stamp != 0 && measuring) {
				sample(t > stamp ? t - stamp : 0);
				prop_changes++;
			}
			last_stamp = stamp;
		}
		ok++;
		return 0;
	}
	complete(c);
	return 0;
}

static int on_line(struct conn *c, const char *line, size_t len)
{
	if (c->kind == K_POLLER) return on_poller_line(c, line, len);
	if (c->kind != K_LOAD) return 0; /* abusers: whatever comes back (ERR lines) is ignored */
	if (!strcmp(mode, "get") || !strcmp(mode, "churn")) return on_get_line(c, line, len);
	return on_list_line(c, line, len);
}

static void on_readable(struct conn *c)
{
	for (;;) {
		ssize_t n = recv(c->fd, c->rbuf + c->rlen, BUFSZ - c->rlen, 0);
		if (n < 0) {
			if (errno == EAGAIN) return;
			n = 0;
		}
		if (n == 0) {
			if (c->kind == K_LOAD || c->kind == K_POLLER) {
				if (measuring) fail(c, "connection closed by server", "", 0);
			} else {
				closed_by_server++;
			}
			close_conn(c);
			return;
		}
		bytes_in += n;
		c->rlen += n;
		size_t start = 0;
		for (size_t i = 0; i < c->rlen; i++) {
			if (c->rbuf[i] != '\n') continue;
			if (on_line(c, c->rbuf + start, i - start) < 0) { close_conn(c); return; }
			start = i + 1;
		}
		memmove(c->rbuf, c->rbuf + start, c->rlen - start);
		c->rlen -= start;
		if (c->rlen == BUFSZ) { fail(c, "line too long", c->rbuf, 80); close_conn(c); return; }
	}
}

static struct conn *conns;

static void top_up(struct conn *c)
{
	if (c->kind != K_LOAD || !c->connected || c->dead) return;
	if (!strcmp(mode, "churn")) return; /* one request per connection, sent on connect */
	int want = (!strcmp(mode, "get")) ? depth : 1;
	if (c->inflight == 0 && want > 1) {
		/* pipelined: send the whole batch in one write */
		static char batch[64 * 128];
		size_t off = 0;
		for (int i = 0; i < want; i++) {
			int n = snprintf(batch + off, sizeof batch - off, "GET VAR %s %s\n", ups, var);
			c->sent_at[c->head] = now_us();
			c->head = (c->head + 1) % 64;
			c->inflight++;
			off += n;
		}
		if (send_all(c, batch, off) < 0) { fail(c, "send", "", 0); close_conn(c); }
		return;
	}
	while (c->inflight < want)
		if (send_request(c, mode) < 0) { fail(c, "send", "", 0); close_conn(c); return; }
}

static const char *garbage_line(void)
{
	static char buf[300];
	int len = 20 + rand() % 250;
	for (int i = 0; i < len; i++) buf[i] = (char)(rand() % 256);
	buf[len] = 0;
	return buf;
}

static void write_stamp_file(void)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", file);
	FILE *f = fopen(tmp, "w");
	if (!f) { perror(tmp); exit(2); }
	fprintf(f, "ups.status: OL\nbench.stamp: %llu\n", (unsigned long long)wall_us());
	fclose(f);
	rename(tmp, file);
}

static void usage(void)
{
	fprintf(stderr, "usage: loadgen get|list|listups|churn|idle|prop|soak [-H host] [-p port] [-c conns] [-d secs]\n"
			"        [-P depth] [-u ups] [-v var] [-n devices] [-i interval_us] [-I file_interval_ms] [-f devfile]\n"
			"        [-S slow_share] [-G garbage_share] [-s seed] [-w warmup_secs]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 2) usage();
	mode = argv[1];
	double warmup = 0.5;
	int opt;
	optind = 2;
	while ((opt = getopt(argc, argv, "H:p:c:d:P:u:v:n:i:I:f:S:G:s:w:")) != -1) {
		switch (opt) {
		case 'H': host = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'c': nconns = atoi(optarg); break;
		case 'd': duration = atof(optarg); break;
		case 'P': depth = atoi(optarg); if (depth < 1 || depth > 60) usage(); break;
		case 'u': ups = optarg; break;
		case 'v': var = optarg; break;
		case 'n': ndev = atoi(optarg); break;
		case 'i': interval_us = atol(optarg); break;
		case 'I': file_interval_ms = atol(optarg); break;
		case 'f': file = optarg; break;
		case 'S': slow_share = atof(optarg); break;
		case 'G': garbage_share = atof(optarg); break;
		case 's': seed = (unsigned)atoi(optarg); break;
		case 'w': warmup = atof(optarg); break;
		default: usage();
		}
	}
	srand(seed);
	signal(SIGPIPE, SIG_IGN);
	struct rlimit rl = { 65536, 65536 };
	setrlimit(RLIMIT_NOFILE, &rl);
	samples = malloc(sizeof(uint32_t) * MAXSAMPLES);
	ep = epoll_create1(0);

	int is_soak = !strcmp(mode, "soak"), is_prop = !strcmp(mode, "prop"), is_idle = !strcmp(mode, "idle");
	int total = (is_prop ? 1 : nconns) + (is_soak ? 1 : 0);
	conns = calloc(total, sizeof *conns);
	for (int i = 0; i < total; i++) {
		struct conn *c = &conns[i];
		c->rbuf = malloc(BUFSZ);
		c->dev = ndev > 0 ? i % ndev : 0;
		c->kind = K_LOAD;
		if (is_prop) c->kind = K_POLLER;
		if (is_idle) c->kind = K_IDLE;
		if (is_soak) {
			if (i == 0) c->kind = K_POLLER;
			else {
				double r = (double)rand() / RAND_MAX;
				c->kind = r < slow_share ? K_SLOW : r < slow_share + garbage_share ? K_GARBAGE : K_IDLE;
			}
		}
		if (open_conn(c) < 0) c->dead = 1;
	}
	if (file) write_stamp_file();

	struct epoll_event evs[512];
	uint64_t t0 = now_us();
	measuring = warmup <= 0;
	uint64_t t_measure = t0 + (uint64_t)(warmup * 1e6);
	t_end = t_measure + (uint64_t)(duration * 1e6);
	uint64_t next_file = t0 + file_interval_ms * 1000, next_tick = t0;
	int announced = 0;
	uint64_t measure_started = 0;
	if (measuring) measure_started = t0;

	for (;;) {
		uint64_t t = now_us();
		if (!measuring && t >= t_measure) { measuring = 1; measure_started = t; }
		if (t >= t_end) break;
		int timeout = 100;
		if (is_prop || is_soak) timeout = 1;
		int n = epoll_wait(ep, evs, 512, timeout);
		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;
			if (c->dead) continue;
			if (!c->connected && (evs[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
				int err = 0;
				socklen_t el = sizeof err;
				getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
				if (err) {
					connect_errors++;
					close_conn(c);
					if (!strcmp(mode, "churn")) open_conn(c);
					continue;
				}
				c->connected = 1;
				struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.ptr = c };
				epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
				if (c->kind == K_LOAD) {
					if (!strcmp(mode, "churn")) {
						if (send_request(c, "get") < 0) { fail(c, "send", "", 0); close_conn(c); }
					} else top_up(c);
				}
				if (c->kind == K_SLOW) { c->slow_msg = "GET VAR dummy ups.status\n"; c->slow_pos = 0; c->next_action = t + 1000000; }
				if (c->kind == K_GARBAGE) c->next_action = t + (rand() % 1000) * 1000;
				if (c->kind == K_POLLER) c->next_action = t;
			}
			if (c->dead || c->fd < 0) continue;
			if (evs[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
				on_readable(c);
				if (c->dead) {
					if (!strcmp(mode, "churn") && c->kind == K_LOAD) open_conn(c);
					continue;
				}
				if (!strcmp(mode, "churn") && c->inflight == 0 && c->connected) {
					close_conn(c);
					open_conn(c);
					continue;
				}
				top_up(c);
			}
		}
		t = now_us();
		if (is_idle && !announced) {
			int up = 0;
			for (int i = 0; i < total; i++) up += conns[i].connected && !conns[i].dead;
			if (up == total) { fprintf(stderr, "ready\n"); announced = 1; }
		}
		if (file && t >= next_file) { write_stamp_file(); next_file = t + file_interval_ms * 1000; }
		if (is_prop || is_soak) {
			if (t >= next_tick) {
				next_tick = t + 1000;
				for (int i = 0; i < total; i++) {
					struct conn *c = &conns[i];
					if (c->dead || !c->connected || t < c->next_action) continue;
					if (c->kind == K_POLLER && c->inflight == 0) {
						if (send_request(c, "get") < 0) { fail(c, "send", "", 0); close_conn(c); continue; }
						c->next_action = t + interval_us;
					} else if (c->kind == K_SLOW) {
						if (send_all(c, c->slow_msg + c->slow_pos, 1) < 0) { closed_by_server++; close_conn(c); continue; }
						c->slow_pos = (c->slow_pos + 1) % strlen(c->slow_msg);
						c->next_action = t + 1000000;
					} else if (c->kind == K_GARBAGE) {
						const char *g = garbage_line();
						if (send_all(c, g, strlen(g)) < 0) { closed_by_server++; close_conn(c); continue; }
						c->next_action = t + 200000 + rand() % 800000;
					}
				}
			}
			if (is_prop && interval_us == 0) {
				struct conn *c = &conns[0];
				if (!c->dead && c->connected && c->inflight == 0 && send_request(c, "get") < 0) { fail(c, "send", "", 0); close_conn(c); }
			}
		}
	}
	double secs = (now_us() - (measure_started ? measure_started : t0)) / 1e6;
	int open_at_end = 0, abusers = 0, abusers_open = 0;
	for (int i = 0; i < total; i++) {
		if (!conns[i].dead) open_at_end++;
		if (conns[i].kind == K_SLOW || conns[i].kind == K_GARBAGE || (is_soak && conns[i].kind == K_IDLE)) {
			abusers++;
			abusers_open += !conns[i].dead;
		}
	}
	qsort(samples, nsamples, sizeof *samples, cmp_u32);
	double mean = 0;
	for (size_t i = 0; i < nsamples; i++) mean += samples[i];
	if (nsamples) mean /= nsamples;
	printf("mode=%s conns=%d ok=%llu errors=%llu connect_errors=%llu secs=%.3f rate=%.1f p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f mean_us=%.0f",
	       mode, nconns, (unsigned long long)ok, (unsigned long long)errors, (unsigned long long)connect_errors, secs,
	       ok / secs, pct(0.5), pct(0.9), pct(0.99), nsamples ? (double)samples[nsamples - 1] : 0, mean);
	if (is_prop) printf(" changes=%llu", (unsigned long long)prop_changes);
	if (is_soak || is_idle) printf(" open_at_end=%d abusive=%d abusive_open=%d closed_by_server=%llu", open_at_end, abusers, abusers_open,
				      (unsigned long long)closed_by_server);
	if (expected_list >= 0) printf(" list_lines=%d", expected_list);
	printf("\n");
	return errors ? 1 : 0;
}
