#!/usr/bin/env python3
"""
Independent check of the ledger analytics on the CDNOW sample (Fader, Hardie & Lee 2005, 1/10th sample as
shipped with the R package BTYD): /work/shared/data/cdnow_sample_elog.csv, or the path given as argument.

Standard library only; shares no code with the TypeScript implementation. Calendar periods come from
`datetime.date`, "has this period ended by the last order date?" from the first day of the next period, and
distinct activity from Python sets. Writes test/fixtures/cdnow-analytics.json, which test/core/cdnow-analytics.test.ts
compares with src/core.

    python3 test/reference/cdnow_check.py [path/to/cdnow_sample_elog.csv]
"""
import csv
import datetime as dt
import json
import math
import os
import sys
from collections import OrderedDict, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/cdnow_sample_elog.csv"
OUT = os.path.join(HERE, "..", "fixtures", "cdnow-analytics.json")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serials from 1900-03-01 on are days since this date


def serial(d):
    return (d - EXCEL_EPOCH).days


rows = []
with open(SRC, newline="") as f:
    for r in csv.DictReader(f):
        d = dt.datetime.strptime(r["date"], "%Y%m%d").date()
        rows.append((r["sampleid"], d, float(r["sales"])))

end = max(d for _, d, _ in rows)
start = min(d for _, d, _ in rows)


def month_index(d):
    return d.year * 12 + d.month - 1


def months_per(unit):
    return {"month": 1, "quarter": 3, "year": 12}[unit]


def cal_period(d, unit):
    return month_index(d) // months_per(unit)


def cal_period_ended(p, unit):
    """Calendar period p has ended by `end` when the day after `end` lies in a later period."""
    return cal_period(end + dt.timedelta(days=1), unit) > p


