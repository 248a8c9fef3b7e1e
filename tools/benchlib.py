"""Shared helpers of the benchmarks (tools/bench-cluster, tools/bench-web): per-process CPU and RSS from /proc, the generated stream's facts, and a
paced report-query client (pyzmq DEALER, LS1 framing of docs/cluster.md "Queries on --query").

Stdlib + pyzmq only. Nothing here starts or stops a server process.
"""
import collections
import datetime
import json
import math
import os
import statistics
import struct
import threading
import time

TICK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- /proc

def cpu_seconds(pid):
    """user + sys CPU of a live process so far (utime + stime of /proc/PID/stat), or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_bytes(pid):
    """VmRSS of /proc/PID/status in bytes, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return None


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def resolve(pid, name="leadstream"):
    """The `name` process that is `pid` or its only descendant (a `setsid` wrapper that forked)."""
    seen = 0
    while pid and comm(pid) != name and seen < 3:
        kids = children(pid)
        pid = kids[0] if len(kids) == 1 else None
        seen += 1
    return pid if pid and comm(pid) == name else None


def snapshot_cpu(pids):
    return {name: cpu_seconds(pid) for name, pid in pids.items()}


def snapshot_rss(pids):
    return {name: rss_bytes(pid) for name, pid in pids.items()}


