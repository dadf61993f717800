#!/usr/bin/env bash
# Records new public API in each library's PublicAPI.Unshipped.txt (RS0016) and drops removed
# entries (RS0017), so that public API changes show up in review as a diff of those files.
# Usage: eng/update-public-api.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
for proj in src/ContactMetrics src/ContactMetrics.Data src/ContactMetrics.Simulation src/ContactMetrics.Reporting src/ContactMetrics.Interop src/ContactMetrics.Sql; do
  log=$(mktemp)
  dotnet build "$proj" -c Debug --no-incremental -p:TreatWarningsAsErrors=false -clp:NoSummary -v:q 2>&1 \
    | tr -d '\r' | grep -F "[$PWD/$proj/$(basename "$proj").csproj]" > "$log" || true
  python3 - "$proj" "$log" <<'PY'
import re, sys
proj, log = sys.argv[1], sys.argv[2]
text = open(log, encoding="utf-8").read()
add = set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", text))
add |= set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared API", text))
remove = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API, but is either not public or could not be found", text))
path = f"{proj}/PublicAPI.Unshipped.txt"
lines = [l.rstrip("\n") for l in open(path, encoding="utf-8")]
header = [l for l in lines if l.startswith("#")]
body = {l for l in lines if l and not l.startswith("#")}
body = (body | add) - remove
open(path, "w", encoding="utf-8").write("\n".join(header + sorted(body, key=str.lower)) + "\n")
print(f"{path}: +{len(add)} -{len(remove)}")
PY
  rm -f "$log"
done
