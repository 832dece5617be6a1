#!/usr/bin/env bash
# System packages Tukiverkko needs, from Debian: Voikko for Finnish search (libvoikko1,
# voikko-fi); Pango and HarfBuzz for WeasyPrint's PDFs (libpango-1.0-0, libpangoft2-1.0-0,
# libharfbuzz-subset0) and the print font with Finnish and Swedish letters (fonts-liberation:
# Liberation Sans and Sans Narrow, used by core/print.css on paper and in the PDF); and, for
# the end-to-end tests, Chromium. Installs what is missing when run as root; otherwise says
# what to install. Nothing is downloaded at run time.
set -euo pipefail
need=()
ldconfig -p 2>/dev/null | grep -q 'libvoikko.so.1' || need+=(libvoikko1)
[ -d /usr/lib/voikko ] || [ -d /usr/share/voikko ] || need+=(voikko-fi)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0' || need+=(libharfbuzz-subset0)
[ -f /usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf ] || need+=(fonts-liberation)
if [ "${TUKIVERKKO_SKIP_BROWSER:-0}" != "1" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ]; then
  echo "Installing system packages: ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