def wait_with_rusage(proc, timeout):
    """Reaps `proc` (a Popen) with os.wait4 so its own CPU is known: (returncode, user+sys seconds).
    Raises TimeoutError past `timeout` s (the process is still running then)."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, ru.ru_utime + ru.ru_stime
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.02)


# ---------------------------------------------------------------- the generated stream

def stream_facts(path):
    """What the generated NDJSON stream leaves behind, every line being accepted (load's final check says so):
    accepted events per account (retries, i.e. repeated event ids, excluded), live leads (created and not
    deleted, per account and lead id), each account's first event day (UTC)."""
    ids = set()
    accepted = collections.Counter()
    live = set()
    first_day = {}
    with open(path, "rb") as f:
        for line in f:
            if not line.strip():
                continue
            e = json.loads(line)
            if e["event_id"] in ids:
                continue
            ids.add(e["event_id"])
            account = e["account"]
            accepted[account] += 1
            kind = e["type"]
            if kind == "lead.created":
                live.add((account, e["lead_id"]))
                if account not in first_day:
                    t = datetime.datetime.fromisoformat(e["occurred_at"].replace("Z", "+00:00"))
                    first_day[account] = t.astimezone(datetime.timezone.utc).date()
            elif kind == "lead.deleted":
                live.discard((account, e["lead_id"]))
    return {"accepted": dict(accepted), "live_leads": len(live), "first_day": first_day,
            "busiest": accepted.most_common(1)[0][0] if accepted else None}


def query_plan(account, first_day):
    """The five report kinds timed under load, on periods that get data from the stream's second day on."""
    day = first_day + datetime.timedelta(days=1)
    year, week, _ = day.isocalendar()
    w, m, d = f"{year}-W{week:02d}", f"{day.year}-{day.month:02d}", day.isoformat()
    p = lambda period, **more: dict({"account": account, "period": period}, **more)
    return [
        ("exec_week", "executive", p(w)),
        ("exec_month", "executive", p(m)),
        ("dash_summary_month", "dashboard", p(m)),
        ("dash_list_page", "dashboard", p(m, view="list", limit="50")),
        ("widget_day", "widget", p(d)),
    ]


# ---------------------------------------------------------------- report queries

class QueryClient:
    """One DEALER on the aggregator's --query endpoint; one request at a time."""

    def __init__(self, endpoint, timeout_s=2.0):
        import zmq
        self.zmq = zmq
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(endpoint)
        self.timeout_ms = int(timeout_s * 1000)
        self.next_id = 1

    def close(self):
        self.sock.close(0)
        self.ctx.term()

    def ask(self, kind, parameters):
        """-> (seconds, error or None, as_of seq or None)."""
        rid = self.next_id
        self.next_id += 1
        body = json.dumps({"kind": kind, "parameters": parameters, "format": "json"}).encode()
        t0 = time.perf_counter()
        self.sock.send_multipart([b"LS1", b"report", struct.pack(">Q", rid), body])
        deadline = t0 + self.timeout_ms / 1000
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or not self.sock.poll(max(1, int(left * 1000))):
                return time.perf_counter() - t0, "timeout", None
            frames = self.sock.recv_multipart()
            took = time.perf_counter() - t0
            if len(frames) != 4 or frames[0] != b"LS1" or len(frames[2]) != 8:
                return took, f"malformed reply ({len(frames)} frames)", None
            if struct.unpack(">Q", frames[2])[0] != rid:
                continue  # a late reply to an earlier, timed-out request
            if frames[1] == b"error":
                return took, "error " + frames[3][:200].decode(errors="replace"), None
            if frames[1] != b"report" or not frames[3]:
                return took, f"unexpected verb {frames[1][:20]!r}", None
            status, out = frames[3][0], frames[3][1:]
            try:
                report = json.loads(out)
            except ValueError:
                return took, f"status {status}, body not JSON", None
            if status != 0:
                return took, f"status {status}: {out[:200].decode(errors='replace')}", None
            if report.get("report") != kind:
                return took, f"a {report.get('report')!r} report for a {kind} request", None
            return took, None, (report.get("as_of") or {}).get("seq")


def summarize(samples):
    """[(label, seconds, error)] -> {label: {"n", "errors", "p50_ms", "p99_ms", "first_error"}}, plus "all"."""
    out = {}
    groups = collections.defaultdict(list)
    for label, took, err in samples:
        groups[label].append((took, err))
        groups["all"].append((took, err))
    for label, xs in groups.items():
        ok = sorted(t * 1000 for t, e in xs if e is None)
        errors = [e for _, e in xs if e is not None]
        out[label] = {"n": len(xs), "errors": len(errors), "first_error": errors[0] if errors else None,
                      "p50_ms": percentile(ok, 50), "p99_ms": percentile(ok, 99)}
    return out


def percentile(sorted_ms, p):
    if not sorted_ms:
        return None
    k = max(0, min(len(sorted_ms) - 1, math.ceil(p / 100 * len(sorted_ms)) - 1))  # nearest rank
    return sorted_ms[k]


class PacedQueries(threading.Thread):
    """Asks the plan's queries round-robin at `rate` per second, one at a time, while a load runs.

    Runs until `stop()`, or until the busiest account's executive answers reach `final_seq` (the load's
    ingest is over: from then on the load times its own queries at rest, which this must not disturb).
    A query counts as "under load" when it was sent between the first and the last answer whose as_of.seq
    was above 0 and below `final_seq` (the account's events were still arriving)."""

    def __init__(self, endpoint, plan, rate, final_seq, max_seconds):
        super().__init__(daemon=True)
        self.endpoint, self.plan, self.rate, self.final_seq = endpoint, plan, rate, final_seq
        self.max_seconds = max_seconds
        self._halt = threading.Event()
        self.records = []  # (sent_at, label, seconds, error, seq)
        self.exception = None

    def stop(self):
        self._halt.set()

    def run(self):
        try:
            client = QueryClient(self.endpoint)
        except Exception as e:  # noqa: BLE001 (reported by the caller)
            self.exception = e
            return
        try:
            interval = 1 / self.rate
            start = time.perf_counter()
            next_at = start
            i = 0
            while not self._halt.is_set() and time.perf_counter() - start < self.max_seconds:
                delay = next_at - time.perf_counter()
                if delay > 0 and self._halt.wait(delay):
                    break
                label, kind, params = self.plan[i % len(self.plan)]
                sent = time.perf_counter()
                took, err, seq = client.ask(kind, params)
                self.records.append((sent, label, took, err, seq))
                i += 1
                if kind == "executive" and seq is not None and seq >= self.final_seq:
                    break
                next_at = max(next_at + interval, time.perf_counter())  # steady pace, never a burst
        finally:
            client.close()

    def under_load(self):
        busy = [r[0] for r in self.records if r[4] is not None and 0 < r[4] < self.final_seq]
        if not busy:
            return []
        lo, hi = min(busy), max(busy)
        return [(label, took, err) for sent, label, took, err, _ in self.records if lo <= sent <= hi]

    def errors(self):
        """Every failed query of the run, in or out of the window: (label, error)."""
        return [(r[1], r[3]) for r in self.records if r[3] is not None]


def idle_queries(endpoint, plan, per_kind):
    """`per_kind` queries of each plan entry, back to back, one at a time, at rest."""
    client = QueryClient(endpoint)
    samples = []
    try:
        for i in range(per_kind * len(plan)):
            label, kind, params = plan[i % len(plan)]
            took, err, _ = client.ask(kind, params)
            samples.append((label, took, err))
    finally:
        client.close()
    return summarize(samples)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
