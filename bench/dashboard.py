#!/usr/bin/env python3
"""The dashboard's two figures (BENCHMARKS.md, "Dashboard"), against a running server:

1. page load: each page opened in headless Chromium (Debian's chromium and chromium-driver, driven over the
   WebDriver protocol, no Python packages needed) with the key in the session; the time from navigation start to
   the page's 'funnel:ready' mark (data fetched and drawn), median of RUNS reloads;
2. server cost of an open dashboard: the server's CPU time (from /proc/PID/stat) spent on CYCLES of the overview's
   refresh (GET /v1/health, /v1/admin/snapshots, /v1/admin/stats), per refresh and as a share of the server's
   cores at the page's one refresh per 10 s.

    bench/dashboard.py --url http://127.0.0.1:8080 --key KEY --pid SERVER_PID [--user u1 --item i1 --runs 5]
"""
import argparse
import json
import os
import statistics
import subprocess
import time
import urllib.request

CHROMEDRIVER_PORT = 9515


def webdriver(method, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{CHROMEDRIVER_PORT}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["value"]


def page_loads(url, key, pages, runs):
    driver = subprocess.Popen(["chromedriver", f"--port={CHROMEDRIVER_PORT}"], stdout=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                webdriver("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        session = webdriver("POST", "/session", {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800"]}}}})
        sid = session["sessionId"]

        def js(script, *args):
            return webdriver("POST", f"/session/{sid}/execute/sync", {"script": script, "args": list(args)})

        webdriver("POST", f"/session/{sid}/url", {"url": f"{url}/ui/"})
        js("sessionStorage.setItem('funnel.apiKey', arguments[0])", key)
        results = {}
        for page in pages:
            times = []
            for _ in range(runs):
                webdriver("POST", f"/session/{sid}/url", {"url": f"{url}/ui/#{page}"})
                js("location.reload()")
                deadline = time.time() + 10
                while not js("return performance.getEntriesByName('funnel:ready').length"):
                    if time.time() > deadline:
                        raise SystemExit(f"{page} never became ready")
                    time.sleep(0.02)
                error = js("const e = document.getElementById('error'); return e.hidden ? null : e.textContent")
                if error:
                    raise SystemExit(f"{page}: {error}")
                times.append(js("return performance.getEntriesByName('funnel:ready')[0].startTime"))
            results[page] = statistics.median(times)
        webdriver("DELETE", f"/session/{sid}")
        return results
    finally:
        driver.terminate()


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def refresh_cost(url, key, pid, cycles):
    def get(path):
        request = urllib.request.Request(url + path, headers={"X-Api-Key": key})
        with urllib.request.urlopen(request) as response:
            response.read()

    before = cpu_seconds(pid)
    for _ in range(cycles):
        for path in ("/v1/health", "/v1/admin/snapshots", "/v1/admin/stats"):
            get(path)
    return (cpu_seconds(pid) - before) / cycles


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--pid", required=True, type=int)
    parser.add_argument("--user", default="u1")
    parser.add_argument("--item", default="i1")
    parser.add_argument("--runs", default=5, type=int)
    parser.add_argument("--cycles", default=2000, type=int)
    args = parser.parse_args()
    pages = ["overview", f"user/{args.user}", f"item/{args.item}", "experiments", "evaluation"]
    for page, ms in page_loads(args.url, args.key, pages, args.runs).items():
        print(f"page load {page:<20} {ms:7.0f} ms (median of {args.runs})")
    per_refresh = refresh_cost(args.url, args.key, args.pid, args.cycles)
    cores = os.cpu_count()
    print(f"overview refresh: {per_refresh * 1000:.2f} ms of server CPU (mean of {args.cycles}); one per 10 s = "
          f"{100 * per_refresh / 10:.4f} % of one core, {100 * per_refresh / (10 * cores):.4f} % of {cores} cores")


if __name__ == "__main__":
    main()
