#!/usr/bin/env bash
# Rims as a library, end to end: packs the solution to the local feed artifacts/packages, then checks
#   1. examples/CartPole builds from the packages alone (no project references), the Debian 12 libtorch fix arriving
#      through the Rims package (buildTransitive);
#   2. it trains a short CartPole-v1 run through the training API (run folder, final checkpoint, evaluation file);
#   3. the rims tool installs from the feed (dotnet tool install) and trains the same CartPole.dll through --env-assembly;
#   4. README's "Use Rims from your own project" snippet is Program.cs's (the lines between README:begin and README:end).
# Prints one line per check, "example test: passed: NAME" or "example test: FAILED: NAME: reason"; exits 1 if any failed.
# Expects a Release build of the solution (.ci/run's test run made it); packs without building again.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
feed="$repo/artifacts/packages"
tmp=$(mktemp -d /tmp/rims-example-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
started=$(date +%s)
failures=0
pass() { echo "example test: passed: $1"; }
fail() { echo "example test: FAILED: $1"; failures=$((failures + 1)); }

rm -rf "$feed"
if ! dotnet pack Rims.sln -c Release --no-build -o "$feed" -v quiet -nologo >"$tmp/pack.log" 2>&1; then
  cat "$tmp/pack.log"
  fail "dotnet pack Rims.sln"
  echo "example test wall time: $(( $(date +%s) - started )) s"
  exit 1
fi
# NuGet never re-reads a version it has cached: drop the cached copies of the packages just packed.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/rims "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/rims.*

example=examples/CartPole
exe="$example/bin/Release/net10.0/linux-x64/CartPole"
rm -rf "$example/bin" "$example/obj"
if dotnet build "$example" -c Release -nologo >"$tmp/build.log" 2>&1 && grep -q "Marked GLIBCXX_3.4.32 version need weak" "$tmp/build.log"; then
  pass "the CartPole example builds from the packages, with the libtorch fix from buildTransitive"
else
  tail -n 20 "$tmp/build.log"; fail "the CartPole example does not build from the packages (or the libtorch fix did not run)"
fi

if "$exe" --core ff --total-steps 2048 --run-dir "$tmp/api" >"$tmp/api.log" 2>&1 \
   && [ -f "$tmp/api/summary.json" ] && [ -f "$tmp/api/checkpoints/final.ckpt" ] && [ -f "$tmp/api/evals/CartPole-v1.json" ]; then
  pass "CartPole trains and evaluates through the training API"
else
  tail -n 20 "$tmp/api.log"; fail "CartPole through the training API"
fi

if dotnet tool install --tool-path "$tmp/tool" --add-source "$feed" Rims.Cli >"$tmp/tool.log" 2>&1 \
   && "$tmp/tool/rims" ppo --env-assembly "$example/bin/Release/net10.0/linux-x64/CartPole.dll" --env CartPole-v1 --core ff \
        --total-steps 2048 --num-envs 8 --num-steps 128 --run-dir "$tmp/tool-run" >>"$tmp/tool.log" 2>&1 \
   && grep -q '"env_assembly"' "$tmp/tool-run/config.json" && [ -f "$tmp/tool-run/summary.json" ]; then
  pass "the installed rims tool trains CartPole through --env-assembly"
else
  tail -n 20 "$tmp/tool.log"; fail "the rims tool with --env-assembly"
fi

sed -n '/README:begin/,/README:end/{/README:/d;p}' "$example/Program.cs" >"$tmp/snippet"
if [ -s "$tmp/snippet" ] && python3 - "$tmp/snippet" README.md <<'PY'
import sys
snippet, readme = (open(p).read() for p in sys.argv[1:])
sys.exit(0 if snippet in readme else 1)
PY
then
  pass "README's snippet is Program.cs's"
else
  fail "README's snippet differs from examples/CartPole/Program.cs (between README:begin and README:end)"
fi

echo "example test wall time: $(( $(date +%s) - started )) s"
[ "$failures" -eq 0 ]
