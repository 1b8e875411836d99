#!/bin/sh
# Builds app/target/filemill, the installable form of filemill: the application extracted from
# filemill.jar (Spring Boot's jarmode tools), the launcher bin/filemill, and a class data sharing
# archive for the JDK that runs the build, written by a short training run on a generated inbox;
# and filemill-run.jar, the same application on the lean class path that bin/filemill gives `run`.
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
# filemill-run.jar: filemill.jar with a class path without the jars that only the other commands and
# runs across machines use (bin/filemill says why; FullClassPath goes back to filemill.jar). Each
# pattern names a library and who needs it.
# the broker client: runs across machines (run --partitions, node)
lean_excludes="artemis-* jakarta.jms-api-* spring-jms-* spring-integration-* spring-batch-integration-*
  spring-messaging-* micrometer-jakarta9-* pem-keystore-* asn-one-* commons-beanutils-* commons-collections-*
  jgroups-* netty-*"
# health and metrics over HTTP: schedule, watch, node
lean_excludes="$lean_excludes tomcat-embed-el-* tomcat-embed-websocket-* spring-boot-actuator-* prometheus-metrics-*
  micrometer-registry-prometheus-*"
# compare's report; the build's extraction of filemill.jar
lean_excludes="$lean_excludes chart.js-* commons-csv-* spring-boot-jarmode-tools-*"
jar_tool=$(dirname "$java")/jar
lean_path=""
unpacked=$(mktemp -d)
(cd "$unpacked" && "$jar_tool" --extract --file "$dist/filemill.jar" META-INF/MANIFEST.MF)
set -f # the patterns are for case, not for the shell's file names
for entry in $(tr -d '\r' <"$unpacked/META-INF/MANIFEST.MF" | sed -n '/^Class-Path:/,/^[^ ]/p' \
    | sed -e '/^[A-Z]/!s/^ //' -e 's/^Class-Path: //' -e '/^[A-Z][A-Za-z-]*:/d' | tr -d '\n'); do
  keep=yes
  for pattern in $lean_excludes; do
    # shellcheck disable=SC2254
    case ${entry#lib/} in $pattern) keep=no ;; esac
  done
  [ $keep = no ] || lean_path="$lean_path $entry"
done
set +f
rm -rf "$unpacked"
manifest=$(mktemp)
# a manifest line holds at most 72 bytes: the class path goes on continuation lines
printf 'Class-Path:%s\n' "$lean_path" | fold -w 70 | sed '2,$s/^/ /' >"$manifest"
cp "$dist/filemill.jar" "$dist/filemill-run.jar"
"$jar_tool" --update --file "$dist/filemill-run.jar" --manifest "$manifest"
rm -f "$manifest"

training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')

# train CLASS_PATH JAR: the archive of one class path (FILEMILL_CLASS_PATH), from a training run
train() {
  rm -rf "$training/inbox" "$training/processed" "$training/failed" "$training/state"
  "$java" -jar "$dist/filemill.jar" generate --files 40 --out "$training/inbox" >/dev/null
  before=$(ls "$dist"/cds/*.jsa 2>/dev/null || true)
  # retitle in worker JVMs and deliver in threads: the archive gets the classes of both modes
  FILEMILL_JAVA=$java FILEMILL_CDS=train FILEMILL_CLASS_PATH=$1 "$dist/bin/filemill" run --inbox "$training/inbox" \
    --processed "$training/processed" --failed "$training/failed" --home "$training/state" --min-age 0s \
    --filemill.stages.retitle.mode=process \
    >/dev/null 2>"$training/log" || { cat "$training/log" >&2; exit 1; }
  # JDK 17 and 18 keep the archive they are given (later ones refresh a dynamic one themselves): there a
  # static archive of the classes the training run loaded replaces the dynamic one, because it also
  # holds picocli's Java 5 class files, which a dynamic archive cannot ("Pre JDK 6 class not supported
  # by CDS"), and the JDK's classes that run uses; --version 0.36 -> 0.32 s. If the dump fails, the
  # dynamic archive stays.
  archive=""
  for written in $(ls "$dist"/cds/*.jsa 2>/dev/null || true); do
    case " $before " in *" $written "*) ;; *) archive=$written ;; esac
  done
  if [ -n "$archive" ] && [ -n "$major" ] && [ "$major" -lt 19 ]; then
    rm -rf "$training/inbox" "$training/processed" "$training/failed" "$training/state"
    "$java" -jar "$dist/filemill.jar" generate --files 40 --out "$training/inbox" >/dev/null
    if FILEMILL_JAVA=$java FILEMILL_CDS=off FILEMILL_CLASS_PATH=$1 FILEMILL_JAVA_OPTS="-XX:DumpLoadedClassList=$training/classes.lst" \
        "$dist/bin/filemill" run --inbox "$training/inbox" --processed "$training/processed" --failed "$training/failed" \
        --home "$training/state" --min-age 0s --filemill.stages.retitle.mode=process >/dev/null 2>"$training/log" \
      && "$java" -Xshare:dump -XX:SharedClassListFile="$training/classes.lst" -XX:SharedArchiveFile="$archive.static" \
        -Xlog:disable -Xlog:all=error:stderr -Xlog:cds=warning:file="$training/dump.log" -jar "$2" \
        >/dev/null 2>>"$training/log" \
      && "$java" -XX:SharedArchiveFile="$archive.static" -Xshare:on -jar "$2" --version >/dev/null 2>&1; then
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
}
train full "$dist/filemill.jar"
train lean "$dist/filemill-run.jar"
# a run that its configuration file sends across machines starts on the lean class path and goes on
# on the full one (FullClassPath): here it gets as far as the job repository, which is not there
printf 'filemill:\n  cluster:\n    partitions: 2\nspring:\n  datasource:\n    url: jdbc:postgresql://127.0.0.1:1/none\n' \
  >"$training/across.yml"
rm -rf "$training/inbox" "$training/processed" "$training/failed" "$training/state"
"$java" -jar "$dist/filemill.jar" generate --files 1 --out "$training/inbox" >/dev/null
if FILEMILL_JAVA=$java "$dist/bin/filemill" run --config="$training/across.yml" --inbox "$training/inbox" \
    --processed "$training/processed" --failed "$training/failed" --home "$training/state" >"$training/log" 2>&1 \
    || ! grep -q '^filemill: Connection refused' "$training/log"; then
  echo "filemill-run.jar does not go back to the full class path for a run across machines:" >&2
  cat "$training/log" >&2
  exit 1
fi
