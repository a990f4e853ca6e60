"""Case 7's peer: what an analyst would do without the app.

Reads the bench's enquiry export with pandas + openpyxl, loads it into SQLite, and builds
the annual recruitment (funnel) table for the last five complete financial years,
mainstream only. Prints one JSON object with the timings (ms) and peak RSS (MB).
Usage: python3 peer.py FILE.xlsx OUT.db YYYY-MM-DD
"""
import json
import resource
import sqlite3
import sys
import time

import pandas as pd

path, db_path, today = sys.argv[1], sys.argv[2], sys.argv[3]
MILESTONES = {
    'enquiries': 'Enquiry Date',
    'eoi': 'EOI Date',
    'stage1': 'Stage 1 Start',
    'stage2': 'Stage 2 Start',
    'approved': 'Approval Date',
}
RATES = [
    ('enquiry_to_stage2', 'stage2', 'enquiries'),
    ('eoi_to_stage2', 'stage2', 'eoi'),
    ('stage2_to_approved', 'approved', 'stage2'),
    ('enquiry_to_approved', 'approved', 'enquiries'),
    ('eoi_to_approved', 'approved', 'eoi'),
]

t0 = time.perf_counter()
df = pd.read_excel(path, engine='openpyxl')
t_read = time.perf_counter()
date_cols = [c for c in df.columns if 'Date' in c or 'Start' in c]
for c in date_cols:
    df[c] = pd.to_datetime(df[c], errors='coerce')
con = sqlite3.connect(db_path)
df.to_sql('households', con, index=False, if_exists='replace')
con.commit()
con.close()
t_import = time.perf_counter()

# The funnel: events dated within each financial year (1 April to 31 March), mainstream only.
y, m, _ = (int(x) for x in today.split('-'))
last = (y if m >= 4 else y - 1) - 1  # the last complete year starts on 1 April of this year
years = list(range(last - 4, last + 1))
main = df[df['Pathway'] == 'Mainstream']
table = {}
for key, col in MILESTONES.items():
    d = main[col].dropna()
    fy = d.dt.year - (d.dt.month < 4)
    counts = fy.value_counts()
    table[key] = {f'{s}/{(s + 1) % 100:02d}': int(counts.get(s, 0)) for s in years}
for key, num, den in RATES:
    table[key] = {
        fy: (round(100 * table[num][fy] / table[den][fy], 1) if table[den][fy] else None) for fy in table[num]
    }
t_funnel = time.perf_counter()

print(json.dumps({
    'readMs': (t_read - t0) * 1000,
    'importMs': (t_import - t0) * 1000,
    'funnelMs': (t_funnel - t_import) * 1000,
    'rows': int(len(df)),
    'funnel': table,
    'peakRssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    'versions': {'pandas': pd.__version__, 'python': sys.version.split()[0]},
}))
