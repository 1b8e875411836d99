#!/bin/sh
# Builds app/target/filemill, the installable form of filemill: the application extracted from
# filemill.jar (Spring Boot's jarmode tools), the launcher bin/filemill, and a class data sharing
# archive for the JDK that runs the build, written by a short training run on a generated inbox.
# A dynamic archive is tied to one JDK build; filemill runs without it on any other JDK.
# Usage: assemble.sh TARGET_DIR JAVA
set -eu
target=$1
java=$2
src=$(cd "$(dirname "$0")" && pwd)
dist=$target/filemill
rm -rf "$dist"
"$java" -Djarmode=tools -jar "$target/filemill.jar" extract --destination "$dist" >/dev/null
mkdir -p "$dist/bin" "$dist/cds"
cp "$src/bin/filemill" "$dist/bin/filemill"
chmod 755 "$dist/bin/filemill"
training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
"$java" -jar "$dist/filemill.jar" generate --files 40 --out "$training/inbox" >/dev/null
# retitle in worker JVMs and deliver in threads: the archive gets the classes of both modes
FILEMILL_JAVA=$java FILEMILL_CDS=train "$dist/bin/filemill" run --inbox "$training/inbox" \
  --processed "$training/processed" --failed "$training/failed" --home "$training/state" --min-age 0s \
  --filemill.stages.retitle.mode=process \
  >/dev/null 2>"$training/log" || { cat "$training/log" >&2; exit 1; }
