#!/usr/bin/env python3
"""caselib -- the project's own case set: a generated stream, the questions a user asks of it, and the
offline answers of the binary, so the process tests need nothing beside the repository.

    tools/caselib.py make  [--bin BIN] [--dir DIR] [--events N] [--accounts K] [--seed S] [--jobs J]
    tools/caselib.py check [--bin BIN] [--dir DIR] (--online | --attach INGEST,QUERY) [--jobs J] [--verbose]
                           [--send-only | --no-send]

make   writes a case directory (default .build/test-cases/generated, ignored by git): events.ndjson from
       tools/gen-events (invalid lines and client retries included), cases.json (one case per question:
       the three reports over every period form -- day, week, month, quarter, year, range, relative ones
       with --now -- every account and one never seen, the dashboard's views, filters, history, list pages
       and CSV, text and SVG formats, usage errors) and expected/ (what `BIN report … --events` prints and
       its exit status, the rejected lines of the stream). The layout is the one of the contract's fixture
       folders, so every script that walks those walks this one too. An existing directory made by the
       same binary with the same options is reused (its stamp.json says so).
check  sends events.ndjson to a system -- `BIN run` started on free ports (--online), or one already
       running (--attach, e.g. a cluster) -- and asks every case with `--query` instead of `--events`:
       stdout, exit status and usage errors equal the offline answers (as_of included: every event was
       acknowledged before the first question), list pages followed cursor by cursor, and send's rejected
       lines, exit status and summary equal offline mode's. With --attach, `--send-only` does only the send
       and its check, `--no-send` only the questions (the stream already sent, e.g. by a `--send-only` run
       that something else had to happen during: tools/test-netns cuts a host's link meanwhile).

Prints `FAIL case: why` per failing case and a last line `N passed, M failed`; exits 1 on a failure, 2 on a
usage error. Standard library only; importable (make_cases, check_cases, Case) by the other tools.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DEFAULT_DIR = os.path.join(ROOT, ".build", "test-cases", "generated")
EVENTS = "events.ndjson"
REJECTED = "expected/rejected.txt"
LINE = re.compile(r"^line (\d+): (\S+) (\S+):(?: |$)")
USAGE = re.compile(r"leadstream: error: (\S+): ")
# The moment relative periods are resolved against: fixed, so the answers do not depend on the clock.
NOW = "2026-11-20T16:30:00Z"


# ---------------------------------------------------------------- the questions

def questions(accounts):
    """[(name, report args without --events)]: what a user of the three reports asks, over every period
    form, for every account of the stream and one never seen; `accounts[0]` is the busiest."""
    a = accounts[0]
    qs = []
    for acct in accounts + ["nobody"]:
        for period in ("2026-10", "2026-W44", "2026-Q4", "2026"):
            qs.append((f"exec-{acct}-{period}", ["executive", "--account", acct, "--period", period]))
        qs.append((f"widget-{acct}-2026-10", ["widget", "--account", acct, "--period", "2026-10"]))
        qs.append((f"dash-{acct}-2026-11", ["dashboard", "--account", acct, "--period", "2026-11"]))
    periods = ["2026-10-15", "2026-W53", "2026-10-01..2026-10-15", "2026-09-30..2026-09-30"]
    periods += ["today", "yesterday", "this_week", "last_week", "this_month", "last_month", "this_quarter",
                "last_quarter", "this_year", "last_year"]
    for period in periods:
        now = ["--now", NOW] if not period[0].isdigit() else []
        qs.append((f"exec-{a}-{period}", ["executive", "--account", a, "--period", period, *now]))
    qs += [
        ("exec-office", ["executive", "--account", a, "--period", "2026-10", "--office", "o1"]),
        ("exec-text", ["executive", "--account", a, "--period", "2026-W44", "--format", "text"]),
        ("exec-now-offset", ["executive", "--account", a, "--period", "last_month", "--now", "2026-12-01T01:00:00+09:00"]),
        ("dash-history", ["dashboard", "--account", a, "--period", "2026-10", "--history"]),
        ("dash-tree", ["dashboard", "--account", a, "--period", "2026-W44", "--view", "tree"]),
        ("dash-tree-history", ["dashboard", "--account", a, "--period", "2026-W44", "--view", "tree", "--history"]),
        ("dash-list-pages", ["dashboard", "--account", a, "--period", "2026-10", "--view", "list", "--limit", "150"]),
        ("dash-list-history-pages", ["dashboard", "--account", a, "--period", "2026-W44", "--view", "list",
                                     "--history", "--limit", "40"]),
        ("dash-list-csv", ["dashboard", "--account", a, "--period", "2026-W44", "--view", "list", "--format", "csv"]),
        ("dash-lead-type", ["dashboard", "--account", a, "--period", "2026-10", "--lead-type", "advisor"]),
        ("dash-no-campaign", ["dashboard", "--account", a, "--period", "2026-10", "--campaign", ""]),
        ("dash-campaign", ["dashboard", "--account", a, "--period", "2026-10", "--campaign", "google-ads"]),
        ("dash-office", ["dashboard", "--account", a, "--period", "2026-Q4", "--office", "o2"]),
        ("dash-unassigned", ["dashboard", "--account", a, "--period", "2026-10", "--user", ""]),
        ("dash-source", ["dashboard", "--account", a, "--period", "2026-10", "--source", "web_chat", "--view", "list"]),
        ("dash-text", ["dashboard", "--account", a, "--period", "2026-W44", "--format", "text"]),
        ("widget-day", ["widget", "--account", a, "--period", "2026-10-15"]),
        ("widget-week", ["widget", "--account", a, "--period", "2026-W44"]),
        ("widget-today", ["widget", "--account", a, "--period", "today", "--now", NOW]),
        ("widget-svg", ["widget", "--account", a, "--period", "2026-10", "--format", "svg"]),
        ("widget-text", ["widget", "--account", a, "--period", "2026-10", "--format", "text"]),
        # Usage errors: the same code online as offline.
        ("bad-week", ["executive", "--account", a, "--period", "2026-W54"]),
        ("bad-range", ["executive", "--account", a, "--period", "2026-10-15..2026-10-01"]),
        ("widget-quarter", ["widget", "--account", a, "--period", "2026-Q4"]),
        ("bad-limit", ["dashboard", "--account", a, "--period", "2026-10", "--view", "list", "--limit", "0"]),
        ("option-not-of-report", ["widget", "--account", a, "--period", "2026-10", "--office", "o1"]),
    ]
    return qs


def accounts_of(events_path):
    """The stream's accounts in order of first appearance (gen-events writes the busiest first)."""
    out = []
    with open(events_path, "rb") as f:
        for raw in f:
            try:
                acct = json.loads(raw).get("account")
            except (ValueError, AttributeError):
                continue
            if isinstance(acct, str) and acct not in out:
                out.append(acct)
    return out


