// Preload for the benchmark's scan process (`node --import <this> bin/azaudit.js scan …`): on exit,
// writes the process's own peak RSS and CPU time to the file named by AZAUDIT_BENCH_RSS_FILE, so
// the benchmark measures the scanner and not itself (`/usr/bin/time -v` is not everywhere).
// Plain JavaScript: it runs before tsx is registered.
import { writeFileSync } from "node:fs";

const file = process.env.AZAUDIT_BENCH_RSS_FILE;
if (file) {
  process.on("exit", (code) => {
    const u = process.resourceUsage();
    try {
      // maxRSS is in kibibytes; user/system CPU time in microseconds
      writeFileSync(
        file,
        JSON.stringify({
          maxRssKiB: u.maxRSS,
          userCpuMicros: u.userCPUTime,
          systemCpuMicros: u.systemCPUTime,
          exitCode: code,
        }),
      );
    } catch {
      // the benchmark reports the RSS as unknown
    }
  });
}
