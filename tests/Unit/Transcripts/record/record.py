#!/usr/bin/env python3
"""Records byte-exact client<->upsd transcripts from the REAL NUT 2.8.0 upsd.

Starts /lib/nut/upsd in the foreground for every transcript with a private configuration (three devices:
'fake' served by the scripted fake driver below, 'dummy' served by the real dummy-ups driver, 'nodrv' with no
driver), runs the request scripts of scripts.py and writes ../<name>.json. Also captures the DUMPALL output of
dummy-ups into ../dummy-ups.dump so the replay test can serve the same data without NUT installed.

Usage (as root): python3 record.py [transcript-name ...]
"""
import json, os, re, shutil, socket, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
UPSD = '/lib/nut/upsd'
DUMMY = '/lib/nut/dummy-ups'
QUIET = 0.25
ID_RE = re.compile(r'[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}')

sys.path.insert(0, HERE)
from scripts import TRANSCRIPTS  # noqa: E402


def tokenize(line):
    """Minimal NUT tokenizer for driver lines (quotes and backslashes)."""
    words, cur, inq, esc, have = [], '', False, False, False
    for ch in line:
        if esc:
            cur += ch; esc = False; continue
        if ch == '\\':
            esc = True; have = True; continue
        if inq:
            if ch == '"': inq = False
            else: cur += ch
            continue
        if ch == '"':
            inq = True; have = True; continue
        if ch in ' \t\r':
            if have: words.append(cur); cur = ''; have = False
            continue
        cur += ch; have = True
    if have: words.append(cur)
    return words


class FakeDriver:
    """Scripted driver speaking the driver socket protocol on STATEPATH/fakedrv-fake."""

    def __init__(self, path, dump):
        self.path, self.dump = path, dump
        self.stale = False
        self.conns = []
        self.received = []
        self.lock = threading.Lock()
        self.srv = None
        self.up()

    def up(self):
        if os.path.exists(self.path): os.unlink(self.path)
        self.srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.srv.bind(self.path); self.srv.listen(4)
        threading.Thread(target=self._accept, args=(self.srv,), daemon=True).start()

    def down(self):
        srv, self.srv = self.srv, None
        try: srv.close()
        except OSError: pass
        if os.path.exists(self.path): os.unlink(self.path)
        with self.lock:
            for c in self.conns:
                try: c.shutdown(socket.SHUT_RDWR); c.close()
                except OSError: pass
            self.conns = []

    def send_all(self, line):
        with self.lock:
            for c in self.conns:
                try: c.sendall((line + '\n').encode('latin-1'))
                except OSError: pass

    def set_stale(self, stale):
        self.stale = stale
        self.send_all('DATASTALE' if stale else 'DATAOK')

    def _accept(self, srv):
        while True:
            try: c, _ = srv.accept()
            except OSError: return
            with self.lock: self.conns.append(c)
            threading.Thread(target=self._serve, args=(c,), daemon=True).start()

    def _serve(self, c):
        buf = b''
        while True:
            try: data = c.recv(4096)
            except OSError: return
            if not data: return
            buf += data
            while b'\n' in buf:
                raw, buf = buf.split(b'\n', 1)
                line = raw.decode('latin-1')
                with self.lock: self.received.append(line)
                for reply in self.respond(tokenize(line)):
                    try: c.sendall((reply + '\n').encode('latin-1'))
                    except OSError: return

    def respond(self, w):
        return fake_driver_replies(w, self.dump, self.stale)


def fake_driver_replies(w, dump, stale):
    if not w: return []
    cmd = w[0].upper()
    if cmd == 'DUMPALL':
        return (['DATASTALE'] if stale else []) + dump + ([] if stale else ['DATAOK']) + ['DUMPDONE']
    if cmd == 'PING': return ['PONG']
    tid = w[w.index('TRACKING') + 1] if 'TRACKING' in w and w.index('TRACKING') + 1 < len(w) else None
    if tid is None: return []
    if cmd == 'SET':
        value = w[2] if len(w) > 2 else ''
        if value == 'nores': return []
        if value.startswith('r'): return ['TRACKING %s %s' % (tid, value[1:])]
        return ['TRACKING %s 0' % tid]
    if cmd == 'INSTCMD':
        name = w[1].lower()
        if name == 'beeper.toggle': return []
        if name == 'test.battery.start.quick': return ['TRACKING %s 3' % tid]
        return ['TRACKING %s 0' % tid]
    return []


def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p


def write(path, text):
    with open(path, 'w') as f: f.write(text)


def setup(tmp, port):
    conf, state = os.path.join(tmp, 'etc'), os.path.join(tmp, 'state')
    os.makedirs(conf); os.makedirs(state); os.chmod(state, 0o700)
    shutil.copy(os.path.join(OUT, 'ups.conf'), os.path.join(conf, 'ups.conf'))
    shutil.copy(os.path.join(OUT, 'upsd.users'), os.path.join(conf, 'upsd.users'))
    shutil.copy(os.path.join(OUT, 'dummy.dev'), os.path.join(conf, 'dummy.dev'))
    write(os.path.join(conf, 'upsd.conf'), 'LISTEN 127.0.0.1 %d\nMAXAGE 15\n' % port)
    write(os.path.join(conf, 'nut.conf'), 'MODE=standalone\n')
    env = dict(os.environ, NUT_CONFPATH=conf, NUT_STATEPATH=state, NUT_ALTPIDPATH=state)
    return conf, state, env