# ---------------------------------------------------------------- running the binary

def run(binary, args, cwd, timeout=300, stdin=None):
    """(exit status, stdout, stderr) of `binary args` in `cwd`."""
    p = subprocess.run([binary, *args], cwd=cwd, capture_output=True, timeout=timeout, stdin=stdin or subprocess.DEVNULL)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def triples(stderr):
    """The (line, CODE, FIELD) of every rejected line printed on stderr."""
    return sorted((int(m[1]), m[2], m[3]) for m in map(LINE.match, stderr.splitlines()) if m)


def usage_code(stderr):
    m = USAGE.search(stderr)
    return m[1] if m else None


def next_cursor(stdout):
    try:
        doc = json.loads(stdout)
    except ValueError:
        return None
    return doc.get("next_cursor") if isinstance(doc, dict) else None


def pages(binary, args, cwd, limit=50):
    """Every page of a question: [(exit, stdout, stderr)], following next_cursor (at most `limit` pages)."""
    out, extra = [], []
    while len(out) < limit:
        code, stdout, stderr = run(binary, args + extra, cwd)
        out.append((code, stdout, stderr))
        cursor = next_cursor(stdout) if code == 0 else None
        if not cursor:
            break
        extra = ["--cursor", cursor]
    return out


# ---------------------------------------------------------------- make

