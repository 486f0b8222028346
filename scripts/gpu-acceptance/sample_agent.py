# Samples the agent every 2 s while it runs: its RSS and CPU time (from /proc), how long its /metrics
# took to answer, and the page's tokenjoule_ series. One JSON line per sample.
#   python3 sample_agent.py PID METRICS_URL OUT.jsonl
import json, os, sys, time, urllib.request

pid, url, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ticks = os.sysconf("SC_CLK_TCK")


def proc():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))
    return (int(fields[11]) + int(fields[12])) / ticks, rss


with open(out, "w") as f:
    while True:
        try:
            cpu, rss = proc()
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            break
        t = time.time()
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                page = r.read().decode()
            took = time.time() - t
        except Exception as e:
            page, took = "", None
        lines = [l for l in page.splitlines() if l.startswith("tokenjoule_") or l.startswith("jvm_")]
        f.write(json.dumps(dict(t=t, cpu_s=cpu, rss_kib=rss, metrics_s=took, page=lines)) + "\n")
        f.flush()
        time.sleep(max(0, 2 - (time.time() - t)))
