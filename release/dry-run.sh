#!/usr/bin/env bash
# Release rehearsal: builds a release version with -Prelease, stages what would be uploaded to
# Maven Central into a local folder, and checks it (release/CheckBundle.java). Works on a copy of the working tree, so the
# checkout keeps its -SNAPSHOT version.
#
#   release/dry-run.sh [VERSION]     VERSION defaults to the POM's version without -SNAPSHOT
#
# When gpg is installed, the copy is signed with a throwaway key made for this run (in a
# temporary GNUPGHOME) and every .asc is verified; without gpg, signing is skipped
# (-Dgpg.skip) and said so. Nothing leaves the machine: the central profile, which uploads, is off.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
current="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$root/pom.xml" | head -n 1)"
version="${1:-${current%-SNAPSHOT}}"
if [ -z "$current" ] || [ -z "$version" ]; then
  echo "dry-run: cannot read the project version from $root/pom.xml" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/pkce4j-release.XXXXXX")"
if [ -z "${KEEP_DRY_RUN:-}" ]; then trap 'rm -rf "$work"' EXIT; fi   # KEEP_DRY_RUN=1 keeps it
echo "dry-run: staging $version (the checkout is at $current) in $work"
tar -C "$root" --exclude=./.git --exclude='./*/target' --exclude=./target -cf - . | tar -C "$work" -xf -
find "$work" -name pom.xml -not -path '*/target/*' -print0 \
  | xargs -0 sed -i "s|<version>$current</version>|<version>$version</version>|"

signing=(-Dgpg.skip)
signed=""
if command -v gpg >/dev/null 2>&1; then
  export GNUPGHOME="$work/.gnupg"
  mkdir -m 700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-generate-key \
      "pkce4j release dry run <dry-run@pkce4j.invalid>" ed25519 sign 1d 2>/dev/null
  signing=(-Dgpg.useagent=true)
  signed="--signed"
  echo "dry-run: signing with a throwaway key (GNUPGHOME=$GNUPGHOME)"
else
  echo "dry-run: gpg is not installed, so the bundle is not signed (-Dgpg.skip)"
fi

# The release build, deployed into a local folder instead of Central: the same files in the
# same layout as the bundle the central profile uploads (jars, POMs, .asc, .md5, .sha1). The
# unpublished test-only modules stay out of the reactor, as in the real release command; nothing
# is installed into the local Maven repository.
staging="$work/staging"
# Deploying caches the folder's metadata in the local repository: a throwaway one that reads
# everything else from the user's (Maven 3.9's read-only tail).
(cd "$work" && ./mvnw -q -Prelease -DskipTests -DskipPitest -Dmaven.install.skip=true \
    -Dmaven.repo.local="$work/repository" \
    -Dmaven.repo.local.tail="${MAVEN_USER_REPO:-$HOME/.m2/repository}" \
    "${signing[@]}" -pl '!benchmarks,!interop-tests' \
    -DaltDeploymentRepository="staging::file://$staging" deploy)
echo "dry-run: checking what was staged in $staging"
java "$root/release/CheckBundle.java" "$staging" "$version" $signed
if [ -n "$signed" ]; then
  count=0
  while IFS= read -r -d '' asc; do
    gpg --batch --quiet --verify "$asc" "${asc%.asc}" 2>/dev/null || {
      echo "dry-run: bad signature $asc" >&2
      exit 1
    }
    count=$((count + 1))
  done < <(find "$staging" -name '*.asc' -print0)
  echo "dry-run: $count signatures verified"
fi
echo "dry-run: OK, the $version bundle is complete (not uploaded)"
