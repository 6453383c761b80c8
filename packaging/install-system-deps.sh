#!/usr/bin/env bash
# Installs the optional system libraries the program uses when present (Debian/Ubuntu, as root).
# Never fails the build: without them the program falls back to what it ships.
set -u
needed=()
ldconfig -p 2>/dev/null | grep -q 'libenchant-2.so' || needed+=(libenchant-2-2)
[ -e /usr/share/hunspell/es_MX.dic ] || [ -e /usr/share/hunspell/es_ES.dic ] || needed+=(hunspell-es)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Instalando paquetes del sistema: ${needed[*]}"
  (apt-get install -y -q "${needed[@]}" >/dev/null 2>&1 \
    || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "${needed[@]}" >/dev/null 2>&1)) \
    || echo "Aviso: no se pudieron instalar ${needed[*]}; se usará el diccionario incluido."
fi
exit 0