def read_reply(sock, timeout=QUIET):
    data = b''
    sock.settimeout(timeout)
    closed = False
    while True:
        try: chunk = sock.recv(65536)
        except socket.timeout: break
        except OSError: closed = True; break
        if not chunk: closed = True; break
        data += chunk
    return data, closed


def normalise(text):
    text = re.sub(r'upsd 2\.8\.0 - http://www\.networkupstools\.org/', 'upsd <VER> - <URL>', text)
    text = re.sub(r'(?i)(VAR \S+ server\.version )"2\.8\.0"', r'\1"<VER>"', text)
    return ID_RE.sub('<ID>', text)


def run_transcript(name, steps, dump):
    tmp = tempfile.mkdtemp(prefix='upsps-rec-')
    port = free_port()
    conf, state, env = setup(tmp, port)
    fake = FakeDriver(os.path.join(state, 'fakedrv-fake'), dump)
    dummy = subprocess.Popen([DUMMY, '-a', 'dummy', '-u', 'root', '-F'], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        if os.path.exists(os.path.join(state, 'dummy-ups-dummy')): break
        time.sleep(0.1)
    upsd = subprocess.Popen([UPSD, '-F', '-u', 'root'], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    conns, out, last_id = {}, [], None
    try:
        for _ in range(100):
            try: socket.create_connection(('127.0.0.1', port), 0.2).close(); break
            except OSError: time.sleep(0.1)
        time.sleep(1.0)  # let upsd connect to the drivers and receive the dumps

        def conn(n):
            if n not in conns: conns[n] = socket.create_connection(('127.0.0.1', port))
            return conns[n]

        for step in steps:
            kind = step['kind']
            if kind == 'driver':
                action = step['action']
                if action == 'stale': fake.set_stale(True)
                elif action == 'ok': fake.set_stale(False)
                elif action == 'down': fake.down()
                elif action == 'up': fake.up()
                out.append({'driver': 'fake', 'action': action})
                time.sleep(0.3)
                continue
            if kind == 'close':
                conns.pop(step['conn']).close()
                out.append({'conn': step['conn'], 'close': True})
                time.sleep(0.3)
                continue
            if kind == 'driver_got':
                with fake.lock: got = list(fake.received)
                expect = [l for l in got if l.split(' ')[0] in ('SET', 'INSTCMD')]
                line = expect[-1] if expect else ''
                if last_id: line = line.replace(last_id, '$ID')
                out.append({'driver_got': 'fake', 'line': line})
                continue
            send = step['send']
            raw = send.replace('$ID', last_id or '').replace('$id', (last_id or '').lower())
            s = conn(step['conn'])
            deadline = time.time() + 15
            while True:
                s.sendall(raw.encode('latin-1'))
                data, closed = read_reply(s)
                text = data.decode('latin-1')
                if step.get('until') is None or re.search(step['until'], text) or time.time() > deadline: break
                time.sleep(0.2)
            m = ID_RE.search(text)
            if m and text.startswith('OK TRACKING'): last_id = m.group(0)
            entry = {'conn': step['conn'], 'send': send, 'recv': normalise(text)}
            if step.get('until') is not None: entry['retry'] = True
            if closed: entry['closed'] = True
            out.append(entry)
    finally:
        for s in conns.values(): s.close()
        upsd.terminate(); dummy.terminate(); fake.down()
        log = upsd.communicate(timeout=5)[0].decode('latin-1', 'replace')
        dummy.wait(timeout=5)
        shutil.rmtree(tmp, ignore_errors=True)
    return out, log


def capture_dummy_dump():
    tmp = tempfile.mkdtemp(prefix='upsps-dump-')
    conf, state, env = setup(tmp, free_port())
    dummy = subprocess.Popen([DUMMY, '-a', 'dummy', '-u', 'root', '-F'], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        path = os.path.join(state, 'dummy-ups-dummy')
        for _ in range(50):
            if os.path.exists(path): break
            time.sleep(0.1)
        time.sleep(0.5)
        s = socket.socket(socket.AF_UNIX); s.connect(path); s.sendall(b'DUMPALL\n')
        data = b''
        s.settimeout(5)
        while b'DUMPDONE\n' not in data: data += s.recv(65536)
        s.close()
        lines = [l for l in data.decode('latin-1').split('\n')
                 if l and l.split(' ')[0] not in ('DUMPDONE', 'DATAOK', 'DATASTALE')]
        write(os.path.join(OUT, 'dummy-ups.dump'),
              '# DUMPALL output of the real NUT 2.8.0 dummy-ups for dummy.dev (recorded by record/record.py)\n'
              + '\n'.join(lines) + '\n')
    finally:
        dummy.terminate(); dummy.wait(timeout=5)
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    dump = [l for l in open(os.path.join(OUT, 'fake-driver.dump')).read().split('\n') if l and not l.startswith('#')]
    wanted = sys.argv[1:]
    capture_dummy_dump()
    for name, steps in TRANSCRIPTS:
        if wanted and name not in wanted: continue
        out, log = run_transcript(name, steps, dump)
        with open(os.path.join(OUT, name + '.json'), 'w') as f:
            json.dump({'name': name, 'recordedWith': 'NUT upsd 2.8.0 (Debian)', 'steps': out}, f, indent=1)
        print('recorded', name, len(out), 'steps')
        if os.environ.get('SHOW_LOG'): print(log)


if __name__ == '__main__':
    main()
