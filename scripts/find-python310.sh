#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains how to get one.
# Rasa Open Source 3.6 does not run on Python 3.11 or newer.
set -u

is_310() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1
}

if [ -n "${PYTHON310:-}" ]; then
  if is_310 "$PYTHON310"; then echo "$PYTHON310"; exit 0; fi
  echo "PYTHON310=$PYTHON310 er ikke en Python 3.10." >&2
  exit 1
fi

candidate=$(command -v python3.10 2>/dev/null || true)
if [ -n "$candidate" ] && is_310 "$candidate"; then echo "$candidate"; exit 0; fi

if command -v pyenv >/dev/null 2>&1; then
  pyenv_root=$(pyenv root)
else
  pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
fi
for candidate in $(ls -d "$pyenv_root"/versions/3.10.* 2>/dev/null | sort -V -r); do
  if is_310 "$candidate/bin/python"; then echo "$candidate/bin/python"; exit 0; fi
done

cat >&2 <<'MSG'
Fant ikke Python 3.10, som Rasa 3.6 trenger (3.11 og nyere virker ikke).
Installer den på én av disse måtene, og kjør kommandoen på nytt:
  - pyenv install 3.10        (da finner vi den under $(pyenv root)/versions/3.10.*)
  - apt-get install python3.10 python3.10-venv
Du kan også peke på en bestemt tolk: PYTHON310=/sti/til/python3.10 make run
MSG
exit 1
