"""A tally of checks for the Python test scripts: check() counts and
reports a failure, done() prints the closing 'N passed, N failed' line and
exits with the status ctest reads."""
import sys

_failures = 0
_checks = 0


def check(cond, what):
    global _failures, _checks
    _checks += 1
    if not cond:
        _failures += 1
        print("FAIL:", what, file=sys.stderr)


def done(name):
    print("%s: %d passed, %d failed" % (name, _checks - _failures, _failures))
    sys.exit(1 if _failures else 0)
