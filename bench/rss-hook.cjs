// Loaded with --require into each Node contender: writes its peak resident memory (KB) on exit.
const file = process.env.KSB_BENCH_RSS;
if (file) process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));
