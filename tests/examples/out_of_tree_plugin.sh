#!/usr/bin/env bash
# Installs Tata into a scratch prefix, builds examples/plugin-out-of-tree
# against the installed SDK alone, and runs a workflow that uses it with the
# installed `tata`: what "without recompiling the engine" means for a regency.
set -euo pipefail
build_dir=$1
source_dir=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cmake --install "$build_dir" --prefix "$scratch/prefix" > "$scratch/install.log"
cmake -S "$source_dir/examples/plugin-out-of-tree" -B "$scratch/plugin" -DCMAKE_PREFIX_PATH="$scratch/prefix" > "$scratch/configure.log"
cmake --build "$scratch/plugin" > "$scratch/build.log"
test -f "$scratch/plugin/libtata_contoh.so"

tata="$scratch/prefix/bin/tata"
plugins="$scratch/prefix/lib/tata/plugins:$scratch/plugin"
rules="$scratch/prefix/share/tata/rules"
workflow="$source_dir/examples/plugin-out-of-tree/workflow.yaml"
cd "$scratch"
"$tata" validate --workflows "$workflow" --rules "$rules" --plugins "$plugins" | grep -q "valid: 1 workflow"

out=$("$tata" case create --workflow cek_honor --regency 62.03 --data '{"honor_bulanan": 1500000}' \
  --workflows "$workflow" --rules "$rules" --plugins "$plugins" --json)
echo "$out" | grep -q '"result": "below_umk"'
echo "$out" | grep -q '"selisih_umk": 1973710'

# Without the plugin the same workflow is refused before anything runs.
if "$tata" validate --workflows "$workflow" --rules "$rules" --plugins "$scratch/prefix/lib/tata/plugins" 2> err.txt; then
  echo "validate accepted a workflow whose plugin is missing"; exit 1
fi
grep -q "unknown action 'contoh.honor_vs_umk'" err.txt
echo "out-of-tree plugin: built against the installed SDK, loaded and run"
