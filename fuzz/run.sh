#!/usr/bin/env bash
# Builds one libFuzzer target of snn and runs it: fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
# TARGET: npy, npz, csv, safetensors, flags, graph (or "all" to build every target without running).
# Crashes go to fuzz/.build/artifacts/TARGET/; the growing corpus to fuzz/.build/corpus/TARGET/ (seeded from
# the committed fuzz/corpus/TARGET/). See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:?usage: fuzz/run.sh TARGET SECONDS (TARGET: npy npz csv safetensors flags graph)}
SECONDS_TO_RUN=${2:-60}
shift $(( $# >= 2 ? 2 : $# ))
SWIFTC=${SWIFTC:-$(command -v swiftc || true)}
[ -n "$SWIFTC" ] || { echo "fuzz: swiftc (Swift 6.x) is not on PATH" >&2; exit 1; }
B=fuzz/.build
mkdir -p "$B/modules"

# libFuzzer's runtime: the Swift toolchain for Linux ships it next to its clang; otherwise install LLVM's.
TOOLCHAIN_LIB=$(dirname "$(readlink -f "$SWIFTC")")/../lib
if ! ls "$TOOLCHAIN_LIB"/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a "$TOOLCHAIN_LIB"/swift/clang/lib/linux/libclang_rt.fuzzer*.a >/dev/null 2>&1; then
  echo "fuzz: the toolchain has no libFuzzer runtime; installing libclang-rt-dev" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libclang-rt-14-dev >/dev/null \
    || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libclang-rt-dev >/dev/null
fi
# The Debian libraries snn links against (the same as `make deps`).
make -s deps

FLAGS=(-swift-version 6 -O -g -sanitize=fuzzer,address -parse-as-library
       -I Sources/CBLAS -I Sources/CLAPACKE -I Sources/CARPACK -I Sources/CCholmod -I Sources/CZlib -I "$B/modules")
LIBS=(-lopenblas -llapacke -larpack -lcholmod -lz)

# swiftc with the gold linker's harmless "Cannot export local symbol '__asan_…'" warnings filtered out.
swiftc_() { "$SWIFTC" "$@" 2> >(grep -v "Cannot export local symbol" >&2); }

# One library module, compiled whole-module into one object, rebuilt when a source is newer than the object.
module() {
  local name=$1; shift
  local sources; sources=$(find "Sources/$name" -name '*.swift' | sort)
  local object="$B/modules/$name.o"
  if [ ! -f "$object" ] || [ -n "$(find "Sources/$name" -name '*.swift' -newer "$object")" ]; then
    echo "fuzz: compiling $name (sanitizer coverage + ASan)" >&2
    # shellcheck disable=SC2086
    swiftc_ "${FLAGS[@]}" -module-name "$name" -wmo -emit-module -emit-module-path "$B/modules/$name.swiftmodule" \
      -c -o "$object" $sources
  fi
}

build() {
  local target=$1 exe="$B/fuzz-$1"
  case "$target" in
    npy|npz|csv)
      module SNNLinalg; module SNNData
      swiftc_ "${FLAGS[@]}" -o "$exe" "fuzz/targets/$target.swift" "$B/modules/SNNLinalg.o" "$B/modules/SNNData.o" "${LIBS[@]}" ;;
    graph)
      module SNNLinalg; module SNNData; module SNNGraph
      swiftc_ "${FLAGS[@]}" -o "$exe" fuzz/targets/graph.swift "$B/modules/SNNLinalg.o" "$B/modules/SNNData.o" "$B/modules/SNNGraph.o" "${LIBS[@]}" ;;
    safetensors)
      module SNNLinalg; module SNNNeural
      swiftc_ "${FLAGS[@]}" -o "$exe" fuzz/targets/safetensors.swift "$B/modules/SNNLinalg.o" "$B/modules/SNNNeural.o" "${LIBS[@]}" ;;
    flags)
      # The parser is part of the executable target; its files have no imports, so they compile with the target.
      swiftc_ "${FLAGS[@]}" -module-name FuzzFlags -o "$exe" fuzz/targets/flags.swift \
        Sources/SNNCommand/{ArgumentParser,OptionSpec,ParsedArguments,UsageError,Suggestion,Command}.swift ;;
    *) echo "fuzz: unknown target '$target' (npy npz csv safetensors flags graph)" >&2; exit 2 ;;
  esac
}

if [ "$TARGET" = all ]; then
  for t in npy npz csv safetensors flags graph; do build "$t"; done
  exit 0
fi
build "$TARGET"
mkdir -p "$B/corpus/$TARGET" "$B/artifacts/$TARGET"
cp -n "fuzz/corpus/$TARGET"/* "$B/corpus/$TARGET"/ 2>/dev/null || true
DICT=(); [ -f "fuzz/dict/$TARGET.dict" ] && DICT=(-dict="fuzz/dict/$TARGET.dict")
# ASan's leak check runs at exit and after each crash; -rss_limit_mb and -malloc_limit_mb turn a huge allocation
# into a reported finding (OOM) instead of a slow machine.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$B/fuzz-$TARGET" "$B/corpus/$TARGET" "fuzz/corpus/$TARGET" \
  "${DICT[@]}" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$B/artifacts/$TARGET/" "$@" 2>&1 | tee "$B/last-$TARGET.log" \
  | grep -E "^(#[0-9]+ +(INITED|DONE|NEW)|stat::|==[0-9]+==|SUMMARY|artifact|Done)" | grep -v "NEW" || true
grep -E "stat::number_of_executed_units" "$B/last-$TARGET.log" | sed "s/^/fuzz: $TARGET: /"
! grep -qE "^==[0-9]+==ERROR|Test unit written" "$B/last-$TARGET.log"