def stamp_of(binary, opts):
    """What a case directory depends on: the binary (by size and time: a copy of it is the same binary),
    the generator, this file and the options."""
    h = hashlib.sha256()
    for path in (binary, os.path.join(ROOT, "tools", "gen-events"), os.path.abspath(__file__)):
        st = os.stat(path)
        h.update(f"{st.st_size}:{st.st_mtime_ns};".encode())
    h.update(json.dumps(opts, sort_keys=True).encode())
    return h.hexdigest()


def make_cases(binary, directory=DEFAULT_DIR, events=4000, accounts=4, seed=7, jobs=2, quiet=False):
    """Writes (or reuses) the case directory; returns its path."""
    binary = os.path.abspath(binary)
    opts = {"events": events, "accounts": accounts, "seed": seed}
    stamp = stamp_of(binary, opts)
    try:
        with open(os.path.join(directory, "stamp.json")) as f:
            if json.load(f).get("stamp") == stamp:
                return directory
    except (OSError, ValueError):
        pass
    parent = os.path.dirname(os.path.abspath(directory))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".cases-", dir=parent)
    try:
        write_cases(binary, tmp, opts, jobs)
        with open(os.path.join(tmp, "stamp.json"), "w") as f:
            json.dump({"stamp": stamp, "options": opts}, f)
        shutil.rmtree(directory, ignore_errors=True)
        os.rename(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if not quiet:
        with open(os.path.join(directory, "cases.json")) as f:
            n = len(json.load(f))
        print(f"caselib: {n} cases over {events} generated events in {directory}", file=sys.stderr)
    return directory


def write_cases(binary, d, opts, jobs):
    os.makedirs(os.path.join(d, "expected"))
    with open(os.path.join(d, EVENTS), "wb") as f:
        subprocess.run([os.path.join(ROOT, "tools", "gen-events"), "--events", str(opts["events"]),
                        "--accounts", str(opts["accounts"]), "--seed", str(opts["seed"]), "--invalid-rate", "0.01"],
                       stdout=f, check=True, timeout=300)
    qs = questions(accounts_of(os.path.join(d, EVENTS)))
    with ThreadPoolExecutor(jobs) as pool:
        answers = list(pool.map(lambda q: pages(binary, ["report", q[1][0], "--events", EVENTS, *q[1][1:]], d), qs))
    cases = []
    for (name, args), answer in zip(qs, answers):
        cases.append(case_of(d, name, args, answer))
    # The stream's rejected lines, as offline mode prints them: one case checks them (online: send's).
    rejected = [line for line in answers[0][0][2].splitlines() if LINE.match(line)]
    with open(os.path.join(d, REJECTED), "w") as f:
        f.write("".join(r + "\n" for r in rejected))
    cases[0]["expect_stderr_lines"] = REJECTED
    with open(os.path.join(d, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


def case_of(d, name, args, answer):
    """A case in the fixture folders' form (the contract's runner reads it) from its offline pages."""
    code, _, stderr = answer[0]
    full = args[:1] + ["--events", EVENTS] + args[1:]
    case = {"name": name, "args": ["report", *full], "exit": code}
    ext = {"csv": "csv", "text": "txt", "svg": "svg"}.get(args[args.index("--format") + 1] if "--format" in args else "", "json")
    files = []
    for n, (_, stdout, _) in enumerate(answer):
        if code == 2 or not stdout:
            break
        rel = f"expected/{name}{f'.p{n + 1}' if len(answer) > 1 else ''}.{ext}"
        with open(os.path.join(d, rel), "w") as f:
            f.write(stdout)
        files.append(rel)
    if len(files) > 1:
        case["expect_pages"] = files
    elif files and ext in ("json", "csv"):
        case["expect"] = files[0]
    elif files:
        case["expect_bytes"] = files[0]  # text and SVG: compared byte for byte here, not by the contract's runner
    if code == 2:
        case["expect_error_code"] = usage_code(stderr) or "?"
    return case


# ---------------------------------------------------------------- check

class Case:
    """One case of a case directory: its online args and what offline mode answered."""

    def __init__(self, d, c):
        self.d, self.name, self.exit = d, c["name"], c.get("exit", 0)
        args = c["args"][1:]
        i = args.index("--events")
        self.args = args[:i] + args[i + 2:]
        one = c.get("expect") or c.get("expect_bytes")
        self.pages = c.get("expect_pages") or ([one] if one else [])
        self.error = c.get("expect_error_code")
        self.rejected = c.get("expect_stderr_lines")

    def expected(self, rel):
        with open(os.path.join(self.d, rel)) as f:
            return f.read()

    def check(self, binary, query):
        """None, or the first difference between the online answers and the offline ones."""
        got = pages(binary, ["report", *self.args, "--query", query], self.d)
        code, _, stderr = got[0]
        if code != self.exit:
            return f"exit {code}, offline {self.exit}: {stderr.strip()[-200:]}"
        if self.error and usage_code(stderr) != self.error:
            return f"usage error {usage_code(stderr)}, offline {self.error}"
        if len(got) != max(1, len(self.pages)):
            return f"{len(got)} pages, offline {len(self.pages)}"
        for n, rel in enumerate(self.pages):
            d = same_output(self.expected(rel), got[n][1])
            if d:
                return f"page {n + 1}: {d}" if len(self.pages) > 1 else d
        return None


def same_output(want, got):
    """None when two outputs say the same: JSON equal but for the opaque cursor, other formats byte for byte."""
    try:
        w, g = json.loads(want), json.loads(got)
    except ValueError:
        return None if want == got else f"differs from offline: {got[:160]!r} vs {want[:160]!r}"
    if isinstance(w, dict) and isinstance(g, dict) and bool(w.get("next_cursor")) == bool(g.get("next_cursor")):
        w, g = dict(w, next_cursor=None), dict(g, next_cursor=None)
    if w == g:
        return None
    keys = [k for k in set(w) | set(g) if w.get(k) != g.get(k)] if isinstance(w, dict) and isinstance(g, dict) else []
    return f"differs from offline in {sorted(keys)[:6] or 'its value'}"


def load(d):
    with open(os.path.join(d, "cases.json")) as f:
        return [Case(d, c) for c in json.load(f) if c["args"][:1] == ["report"]]


def check_send(binary, d, ingest, cases, extra=()):
    """Sends the stream (`extra`: more `send` options); None, or how send's rejected lines, exit or summary differ
    from offline mode."""
    code, stdout, stderr = run(binary, ["send", EVENTS, "--ingest", ingest, *extra], d, timeout=600)
    want = [c for c in cases if c.rejected]
    lines = open(os.path.join(d, want[0].rejected)).read().splitlines() if want else []
    if triples("\n".join(lines)) != triples(stderr):
        return f"send: rejected lines differ from offline ({len(triples(stderr))} vs {len(lines)})"
    if code != (1 if lines else 0):
        return f"send: exit {code} ({'rejected lines' if lines else 'none rejected'}): {stderr.strip()[-200:]}"
    try:
        summary = json.loads(stdout)
    except ValueError:
        return f"send: no JSON summary on stdout: {stdout[:200]!r}"
    if summary.get("rejected") != len(lines):
        return f"send: summary says {summary.get('rejected')} rejected, offline {len(lines)}"
    return None


def check_cases(binary, d, ingest, query, jobs=2, verbose=False, out=sys.stdout, send=True, ask=True):
    """Sends the directory's stream to a running system and asks every case. Returns (passed, failed).
    `send=False`: the stream was sent already; `ask=False`: only the send and its check."""
    binary = os.path.abspath(binary)
    cases = load(d)
    if not wait_ready(binary, query, d):
        print(f"FAIL {os.path.basename(d)}: no answer on {query} within 60 s ({len(cases)} cases not run)", file=out)
        return 0, len(cases)
    passed = failed = 0
    if send:
        why = check_send(binary, d, ingest, cases)
        if why:
            print(f"FAIL {os.path.basename(d)}/send: {why}", file=out)
            failed += 1
        elif not ask:
            passed += 1   # counted only alone: with the questions, a good send is their premise
    if not ask:
        return passed, failed
    with ThreadPoolExecutor(jobs) as pool:
        for c, why in zip(cases, pool.map(lambda c: c.check(binary, query), cases)):
            if why:
                failed += 1
                print(f"FAIL {os.path.basename(d)}/{c.name}: {why}", file=out, flush=True)
            else:
                passed += 1
                if verbose:
                    print(f"ok   {os.path.basename(d)}/{c.name}", file=out)
    return passed, failed


def wait_ready(binary, query, d, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if run(binary, ["report", "executive", "--account", "__probe__", "--period", "2026-W01", "--query", query],
                   d, timeout=10)[0] == 0:
                return True
        except subprocess.TimeoutExpired:
            pass
        time.sleep(0.2)
    return False


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def check_online(binary, d, jobs=2, verbose=False):
    """check_cases against a fresh `BIN run` on free ports, stopped with SIGTERM (it must exit 0)."""
    p = free_ports(4)
    ingest, publish, query, http = (f"tcp://127.0.0.1:{p[0]}", f"tcp://127.0.0.1:{p[1]}", f"tcp://127.0.0.1:{p[2]}",
                                    f"127.0.0.1:{p[3]}")
    with tempfile.TemporaryDirectory(prefix="leadstream-caselib-") as tmp:
        log = open(os.path.join(tmp, "run.log"), "wb")
        proc = subprocess.Popen([binary, "run", "--data", os.path.join(tmp, "data"), "--ingest", ingest, "--publish",
                                 publish, "--query", query, "--http", http], stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            passed, failed = check_cases(binary, d, ingest, query, jobs, verbose)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                code = proc.wait()
            log.close()
        if code != 0:
            failed += 1
            print(f"FAIL {os.path.basename(d)}/shutdown: `run` exited {code} after SIGTERM: "
                  f"{open(os.path.join(tmp, 'run.log'), errors='replace').read()[-300:]}")
    return passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["make", "check"])
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug", "leadstream"))
    ap.add_argument("--dir", default=DEFAULT_DIR, help="the case directory (default %(default)s)")
    ap.add_argument("--events", type=int, default=4000)
    ap.add_argument("--accounts", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--online", action="store_true", help="check: against a fresh `BIN run`")
    ap.add_argument("--attach", metavar="INGEST,QUERY", help="check: against a running system (fresh state)")
    ap.add_argument("--send-only", action="store_true", help="check --attach: only send the stream and check the send")
    ap.add_argument("--no-send", action="store_true", help="check --attach: only the questions (the stream already sent)")
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()
    if not os.access(a.bin, os.X_OK):
        ap.error(f"no executable at {a.bin} (swift build first)")
    binary = os.path.abspath(a.bin)
    if a.command == "make":
        print(make_cases(binary, a.dir, a.events, a.accounts, a.seed, a.jobs))
        return 0
    if bool(a.online) == bool(a.attach):
        ap.error("check needs --online or --attach INGEST,QUERY")
    if not os.path.isfile(os.path.join(a.dir, "cases.json")):
        ap.error(f"{a.dir}: no cases.json (tools/caselib.py make first)")
    if a.send_only and a.no_send:
        ap.error("--send-only and --no-send exclude each other")
    if (a.send_only or a.no_send) and not a.attach:
        ap.error("--send-only and --no-send go with --attach")
    if a.online:
        passed, failed = check_online(binary, a.dir, a.jobs, a.verbose)
    else:
        ingest, query = a.attach.split(",")
        passed, failed = check_cases(binary, a.dir, ingest, query, a.jobs, a.verbose, send=not a.no_send,
                                     ask=not a.send_only)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