def cal_label(p, unit):
    m = p * months_per(unit)
    y, mm = divmod(m, 12)
    if unit == "year":
        return "%04d" % y
    if unit == "quarter":
        return "%04d-Q%d" % (y, mm // 3 + 1)
    return "%04d-%02d" % (y, mm + 1)


first = OrderedDict()
for c, d, _ in rows:
    if c not in first or d < first[c]:
        first[c] = d if c not in first else min(first[c], d)

# ---- customer summary -------------------------------------------------------------------------------------------
summary = OrderedDict()
for c, d, a in rows:
    s = summary.setdefault(c, {"first": d, "last": d, "orders": 0, "revenue": 0.0})
    s["first"] = min(s["first"], d)
    s["last"] = max(s["last"], d)
    s["orders"] += 1
    s["revenue"] += a
summary_rows = [
    {
        "customer": c,
        "firstOrder": serial(s["first"]),
        "lastOrder": serial(s["last"]),
        "orders": s["orders"],
        "revenue": round(s["revenue"], 6),
        "averageOrder": round(s["revenue"] / s["orders"], 6),
    }
    for c, s in summary.items()
]


# ---- retention curve and cohort table (calendar units) -----------------------------------------------------------
def activity(unit):
    active = defaultdict(set)  # customer -> set of k
    spend = defaultdict(float)  # (customer, k) -> amount
    for c, d, a in rows:
        k = cal_period(d, unit) - cal_period(first[c], unit)
        active[c].add(k)
        spend[(c, k)] += a
    return active, spend


def last_k(c, unit):
    k = -1
    while cal_period_ended(cal_period(first[c], unit) + k + 1, unit):
        k += 1
    return k


def retention_curve(unit):
    active, _ = activity(unit)
    lk = {c: last_k(c, unit) for c in first}
    curve = []
    k = 0
    while True:
        observed = [c for c in first if lk[c] >= k]
        if not observed:
            break
        act = sum(1 for c in observed if k in active[c])
        curve.append({"periodsSince": k, "share": act / len(observed), "customersObserved": len(observed), "customersActive": act})
        k += 1
    return curve


def cohort_table(unit):
    active, spend = activity(unit)
    # rows from the first to the last period with a first purchase
    lo, hi = cal_period(start, unit), max(cal_period(d, unit) for d in first.values())
    table = []
    for h in range(lo, hi + 1):
        members = [c for c in first if cal_period(first[c], unit) == h]
        k = -1
        while cal_period_ended(h + k + 1, unit):
            k += 1
        cells = {"customers": [], "retention": [], "revenue": []}
        for kk in range(k + 1):
            act = sum(1 for c in members if kk in active[c])
            cells["customers"].append(act)
            cells["retention"].append(act / len(members) if members else None)
            cells["revenue"].append(round(sum(spend.get((c, kk), 0.0) for c in members), 6))
        table.append({"label": cal_label(h, unit), "customers": len(members), "cells": cells})
    width = max(1, max(len(r["cells"]["customers"]) for r in table))
    for r in table:
        for m in r["cells"].values():
            m.extend([None] * (width - len(m)))
    return table


# ---- churn ------------------------------------------------------------------------------------------------------
def churn(unit):
    if unit in ("month", "quarter", "year"):
        period = lambda d: cal_period(d, unit)
        ended = lambda t: cal_period_ended(t, unit)
    else:
        days = {"week": 7, "day": 1}.get(unit, unit)
        period = lambda d: math.floor((d - start).days / days)
        # window t has ended when its last day, start + ceil((t+1)·days) − 1, is on or before `end`
        ended = lambda t: start + dt.timedelta(days=math.ceil((t + 1) * days) - 1) <= end
    active = defaultdict(set)
    for c, d, _ in rows:
        active[period(d)].add(c)
    pairs = []
    t = period(start)
    while ended(t + 1):
        now, nxt = active[t], active[t + 1]
        pairs.append({"active": len(now), "retained": len(now & nxt)})
        t += 1
    a = sum(p["active"] for p in pairs)
    r = sum(p["retained"] for p in pairs)
    return {"rate": (a - r) / a, "periodsUsed": len(pairs), "pairs": pairs}


def largest_drop(curve, from_period=1):
    best = None
    for p, q in zip(curve, curve[1:]):
        if p["periodsSince"] < from_period:
            continue
        drop = p["share"] - q["share"]
        if drop > 0 and (best is None or drop > best["drop"]):
            best = {"period": p["periodsSince"], "from": p["share"], "to": q["share"], "drop": drop}
    return best


monthly = retention_curve("month")
result = {
    "source": "CDNOW 1/10th sample event log (Fader, Hardie & Lee 2005; R package BTYD), cdnow_sample_elog.csv",
    "checkedBy": "test/reference/cdnow_check.py (Python standard library, independent of src/)",
    "rows": len(rows),
    "customers": len(first),
    "firstDate": serial(start),
    "lastDate": serial(end),
    "revenue": round(sum(a for _, _, a in rows), 6),
    "avgOrder": round(sum(a for _, _, a in rows) / len(rows), 6),
    "customerSummary": {"first3": summary_rows[:3], "repeatBuyers": sum(1 for s in summary_rows if s["orders"] > 1)},
    "retentionCurve": {"month": monthly, "quarter": retention_curve("quarter")},
    "largestRetentionDrop": {"month": largest_drop(monthly)},
    "cohortTable": {"month": cohort_table("month"), "quarter": cohort_table("quarter")},
    "churnRate": {u if isinstance(u, str) else str(u): churn(u) for u in ("month", "quarter", "week", 30)},
}
with open(OUT, "w") as f:
    json.dump(result, f, indent=1, ensure_ascii=False)
    f.write("\n")
print("wrote", os.path.relpath(OUT))
print("customers", result["customers"], "rows", result["rows"], "revenue", result["revenue"])
print("monthly churn", result["churnRate"]["month"]["rate"], "quarterly", result["churnRate"]["quarter"]["rate"], "weekly", result["churnRate"]["week"]["rate"])
print("monthly retention", [round(p["share"], 4) for p in monthly])
print("largest drop", result["largestRetentionDrop"]["month"])
