#!/usr/bin/env python3
"""The native side of the messaging benchmark: mosquitto_pub -l fed with lines that start with the
send time in ns, mosquitto_sub printing each payload; a thread stamps each line when it arrives.
Prints the same line as msg-bench sub. Usage: native.py PORT SIZE COUNT RATE"""
import subprocess, sys, threading, time

port, size, count, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
sub = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-t", "bench/native", "-q", "1",
                        "-C", str(count), "-W", "60", "-i", "native-sub"], stdout=subprocess.PIPE)
time.sleep(1.0)  # mosquitto_sub says nothing when subscribed; a second is plenty on one machine
latencies = []
first = [0]
last = [0]

def consume():
    for line in sub.stdout:
        t = time.time_ns()
        sent = int(line.split(b" ", 1)[0])
        if not latencies:
            first[0] = sent
        last[0] = t
        latencies.append(t - sent)

reader = threading.Thread(target=consume)
reader.start()
pub = subprocess.Popen(["mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-t", "bench/native", "-q", "1", "-l",
                        "-i", "native-pub"], stdin=subprocess.PIPE)
start = time.time_ns()
for i in range(count):
    if rate > 0:
        wait = start + i * 1e9 / rate - time.time_ns()
        if wait > 0:
            time.sleep(wait / 1e9)
    stamp = b"%d " % time.time_ns()
    pub.stdin.write(stamp + b"x" * (size - len(stamp)) + b"\n")
    if rate > 0:
        pub.stdin.flush()
pub.stdin.close()
pub.wait()
reader.join(timeout=60)
sub.kill()
n = len(latencies)
if n == 0:
    print("received 0")
    sys.exit(1)
latencies.sort()
seconds = (last[0] - first[0]) / 1e9
print("received %d rate %.0f msg/s median %d us p99 %d us" % (n, n / seconds if seconds > 0 else 0,
      latencies[n // 2] // 1000, latencies[n * 99 // 100] // 1000))
