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
# JDK 17 and 18 keep the archive they are given (later ones refresh a dynamic one themselves): there a
# static archive of the classes the training run loaded replaces the dynamic one, because it also
# holds picocli's Java 5 class files, which a dynamic archive cannot ("Pre JDK 6 class not supported
# by CDS"), and the JDK's classes that run uses; --version 0.36 -> 0.32 s. If the dump fails, the
# dynamic archive stays.
archive=$(ls "$dist"/cds/*.jsa 2>/dev/null | head -n 1 || true)
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
if [ -n "$archive" ] && [ -n "$major" ] && [ "$major" -lt 19 ]; then
  rm -rf "$training/processed" "$training/failed" "$training/state"
  "$java" -jar "$dist/filemill.jar" generate --files 40 --out "$training/inbox" >/dev/null
  if FILEMILL_JAVA=$java FILEMILL_CDS=off FILEMILL_JAVA_OPTS="-XX:DumpLoadedClassList=$training/classes.lst" \
      "$dist/bin/filemill" run --inbox "$training/inbox" --processed "$training/processed" --failed "$training/failed" \
      --home "$training/state" --min-age 0s --filemill.stages.retitle.mode=process >/dev/null 2>"$training/log" \
    && "$java" -Xshare:dump -XX:SharedClassListFile="$training/classes.lst" -XX:SharedArchiveFile="$archive.static" \
      -Xlog:disable -Xlog:all=error:stderr -Xlog:cds=warning:file="$training/dump.log" -jar "$dist/filemill.jar" \
      >/dev/null 2>>"$training/log" \
    && "$java" -XX:SharedArchiveFile="$archive.static" -Xshare:on -jar "$dist/filemill.jar" --version >/dev/null 2>&1; then
    mv -f "$archive.static" "$archive"
    # a Java 5 class (picocli's) that the dump had to link is left out, and every start then reads and
    # verifies it again: the dump links it when it resolves a lambda whose class refers to it
    # (FilemillCli.Handlers says more)
    if grep -q 'Old class has been linked' "$training/dump.log"; then
      echo "WARNING: the class data archive leaves out classes every start loads:" >&2
      grep 'Old class has been linked' "$training/dump.log" | sed 's/.*Skipping /  /' >&2
    fi
  else
    rm -f "$archive.static"
  fi
fi
