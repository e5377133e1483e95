#!/usr/bin/env python3
"""fengong.sqlite against the CSV files of the same run: the same rows in
the same order, typed columns, the documented keys unique, no orphans,
both PRAGMA checks, user_version = schema; byte-identical with -j1, -j2,
a rerun and shards merged.
usage: check_sqlite.py FENGONG SOURCE_DIR WORK"""
import csv, filecmp, os, shutil, sqlite3, subprocess, sys

fg, src, work = sys.argv[1:4]
inputs = [os.path.join(src, 'fixtures', d) for d in ('seeds', 'layout', 'traditional', 'real')]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL:', what)


def run(*args):
    p = subprocess.run([fg, '-q', *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    check(p.returncode in (0, 1), f'{args}: exit {p.returncode}: {p.stderr.decode()[:300]}')


out = os.path.join(work, 'j1')
run('-j', '1', '--format', 'csv,sqlite', '-o', out, *inputs)
for name, args in (('j2', ['-j', '2']), ('again', ['-j', '2'])):
    run(*args, '--format', 'csv,sqlite', '-o', os.path.join(work, name), *inputs)
for k in (1, 2):
    run('--shard', f'{k}/2', '--format', 'csv,sqlite', '-o', os.path.join(work, f'part{k}'), *inputs)
subprocess.run([fg, 'merge', '-q', '--format', 'csv,sqlite', '-o', os.path.join(work, 'merged'),
                os.path.join(work, 'part1'), os.path.join(work, 'part2')], check=True)
db_path = os.path.join(out, 'fengong.sqlite')
for name in ('j2', 'again', 'merged'):
    check(filecmp.cmp(db_path, os.path.join(work, name, 'fengong.sqlite'), shallow=False),
          f'fengong.sqlite of {name} differs from -j1')
check(not [f for f in os.listdir(out) if 'tmp' in f or f.endswith('-journal')], 'temporary files left')

BOOLS = {'open_list', 'implicit', 'inherited', 'review'}
INTS = {'measures', 'attributed', 'agencies', 'warnings', 'line', 'column', 'doc_seq', 'seq',
        'agency_seq', 'agency_order', 'schema'}
KEYS = {'documents': ['doc_id'], 'measures': ['doc_id', 'seq'],
        'assignments': ['doc_id', 'seq', 'agency_seq']}

db = sqlite3.connect(db_path)
check(db.execute('PRAGMA integrity_check').fetchall() == [('ok',)], 'integrity_check')
check(db.execute('PRAGMA foreign_key_check').fetchall() == [], 'foreign_key_check')
check(db.execute('PRAGMA application_id').fetchone()[0] == 0x46474E47, 'application_id')
check(db.execute('PRAGMA page_size').fetchone()[0] == 4096, 'page_size')
rows = {}
for table in KEYS:
    with open(os.path.join(out, table + '.csv'), newline='', encoding='utf-8') as f:
        data = list(csv.reader(f))
    header, body = data[0], data[1:]
    rows[table] = [dict(zip(header, r)) for r in body]
    cols = [r[1] for r in db.execute(f'PRAGMA table_info({table})')]
    check(cols == header, f'{table}: columns {cols} != CSV header {header}')
    got = db.execute(f'SELECT * FROM {table} ORDER BY rowid').fetchall()
    check(len(got) == len(body) and len(body) > 0, f'{table}: {len(got)} rows, CSV {len(body)}')
    for dbrow, csvrow in zip(got, body):
        as_csv = ['' if v is None else ('true' if v else 'false') if c in BOOLS else str(v)
                  for c, v in zip(header, dbrow)]
        if as_csv != csvrow:
            check(False, f'{table}: row differs: {dbrow[:4]} / {csvrow[:4]}')
            break
    for c in header:
        types = {t for (t,) in db.execute(f'SELECT DISTINCT typeof("{c}") FROM {table}')}
        want = {'integer'} if c in INTS or c in BOOLS else {'text'}
        if c == 'agency_order':
            want = {'integer', 'null'}
        if c == 'page':
            want = {'integer', 'null'}  # NULL: not a PDF
        if c == 'deadline_date':
            want = {'text', 'null'}  # NULL: a deadline with no date (持续推进) or none
        check(types <= want, f'{table}.{c}: typeof {types}, want {want}')
        if c in BOOLS:
            check(db.execute(f'SELECT count(*) FROM {table} WHERE "{c}" NOT IN (0, 1)').fetchone()[0] == 0,
                  f'{table}.{c} not 0/1')
    keys = [tuple(r[k] for k in KEYS[table]) for r in rows[table]]
    check(len(set(keys)) == len(keys), f'{table}: key {KEYS[table]} not unique in the CSV')
check(db.execute('PRAGMA user_version').fetchone()[0] == int(rows['documents'][0]['schema']),
      'user_version != schema')
# the CSVs join on the documented keys with no orphans
docs = {r['doc_id'] for r in rows['documents']}
measures = {(r['doc_id'], r['seq']) for r in rows['measures']}
check(all(r['doc_id'] in docs for r in rows['measures']), 'a measure without its document')
check(all((r['doc_id'], r['seq']) in measures for r in rows['assignments']),
      'an assignment without its measure')
# seq numbers each document's measures 1… in order; doc_seq the documents
by_doc = {}
for r in rows['measures']:
    by_doc.setdefault(r['doc_id'], []).append(int(r['seq']))
check(all(v == list(range(1, len(v) + 1)) for v in by_doc.values()), 'seq is not 1… per document')
check([int(r['doc_seq']) for r in rows['documents']] == list(range(1, len(rows['documents']) + 1)),
      'doc_seq is not 1… over documents')
# agency_seq: 1… per measure, rows a heading or a scope note gives last
by_measure = {}
for r in rows['assignments']:
    by_measure.setdefault((r['doc_id'], r['seq']), []).append(r)
for ms in by_measure.values():
    ms.sort(key=lambda r: int(r['agency_seq']))
    check([int(r['agency_seq']) for r in ms] == list(range(1, len(ms) + 1)), 'agency_seq not 1…')
    given = [r['implicit'] == 'true' or r['inherited'] == 'true' for r in ms]
    check(given == sorted(given), f'a written agency after a given one: {ms[0]["file"]} {ms[0]["measure"]}')
check(any(r['implicit'] == 'true' for r in rows['assignments']), 'no implicit rows to test with')
# seq orders the measures of a one-line gov.cn page, where line cannot
# (every measure is on line 1 of its body) and measure sorts 十 before 二
ZH = {c: i for i, c in enumerate('一二三四五六七八九', 1)}


def numeral(s):
    if s.startswith('十'):
        return 10 + ZH.get(s[1:], 0)
    if '十' in s:
        a, b = s.split('十')
        return ZH[a] * 10 + ZH.get(b, 0)
    return ZH[s]


page = db.execute("SELECT measure, line FROM measures WHERE file LIKE '%/real/local/l09.html' "
                  "ORDER BY seq").fetchall()
check(len(page) >= 12 and len({l for _, l in page}) == 1, f'l09 is not a one-line page: {page[:3]}')
nums = [numeral(m.split('/')[0].split('.')[0]) for m, _ in page]
check(nums == sorted(nums) and nums[0] == 1, f'seq does not order l09: {[m for m, _ in page]}')
pos = db.execute("SELECT line, \"column\" FROM assignments WHERE file LIKE '%/real/local/l09.html' "
                 "AND NOT inherited AND NOT implicit ORDER BY seq, agency_seq").fetchall()
check(len(pos) > 10 and pos == sorted(pos), 'l09: (seq, agency_seq) is not the order written')
# a query as an analyst writes it, with no import step
n = db.execute("SELECT count(*) FROM assignments a JOIN measures m USING (doc_id, seq) "
               "JOIN documents d USING (doc_id)").fetchone()[0]
check(n == len(rows['assignments']), 'join of the three tables')
# agency_order is the order of matrix.csv's columns; names not in the
# registry (no agency_order) come after all the others there
with open(os.path.join(out, 'matrix.csv'), newline='', encoding='utf-8') as f:
    columns = next(csv.reader(f))[3:]
aorder = {r['agency']: r['agency_order'] for r in rows['assignments']}
known = [int(aorder[c]) for c in columns if aorder.get(c)]
check(known == sorted(known) and all(aorder.get(c) for c in columns[:len(known)]),
      'agency_order is not the matrix column order')
# the README's analyst query, as written there
readme = open(os.path.join(src, 'README.md'), encoding='utf-8').read()
query = readme.split('<!-- analyst-query -->\n```sql\n', 1)[1].split('```', 1)[0]
got = db.execute(query).fetchall()
want = {}
for r in rows['assignments']:
    if r['implicit'] == 'false':
        want[(r['agency'], r['role'])] = want.get((r['agency'], r['role']), 0) + 1
check(sorted(got) == sorted((a, ro, n) for (a, ro), n in want.items()), 'README query: counts')
order = {r['agency']: int(r['agency_order']) if r['agency_order'] else None for r in rows['assignments']}
known = [order[a] for a, _, _ in got if order[a] is not None]
check(known == sorted(known) and len(known) > 0, 'README query: not in agency_order')
print(f"check_sqlite: {len(rows['documents'])} documents, {len(rows['measures'])} measures, "
      f"{len(rows['assignments'])} assignments; {len(failures)} failures")
sys.exit(1 if failures else 0)
